// The `idle` scenario: bots connect and only keep their sessions alive with heartbeats (connection capacity).
import { type Scenario, untilAborted } from './scenario.ts';

export const idleScenario: Scenario = {
  name: 'idle',
  description: 'connects and only heartbeats',
  run: (ctx) => untilAborted(ctx.signal),
};
