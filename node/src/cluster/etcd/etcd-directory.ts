// The actor directory on etcd: one key per activation, created by a create-revision transaction on the owner's
// lease, so exactly one claim wins and the key's create revision (plus the cluster's epoch base) serves as the
// activation's epoch.
import type { Etcd3, IKeyValue } from 'etcd3';
import type { DirectoryEntry } from '../cluster-provider.ts';
import { type EtcdKeyLayout, epochOf } from './etcd-keys.ts';

/** Creates kind/id for `owner` on `leaseId` unless it exists; resolves with the entry that holds afterwards. */
export async function claimDirectoryEntry(
  client: Etcd3,
  keys: EtcdKeyLayout,
  kind: string,
  id: string,
  owner: string,
  leaseId: string,
): Promise<DirectoryEntry> {
  const key = keys.dirKey(kind, id);
  const response = await client
    .if(key, 'Create', '==', 0)
    .then(client.put(key).value(owner).lease(leaseId))
    .else(client.get(key))
    .commit();
  // Our put is the only write of the transaction, so its revision is the key's create revision.
  if (response.succeeded) return { kind, id, owner, epoch: epochOf(keys, response.header.revision) };
  const existing = response.responses[0]?.response_range?.kvs[0];
  if (existing === undefined) throw new Error(`etcd transaction on ${key} returned neither a put nor the key`);
  return toEntry(keys, kind, id, existing);
}

export async function lookupDirectoryEntry(
  client: Etcd3,
  keys: EtcdKeyLayout,
  kind: string,
  id: string,
): Promise<DirectoryEntry | undefined> {
  const response = await client.get(keys.dirKey(kind, id)).exec();
  const kv = response.kvs[0];
  return kv === undefined ? undefined : toEntry(keys, kind, id, kv);
}

/** Deletes the entry only if it is still this claim: same create revision (epoch) and owner. */
export async function releaseDirectoryEntry(client: Etcd3, keys: EtcdKeyLayout, entry: DirectoryEntry): Promise<void> {
  const key = keys.dirKey(entry.kind, entry.id);
  await client
    .if(key, 'Create', '==', entry.epoch - keys.epochBase)
    .and(key, 'Value', '==', entry.owner)
    .then(client.delete().key(key))
    .commit();
}

function toEntry(keys: EtcdKeyLayout, kind: string, id: string, kv: IKeyValue): DirectoryEntry {
  return { kind, id, owner: kv.value.toString(), epoch: epochOf(keys, kv.create_revision) };
}
