// The drain bookkeeping on a stand-in node whose drain the test resolves: one drain however often it is asked
// for, its times, drained only when nothing was left unsaved, failed with the reason otherwise, refused while
// the node does not serve.
import { describe, expect, it } from '@jest/globals';
import type { GameNode } from '../game-node.ts';
import { type DrainProgress, DrainTracker, NO_DRAIN } from './drain-tracker.ts';

type DrainResult = Awaited<ReturnType<GameNode['drain']>>;

/** A node whose drain() waits until the test settles it. */
class StandInNode {
  lifecycle: GameNode['lifecycle'] = 'started';
  drains = 0;
  private settle: { resolve: (r: DrainResult) => void; reject: (e: unknown) => void } | undefined;
  drain(): Promise<DrainResult> {
    this.drains++;
    this.lifecycle = 'draining';
    return new Promise((resolve, reject) => {
      this.settle = { resolve, reject };
    });
  }
  finish(result: DrainResult): void {
    this.settle?.resolve(result);
  }
  fail(error: unknown): void {
    this.settle?.reject(error);
  }
}

function tracker(node: StandInNode, finished: DrainProgress[] = []): DrainTracker {
  let now = Date.parse('2030-01-01T00:00:00.000Z');
  return new DrainTracker(node, { nowMs: () => (now += 1000), onFinished: (p) => finished.push(p) });
}

describe('DrainTracker', () => {
  it('starts one drain however often it is asked, and reports it running, then drained', async () => {
    const node = new StandInNode();
    const finished: DrainProgress[] = [];
    const drains = tracker(node, finished);
    expect(drains.progress).toBe(NO_DRAIN);
    const first = drains.start({ deadlineSeconds: 90 });
    expect(first).toEqual({
      outcome: 'started',
      progress: {
        ...NO_DRAIN,
        state: 'draining',
        startedAt: '2030-01-01T00:00:01.000Z',
        deadlineAt: '2030-01-01T00:01:31.000Z',
      },
    });
    expect(drains.start()).toEqual({ outcome: 'running', progress: first.progress });
    const waiting = drains.run();
    expect(node.drains).toBe(1);

    node.finish({ flushed: 4, unsaved: 0, migrated: 2 });
    const ended = await waiting;
    expect(ended).toEqual({
      ...first.progress,
      state: 'drained',
      finishedAt: '2030-01-01T00:00:02.000Z',
      flushed: 4,
      migrated: 2,
    });
    expect(drains.progress).toBe(ended);
    expect(drains.start()).toEqual({ outcome: 'finished', progress: ended });
    expect(await drains.run()).toBe(ended);
    expect(finished).toEqual([ended]);
    expect(node.drains).toBe(1);
  });

  it('fails a drain that left documents unsaved, keeping its counts', async () => {
    const node = new StandInNode();
    const drains = tracker(node);
    const waiting = drains.run();
    node.finish({ flushed: 1, unsaved: 3, migrated: 0 });
    const ended = await waiting;
    expect(ended).toMatchObject({ state: 'failed', flushed: 1, unsaved: 3 });
    expect(ended.error).toMatch(/^3 dirty document\(s\) were not saved within the flush timeout/);
  });

  it('fails a drain that threw, with its message', async () => {
    const node = new StandInNode();
    const drains = tracker(node);
    drains.start();
    node.fail(new Error('the gate could not hand over'));
    const ended = await drains.run();
    expect(ended).toMatchObject({ state: 'failed', error: 'the drain threw: the gate could not hand over' });
    expect(ended.finishedAt).not.toBeNull();
  });

  it.each(['new', 'stopping'] as const)('refuses while the node is %s, and starts nothing', async (lifecycle) => {
    const node = new StandInNode();
    node.lifecycle = lifecycle;
    const drains = tracker(node);
    const refused = drains.start();
    expect(refused).toMatchObject({ outcome: 'refused', progress: NO_DRAIN });
    expect(refused.outcome === 'refused' && refused.reason).toMatch(lifecycle === 'new' ? /not joined/ : /stopping/);
    expect((await drains.run()).state).toBe('none');
    expect(node.drains).toBe(0);
  });
});
