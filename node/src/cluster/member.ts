// A cluster member as every node sees it: the record a node publishes under its lease and watches for others.

export type MemberStatus = 'active' | 'draining';

/** What a node says about itself when it joins. */
export interface MemberRegistration {
  /** Stable node name (pod name, or `node-1`); the member id adds an incarnation to it. */
  readonly name: string;
  readonly roles: readonly string[];
  /** host:port where this node's mesh (gRPC) server listens. */
  readonly address: string;
  readonly status: MemberStatus;
  /** Load figure used by least-loaded placement (activations, players...; higher = busier). */
  readonly load: number;
}

/** A live member, as published in the provider. */
export interface MemberInfo extends MemberRegistration {
  /**
   * Unique per incarnation: `<name>.<incarnation>` (the incarnation is the lease id in hex with the etcd
   * provider). A node that lost its lease and rejoined is a new member with a new id.
   */
  readonly id: string;
  /** Snowflake worker id leased for this incarnation (0..1023). */
  readonly workerId: number;
  /** Wall-clock ms when this incarnation joined. */
  readonly joinedAt: number;
}

/** True when the member may get new placements of a kind restricted to `roles` (empty = any role). */
export function hostsRoles(member: MemberInfo, roles: readonly string[]): boolean {
  if (member.status !== 'active') return false;
  if (roles.length === 0) return true;
  for (const role of roles) if (member.roles.includes(role)) return true;
  return false;
}
