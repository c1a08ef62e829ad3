// Table tests of placementCandidates: role intersection, any role, draining members left out, stable order.
import type { MemberInfo, MemberStatus } from '../member.ts';
import { drainingCandidates, placementCandidates } from './candidates.ts';

function member(id: string, roles: readonly string[], status: MemberStatus = 'active'): MemberInfo {
  return { id, name: id, roles, address: '127.0.0.1:1', status, load: 0, workerId: 0, joinedAt: 0 };
}

const members = [
  member('zone-2.7', ['zone']),
  member('world-1.3', ['world']),
  member('all-1.1', ['world', 'zone', 'match']),
  member('zone-1.5', ['zone'], 'draining'),
  member('gate-1.2', ['gate']),
];

describe('placementCandidates', () => {
  const cases: { desc: string; roles: readonly string[]; want: string[] }[] = [
    { desc: 'members of one role, sorted by id', roles: ['zone'], want: ['all-1.1', 'zone-2.7'] },
    { desc: 'members of any listed role', roles: ['world', 'gate'], want: ['all-1.1', 'gate-1.2', 'world-1.3'] },
    {
      desc: 'every active member when roles is empty',
      roles: [],
      want: ['all-1.1', 'gate-1.2', 'world-1.3', 'zone-2.7'],
    },
    { desc: 'nobody for a role no member has', roles: ['db'], want: [] },
  ];
  it.each(cases)('gives $desc', ({ roles, want }) => {
    expect(placementCandidates(members, roles).map((m) => m.id)).toEqual(want);
  });

  it('takes any iterable, such as a provider’s member map', () => {
    const map = new Map(members.map((m) => [m.id, m]));
    expect(placementCandidates(map.values(), ['match']).map((m) => m.id)).toEqual(['all-1.1']);
  });
});

describe('drainingCandidates', () => {
  it('gives the draining members of the roles: where hash kinds go when no active member has the role', () => {
    expect(drainingCandidates(members, ['zone']).map((m) => m.id)).toEqual(['zone-1.5']);
    expect(drainingCandidates(members, ['world']).map((m) => m.id)).toEqual([]);
  });
});
