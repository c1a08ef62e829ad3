// Member records round-trip through JSON, and malformed ones are refused with the field named.
import { describe, expect, it } from '@jest/globals';
import type { MemberInfo } from '../member.ts';
import { encodeMemberRecord, parseMemberRecord } from './member-record.ts';

const member: MemberInfo = {
  id: 'zone-1.694d8c2a1f',
  name: 'zone-1',
  roles: ['zone'],
  address: '127.0.0.5:7000',
  status: 'active',
  load: 3,
  workerId: 17,
  joinedAt: 1_760_000_000_000,
};

describe('member record', () => {
  it('round-trips', () => {
    expect(parseMemberRecord(encodeMemberRecord(member))).toEqual(member);
  });

  const cases: { desc: string; text: string; want: RegExp }[] = [
    { desc: 'not JSON', text: '{', want: /JSON/ },
    { desc: 'not an object', text: '42', want: /not a JSON object/ },
    { desc: 'missing id', text: JSON.stringify({ ...member, id: undefined }), want: /"id"/ },
    { desc: 'roles not strings', text: JSON.stringify({ ...member, roles: [1] }), want: /"roles"/ },
    { desc: 'unknown status', text: JSON.stringify({ ...member, status: 'gone' }), want: /"status"/ },
    { desc: 'load not a number', text: JSON.stringify({ ...member, load: '3' }), want: /"load"/ },
  ];
  it.each(cases)('refuses $desc', ({ text, want }) => {
    expect(() => parseMemberRecord(text)).toThrow(want);
  });
});
