// A cluster member as every node sees it: the record a node publishes under its lease and watches for others,
// and the checks and construction both providers share so a registration means the same on either.
import { InvalidClusterConfigError } from './errors.ts';

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

/**
 * True when the member may get new placements of a kind restricted to `roles` (empty = any role); a member with
 * no roles has them all.
 */
export function hostsRoles(member: MemberInfo, roles: readonly string[]): boolean {
  if (member.status !== 'active') return false;
  // A member with no roles runs every role (a single-process cluster), so it hosts every kind.
  if (roles.length === 0 || member.roles.length === 0) return true;
  for (const role of roles) if (member.roles.includes(role)) return true;
  return false;
}

/** Checks what the member id and record are built from; throws InvalidClusterConfigError listing every problem. */
export function validateRegistration(registration: MemberRegistration): void {
  const problems: string[] = [];
  if (typeof registration.name !== 'string' || !/^[^/\s]+$/.test(registration.name)) {
    problems.push(`name: ${JSON.stringify(registration.name)} must be non-empty, without '/' or spaces`);
  }
  if (typeof registration.address !== 'string') problems.push('address: must be a host:port string');
  if (!Array.isArray(registration.roles)) problems.push('roles: must be a list of role names');
  if (problems.length > 0) {
    const message = `Invalid member registration (fix it before join):\n  ${problems.join('\n  ')}`;
    throw new InvalidClusterConfigError(message, { details: { problems } });
  }
}

/** The record of one incarnation: member id `<name>.<incarnation in hex>`. */
export function memberRecord(
  registration: MemberRegistration,
  incarnation: bigint,
  workerId: number,
  joinedAt: number,
): MemberInfo {
  return {
    id: `${registration.name}.${incarnation.toString(16)}`,
    name: registration.name,
    roles: [...registration.roles],
    address: registration.address,
    status: registration.status,
    load: registration.load,
    workerId,
    joinedAt,
  };
}
