// Which members may receive a new placement of a kind: active members that host one of the kind's roles.
import { hostsRoles, type MemberInfo } from '../member.ts';

/**
 * The active members whose roles intersect `roles` (any role when `roles` is empty), sorted by id so that
 * strategies see the same order on every node. Draining members are left out: they get no new placements.
 */
export function placementCandidates(members: Iterable<MemberInfo>, roles: readonly string[]): MemberInfo[] {
  const candidates: MemberInfo[] = [];
  for (const member of members) if (hostsRoles(member, roles)) candidates.push(member);
  return candidates.sort(byId);
}

/**
 * The draining members whose roles intersect `roles`: where a `hash` kind goes when no active member hosts its
 * role (the last db node of a cluster drains: its StoreShards still take the last saves until it stops).
 */
export function drainingCandidates(members: Iterable<MemberInfo>, roles: readonly string[]): MemberInfo[] {
  const candidates: MemberInfo[] = [];
  for (const member of members) {
    if (member.status === 'draining' && hostsRoles({ ...member, status: 'active' }, roles)) candidates.push(member);
  }
  return candidates.sort(byId);
}

function byId(a: MemberInfo, b: MemberInfo): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
