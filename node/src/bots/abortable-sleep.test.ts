// The bots' sleep: ends on time or on abort, and leaves no listener on the signal once it ended on time.

import { getEventListeners } from 'node:events';
import { describe, expect, it } from '@jest/globals';
import { sleep } from './abortable-sleep.ts';

describe('sleep', () => {
  it('removes its abort listener when the timer fires', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 20; i++) await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('ends at once when aborted', async () => {
    const controller = new AbortController();
    const started = performance.now();
    const sleeping = sleep(10_000, controller.signal);
    controller.abort();
    await sleeping;
    expect(performance.now() - started).toBeLessThan(1_000);
  });
});
