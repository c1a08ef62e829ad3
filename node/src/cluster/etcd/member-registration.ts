// Publishes one incarnation of a member: leases a free snowflake worker id and writes the member record in the
// same transaction, both on the member's lease, so a worker id is held exactly as long as the member lives. Also
// checks a registration before its name becomes part of keys, and applies status/load changes to a record.
import type { Etcd3 } from 'etcd3';
import { SNOWFLAKE_MAX_WORKER_ID } from '../../ids/index.ts';
import { ClusterUnavailableError } from '../errors.ts';
import type { MemberInfo, MemberRegistration, MemberStatus } from '../member.ts';
import type { EtcdKeyLayout } from './etcd-keys.ts';
import { parseClusterKey } from './etcd-keys.ts';
import { encodeMemberRecord } from './member-record.ts';

const WORKER_ID_COUNT = SNOWFLAKE_MAX_WORKER_ID + 1;

/**
 * Tries the worker ids free at the last read, starting at a random one (so joining nodes rarely race for the
 * same id), each with a create-if-absent transaction that also writes the member record. Resolves with the record.
 */
export async function registerMember(
  client: Etcd3,
  keys: EtcdKeyLayout,
  leaseId: string,
  recordFor: (workerId: number) => MemberInfo,
  random: () => number = Math.random,
): Promise<MemberInfo> {
  const taken = new Set<number>();
  for (const key of await client.getAll().prefix(keys.workersPrefix).keys()) {
    const parsed = parseClusterKey(keys, key);
    if (parsed?.type === 'worker') taken.add(parsed.workerId);
  }
  const start = Math.floor(random() * WORKER_ID_COUNT);
  // Ids taken at the read go last rather than never: their owners may have expired since.
  const order: number[] = [];
  for (let i = 0; i < WORKER_ID_COUNT; i++) order.push((start + i) % WORKER_ID_COUNT);
  order.sort((a, b) => Number(taken.has(a)) - Number(taken.has(b)));
  for (const workerId of order) {
    const member = recordFor(workerId);
    const workerKey = keys.workerKey(workerId);
    const response = await client
      .if(workerKey, 'Create', '==', 0)
      .then(
        client.put(workerKey).value(member.id).lease(leaseId),
        client.put(keys.memberKey(member.id)).value(encodeMemberRecord(member)).lease(leaseId),
      )
      .commit();
    if (response.succeeded) return member;
  }
  throw new ClusterUnavailableError(
    `all ${WORKER_ID_COUNT} snowflake worker ids under ${keys.workersPrefix} are held by live members; ` +
      'a cluster has at most that many nodes: stop some, or wait for crashed ones to expire',
  );
}

/** Publishes a changed record of an already registered member (status, load) on the same lease. */
export async function updateMemberRecord(
  client: Etcd3,
  keys: EtcdKeyLayout,
  leaseId: string,
  member: MemberInfo,
): Promise<void> {
  await client.put(keys.memberKey(member.id)).value(encodeMemberRecord(member)).lease(leaseId).exec();
}

/** The record with a status/load change applied (fields left undefined are kept). */
export function applyChange<T extends MemberRegistration>(
  record: T,
  change: { readonly status?: MemberStatus; readonly load?: number },
): T {
  return {
    ...record,
    ...(change.status !== undefined ? { status: change.status } : {}),
    ...(change.load !== undefined ? { load: change.load } : {}),
  };
}
