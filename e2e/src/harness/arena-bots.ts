// Arena bots against the gates of a running cluster, the way the suites drive them: spread over the gates, ramped
// in over 5 s, each with a run-unique player prefix, progress on stderr.
import { randomBytes } from 'node:crypto';
import { runBots } from '../../../node/src/bots/bot-run.ts';
import type { BotSummary } from '../../../node/src/bots/bot-stats.ts';
import type { Scenario } from '../../../node/src/bots/scenario.ts';

export interface ArenaBotRun {
  readonly gateUrls: readonly string[];
  readonly count: number;
  readonly durationMs: number;
  readonly scenario: Scenario;
  /** Player ids start with `<prefix>-<random>-`. */
  readonly prefix: string;
}

export function runArenaBots(run: ArenaBotRun): Promise<BotSummary> {
  return runBots(
    {
      url: run.gateUrls[0]!,
      urls: run.gateUrls,
      loginUrl: '',
      count: run.count,
      durationMs: run.durationMs,
      rampMs: 5_000,
      scenario: run.scenario.name,
      playerPrefix: `${run.prefix}-${randomBytes(3).toString('hex')}-`,
      requestTimeoutMs: 10_000,
    },
    run.scenario,
    { progress: (line) => process.stderr.write(`  ${line}\n`) },
  );
}
