// The `echo` scenario: each bot loops `player.echo` requests at 80% of the gate's advertised message rate, so what
// it measures is the round trip through the gate to the player's actor and back, not time spent waiting in the
// SDK's pacing queue.
import type { Scenario } from './scenario.ts';

/** Share of WELCOME.limits.messagesPerSecond a bot uses (heartbeats and ACKs need the rest). */
const RATE_SHARE = 0.8;

export const echoScenario: Scenario = {
  name: 'echo',
  description: 'loops player.echo requests at 80% of the gate rate limit',
  async run(ctx) {
    let n = 0;
    let nextAt = performance.now();
    while (!ctx.signal.aborted && ctx.client.state !== 'closed') {
      const rate = (ctx.client.session?.limits.messagesPerSecond ?? 10) * RATE_SHARE;
      nextAt = Math.max(nextAt + 1000 / rate, performance.now());
      await ctx.timedRequest('player.echo', { bot: ctx.index, n: n++ });
      const waitMs = nextAt - performance.now();
      if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    }
  },
};
