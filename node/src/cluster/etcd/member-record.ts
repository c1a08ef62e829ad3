// The member record as stored in etcd (JSON of MemberInfo), and its strict decoding: a record another version or a
// stray writer left behind must not reach placement half-formed.
import type { MemberInfo } from '../member.ts';

export function encodeMemberRecord(member: MemberInfo): string {
  const { id, name, roles, address, status, load, workerId, joinedAt } = member;
  return JSON.stringify({ id, name, roles, address, status, load, workerId, joinedAt });
}

/** Parses and checks a stored record; throws an Error naming the first bad field. */
export function parseMemberRecord(text: string): MemberInfo {
  const value: unknown = JSON.parse(text);
  if (typeof value !== 'object' || value === null) throw new Error('member record is not a JSON object');
  const record = value as Record<string, unknown>;
  const string = (field: string): string => {
    const v = record[field];
    if (typeof v !== 'string') throw new Error(`member record field "${field}" is not a string`);
    return v;
  };
  const number = (field: string): number => {
    const v = record[field];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw new Error(`member record field "${field}" is not a number`);
    return v;
  };
  const roles = record.roles;
  if (!Array.isArray(roles) || !roles.every((role) => typeof role === 'string')) {
    throw new Error('member record field "roles" is not a list of strings');
  }
  const status = string('status');
  if (status !== 'active' && status !== 'draining') {
    throw new Error(`member record field "status" is ${JSON.stringify(status)}, not active or draining`);
  }
  return {
    id: string('id'),
    name: string('name'),
    roles: roles as string[],
    address: string('address'),
    status,
    load: number('load'),
    workerId: number('workerId'),
    joinedAt: number('joinedAt'),
  };
}
