// Table test of push sequencing: new pushes pass, duplicates and old ones drop, gaps are counted.
import { describe, expect, it } from '@jest/globals';
import { PushSequencer } from './push-sequencer.ts';

describe('PushSequencer', () => {
  const cases = [
    { desc: 'in order', seqs: [1, 2, 3], want: [true, true, true], gaps: 0 },
    { desc: 'a duplicate', seqs: [1, 2, 2, 3], want: [true, true, false, true], gaps: 0 },
    { desc: 'replayed after resume', seqs: [1, 2, 3, 2, 3, 4], want: [true, true, true, false, false, true], gaps: 0 },
    { desc: 'a gap', seqs: [1, 3], want: [true, true], gaps: 1 },
  ];
  it.each(cases)('$desc', ({ seqs, want, gaps }) => {
    const sequencer = new PushSequencer();
    expect(seqs.map((seq) => sequencer.accept(seq))).toEqual(want);
    expect(sequencer.gaps).toBe(gaps);
  });

  it('counts unacknowledged pushes and restarts from a new session lastSeq', () => {
    const sequencer = new PushSequencer();
    sequencer.accept(1);
    sequencer.accept(2);
    expect(sequencer.unacked()).toBe(2);
    sequencer.ackedSeq = 2;
    expect(sequencer.unacked()).toBe(0);
    sequencer.reset(0);
    expect(sequencer.accept(1)).toBe(true);
  });
});
