// The resume buffer: consecutive seqs, eviction when full, trimming by ACK, and whether it reaches back to a seq.
import { describe, expect, it } from '@jest/globals';
import { PushRing } from './push-ring.ts';

function frame(seq: number): Uint8Array {
  return new Uint8Array([seq]);
}

function filled(capacity: number, count: number, startSeq = 0): PushRing {
  const ring = new PushRing(capacity, startSeq);
  for (let seq = startSeq + 1; seq <= startSeq + count; seq++) ring.append(seq, frame(seq));
  return ring;
}

const seqs = (frames: Uint8Array[] | null) => frames?.map((f) => f[0]) ?? null;

describe('PushRing', () => {
  const cases: { desc: string; ring: () => PushRing; since: number; want: number[] | null }[] = [
    { desc: 'everything after 0', ring: () => filled(4, 3), since: 0, want: [1, 2, 3] },
    { desc: 'the tail', ring: () => filled(4, 3), since: 2, want: [3] },
    { desc: 'nothing when caught up', ring: () => filled(4, 3), since: 3, want: [] },
    { desc: 'null from the future', ring: () => filled(4, 3), since: 4, want: null },
    { desc: 'null once evicted', ring: () => filled(3, 5), since: 1, want: null },
    { desc: 'from the oldest kept', ring: () => filled(3, 5), since: 2, want: [3, 4, 5] },
    { desc: 'starting after a seq', ring: () => filled(4, 2, 10), since: 10, want: [11, 12] },
    { desc: 'null before its start', ring: () => filled(4, 2, 10), since: 9, want: null },
    {
      desc: 'acknowledged ones are gone',
      ring: () => {
        const ring = filled(4, 4);
        ring.ack(2);
        return ring;
      },
      since: 1,
      want: null,
    },
    {
      desc: 'after the ack',
      ring: () => {
        const ring = filled(4, 4);
        ring.ack(2);
        return ring;
      },
      since: 2,
      want: [3, 4],
    },
    {
      desc: 'an ack from the future trims only what exists',
      ring: () => {
        const ring = filled(4, 2);
        ring.ack(99);
        ring.append(3, frame(3));
        return ring;
      },
      since: 2,
      want: [3],
    },
  ];
  it.each(cases)('since(): $desc', ({ ring, since, want }) => {
    expect(seqs(ring().since(since))).toEqual(want);
  });

  it('keeps its size and seq straight through eviction and acks', () => {
    const ring = filled(3, 5);
    expect([ring.size, ring.seq]).toEqual([3, 5]);
    ring.ack(4);
    expect([ring.size, ring.seq]).toEqual([1, 5]);
  });

  it('refuses a seq that does not follow', () => {
    expect(() => filled(3, 2).append(4, frame(4))).toThrow(RangeError);
  });
});
