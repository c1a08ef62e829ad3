// Conditions keep their transition time while their status holds, and take the new time when it flips.
import { describe, expect, it } from '@jest/globals';
import type { Condition } from '../api/game-cluster.ts';
import { mergeConditions } from './conditions.ts';

const earlier = '2026-01-01T00:00:00.000Z';
const now = new Date('2026-01-02T00:00:00.000Z');

describe('mergeConditions', () => {
  it('keeps the transition time of an unchanged status and sets it for a changed or new one', () => {
    const previous: Condition[] = [
      {
        type: 'Ready',
        status: 'True',
        reason: 'AllReady',
        message: '',
        lastTransitionTime: earlier,
        observedGeneration: 1,
      },
      {
        type: 'Progressing',
        status: 'False',
        reason: 'Steady',
        message: '',
        lastTransitionTime: earlier,
        observedGeneration: 1,
      },
    ];
    const merged = mergeConditions(
      previous,
      [
        { type: 'Ready', status: 'True', reason: 'AllReady', message: 'ok', observedGeneration: 2 },
        { type: 'Progressing', status: 'True', reason: 'RollingUpdate', message: 'zone 1/2', observedGeneration: 2 },
        { type: 'Degraded', status: 'False', reason: 'Healthy', message: '', observedGeneration: 2 },
      ],
      now,
    );
    expect(merged.map((c) => [c.type, c.lastTransitionTime, c.observedGeneration])).toEqual([
      ['Ready', earlier, 2],
      ['Progressing', now.toISOString(), 2],
      ['Degraded', now.toISOString(), 2],
    ]);
    expect(merged[0]!.message).toBe('ok');
  });
});
