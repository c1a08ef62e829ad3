// Direct and property tests of rendezvous hashing: determinism, even spread, and minimal movement on churn.
import fc from 'fast-check';
import type { MemberInfo } from '../member.ts';
import { rendezvousOwner, rendezvousWeight } from './rendezvous.ts';

function member(id: string): MemberInfo {
  return { id, name: id, roles: [], address: '127.0.0.1:1', status: 'active', load: 0, workerId: 0, joinedAt: 0 };
}

const keys = Array.from({ length: 10_000 }, (_, i) => `Player/${i}`);
const fiveMembers = ['zone-a.1', 'zone-b.2', 'zone-c.3', 'zone-d.4', 'zone-e.5'].map(member);

function owners(members: readonly MemberInfo[]): string[] {
  return keys.map((key) => rendezvousOwner(key, members)?.id ?? '');
}

describe('rendezvousWeight', () => {
  it('is a non-negative safe integer of up to 53 bits', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (memberId, key) => {
        const weight = rendezvousWeight(memberId, key);
        return Number.isSafeInteger(weight) && weight >= 0;
      }),
    );
  });

  it('keeps the member id and the key apart', () => {
    expect(rendezvousWeight('ab', 'c')).not.toBe(rendezvousWeight('a', 'bc'));
    expect(rendezvousWeight('', 'abc')).not.toBe(rendezvousWeight('abc', ''));
  });
});

describe('rendezvousOwner', () => {
  it('has no owner without members', () => {
    expect(rendezvousOwner('Player/1', [])).toBeUndefined();
  });

  it('is deterministic and independent of member order', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }),
        fc.string(),
        (ids, key) => {
          const members = ids.map(member);
          const owner = rendezvousOwner(key, members);
          expect(owner).toBeDefined();
          expect(rendezvousOwner(key, [...members].reverse())?.id).toBe(owner?.id);
          expect(rendezvousOwner(key, ids.map(member))?.id).toBe(owner?.id);
        },
      ),
    );
  });

  it('spreads 10k keys over 5 members within ±15% of the mean', () => {
    const counts = new Map<string, number>();
    for (const owner of owners(fiveMembers)) counts.set(owner, (counts.get(owner) ?? 0) + 1);
    const mean = keys.length / fiveMembers.length;
    expect(counts.size).toBe(fiveMembers.length);
    for (const count of counts.values()) {
      expect(count).toBeGreaterThanOrEqual(mean * 0.85);
      expect(count).toBeLessThanOrEqual(mean * 1.15);
    }
  });

  it('moves only the removed member’s keys, about 1/N of them', () => {
    const before = owners(fiveMembers);
    const removed = 'zone-c.3';
    const after = owners(fiveMembers.filter((m) => m.id !== removed));
    let moved = 0;
    for (let i = 0; i < keys.length; i++) {
      if (before[i] === after[i]) continue;
      moved++;
      expect(before[i]).toBe(removed);
    }
    expect(moved / keys.length).toBeLessThanOrEqual(1 / 5 + 0.02);
    expect(moved).toBe(before.filter((id) => id === removed).length);
  });

  it('moves only keys to an added member, about 1/(N+1) of them', () => {
    const before = owners(fiveMembers);
    const added = 'zone-f.6';
    const after = owners([...fiveMembers, member(added)]);
    let moved = 0;
    for (let i = 0; i < keys.length; i++) {
      if (before[i] === after[i]) continue;
      moved++;
      expect(after[i]).toBe(added);
    }
    expect(moved / keys.length).toBeLessThanOrEqual(1 / 6 + 0.02);
    expect(moved / keys.length).toBeGreaterThanOrEqual(1 / 6 - 0.02);
  });

  it('moves only keys of or to the changed member for any member set (property)', () => {
    const sample = keys.slice(0, 2000);
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}-[0-9]{1,3}\.[0-9]{1,4}$/), { minLength: 2, maxLength: 8 }),
        fc.nat(),
        (ids, pick) => {
          const members = ids.map(member);
          const changed = ids[pick % ids.length] as string;
          const without = members.filter((m) => m.id !== changed);
          let moved = 0;
          let movedOfOthers = 0;
          for (const key of sample) {
            const withOwner = rendezvousOwner(key, members)?.id;
            const withoutOwner = rendezvousOwner(key, without)?.id;
            if (withOwner === withoutOwner) continue;
            moved++;
            // Removing `changed` moves exactly its keys; adding it back moves exactly those keys to it.
            if (withOwner !== changed) movedOfOthers++;
          }
          expect(movedOfOthers).toBe(0);
          // 2000 keys: the standard deviation of the moved fraction is below 0.012, so 0.06 is five of them.
          expect(moved / sample.length).toBeLessThanOrEqual(1 / ids.length + 0.06);
        },
      ),
    );
  });
});
