// The work queue: one entry per key, never two workers on one key, events during processing not lost, backoff
// doubling per failure and reset on success, delayed visits (earliest wins), shutdown releasing workers.
import { describe, expect, it } from '@jest/globals';
import { WorkQueue } from './work-queue.ts';

/** Timers the test fires by hand, on a clock it moves. */
class ManualTimers {
  nowMs = 0;
  private next = 1;
  readonly pending = new Map<number, { dueMs: number; fn: () => void }>();

  setTimer = (fn: () => void, ms: number): unknown => {
    const id = this.next++;
    this.pending.set(id, { dueMs: this.nowMs + ms, fn });
    return id;
  };

  clearTimer = (timer: unknown): void => {
    this.pending.delete(timer as number);
  };

  advance(ms: number): void {
    this.nowMs += ms;
    for (const [id, timer] of [...this.pending].sort((a, b) => a[1].dueMs - b[1].dueMs)) {
      if (timer.dueMs > this.nowMs) continue;
      this.pending.delete(id);
      timer.fn();
    }
  }
}

function queueWithTimers(): { queue: WorkQueue; timers: ManualTimers } {
  const timers = new ManualTimers();
  const queue = new WorkQueue({
    now: () => timers.nowMs,
    setTimer: timers.setTimer,
    clearTimer: timers.clearTimer,
    baseDelayMs: 10,
    maxDelayMs: 1_000,
  });
  return { queue, timers };
}

describe('WorkQueue', () => {
  it('queues a key once however often it is added, in order of first add', async () => {
    const queue = new WorkQueue();
    queue.add('ns/a');
    queue.add('ns/b');
    queue.add('ns/a');
    expect(queue.depth).toBe(2);
    expect(await queue.get()).toBe('ns/a');
    expect(await queue.get()).toBe('ns/b');
    expect(queue.depth).toBe(0);
  });

  it('never hands a key being processed to a second worker, and requeues it after if it changed meanwhile', async () => {
    const queue = new WorkQueue();
    queue.add('ns/a');
    const first = await queue.get();
    queue.add('ns/a');
    expect(queue.depth).toBe(0);
    const second = queue.get();
    let handed = false;
    void second.then(() => {
      handed = true;
    });
    await Promise.resolve();
    expect(handed).toBe(false);
    queue.done(first!);
    expect(await second).toBe('ns/a');
  });

  it('hands a key to a worker already waiting', async () => {
    const queue = new WorkQueue();
    const waiting = queue.get();
    queue.add('ns/a');
    expect(await waiting).toBe('ns/a');
  });

  it('backs a failing key off exponentially up to the cap, and starts over after a success', () => {
    const { queue } = queueWithTimers();
    const delays = Array.from({ length: 9 }, () => queue.addRateLimited('ns/a'));
    expect(delays).toEqual([10, 20, 40, 80, 160, 320, 640, 1_000, 1_000]);
    expect(queue.retries('ns/a')).toBe(9);
    queue.forget('ns/a');
    expect(queue.addRateLimited('ns/a')).toBe(10);
  });

  it('delays a visit, and an earlier one replaces a later one', async () => {
    const { queue, timers } = queueWithTimers();
    queue.addAfter('ns/a', 500);
    queue.addAfter('ns/a', 100);
    queue.addAfter('ns/a', 300);
    expect(timers.pending.size).toBe(1);
    timers.advance(99);
    expect(queue.depth).toBe(0);
    timers.advance(1);
    expect(queue.depth).toBe(1);
    expect(await queue.get()).toBe('ns/a');
  });

  it('releases waiting workers with null at shutdown and cancels delayed visits', async () => {
    const { queue, timers } = queueWithTimers();
    queue.addAfter('ns/a', 100);
    const waiting = queue.get();
    queue.shutDown();
    expect(await waiting).toBeNull();
    expect(timers.pending.size).toBe(0);
    queue.add('ns/b');
    expect(await queue.get()).toBeNull();
  });
});
