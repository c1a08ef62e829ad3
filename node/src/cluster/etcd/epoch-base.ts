// Epochs must only grow for an actor, across everything that may ever write its document. etcd revisions restart
// at 1 when an etcd cluster is replaced (new data dir) while the database keeps its rows, so an epoch is the
// key's create revision plus a base set once per etcd cluster: the wall clock in microseconds when the first node
// joined it. A later etcd cluster gets a later base, far past any revision the old one reached (revisions grow by
// thousands per second, the base by a million), so its epochs still beat the stored ones.
import type { Etcd3 } from 'etcd3';
import type { EtcdKeyLayout } from './etcd-keys.ts';

/** Reads the cluster's epoch base, creating it if this is the first node; sets `keys.epochBase`. */
export async function ensureEpochBase(client: Etcd3, keys: EtcdKeyLayout, nowMs: number): Promise<number> {
  const proposed = String(Math.floor(nowMs) * 1000);
  const response = await client
    .if(keys.epochBaseKey, 'Create', '==', 0)
    .then(client.put(keys.epochBaseKey).value(proposed))
    .else(client.get(keys.epochBaseKey))
    .commit();
  const text = response.succeeded ? proposed : response.responses[0]?.response_range?.kvs[0]?.value.toString();
  const base = Number(text);
  if (!Number.isSafeInteger(base) || base < 0) {
    throw new Error(
      `${keys.epochBaseKey} holds ${JSON.stringify(text)}, not an epoch base; delete the key to reset it`,
    );
  }
  keys.epochBase = base;
  return base;
}
