// The chaos suite's checks must be able to fail: each is shown a history that breaks it.
import { describe, expect, it } from '@jest/globals';
import {
  type ActivationRecord,
  type AskRecord,
  asksByActor,
  hungAsks,
  overlappingActivations,
  recoverySeconds,
} from './chaos-invariants.ts';

const act = (
  actor: string,
  node: string,
  epoch: number,
  firstServed: number,
  lastServed: number,
): ActivationRecord => ({
  actor,
  node,
  epoch,
  firstServed,
  lastServed,
});

describe('chaos invariants', () => {
  it('finds two activations of one actor that served at overlapping times', () => {
    const records = [act('a', 'n1', 10, 100, 500), act('a', 'n2', 20, 400, 900), act('b', 'n1', 11, 100, 900)];
    const overlaps = overlappingActivations(records);
    expect(overlaps).toHaveLength(1);
    expect(overlaps[0]!.map((r) => r.epoch)).toEqual([10, 20]);
  });

  it('accepts activations that follow each other and ignores ones that never served', () => {
    const records = [act('a', 'n1', 10, 100, 300), act('a', 'n2', 20, 301, 900), act('a', 'n3', 30, 0, 0)];
    expect(overlappingActivations(records)).toEqual([]);
  });

  it('counts asks that never settled or settled past their deadline as hung', () => {
    const asks: AskRecord[] = [
      { actor: 'a', start: 0, end: 2_500, ok: false, code: 'GC_ERR_ASK_TIMEOUT' },
      { actor: 'a', start: 0, end: 3_500, ok: false },
      { actor: 'a', start: 0, end: undefined, ok: false },
    ];
    expect(hungAsks(asks, 2_000, 1_000, 10_000)).toHaveLength(2);
  });

  it('measures recovery from a fault as the first answer from another member', () => {
    const activations = [act('a', 'n1', 10, 100, 990), act('b', 'n2', 11, 100, 990)];
    const asks: AskRecord[] = [
      { actor: 'a', start: 1_100, end: 1_200, ok: true, node: 'n1' },
      { actor: 'a', start: 5_000, end: 6_500, ok: true, node: 'n3' },
      { actor: 'b', start: 1_100, end: 1_150, ok: true, node: 'n2' },
    ];
    expect(
      recoverySeconds({ kind: 'kill', member: 'n1', at: 1_000 }, activations, asksByActor(asks), 2_000),
    ).toBeCloseTo(5.5);
    const never: AskRecord[] = [{ actor: 'a', start: 1_100, end: 1_200, ok: false }];
    expect(recoverySeconds({ kind: 'kill', member: 'n1', at: 1_000 }, activations, asksByActor(never), 2_000)).toBe(
      Number.POSITIVE_INFINITY,
    );
  });
});
