// arena.ccu: how many arena bots the `npm run cluster` topology (gate ×2, world, zone ×2, match, db on etcd and
// PGlite) sustains on this machine with request p99 ≤ 50 ms. Bots are added in steps; each step holds for a while
// and its own p99 is measured; the figure is the largest step that kept p99 within the bar with no errors. The
// baseline is the same ramp against `npm start` (every role in one process), so the ratio says what splitting
// the roles over processes costs or gains on the same two cores.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runBots } from '../src/bots/bot-run.ts';
import { BotStats } from '../src/bots/bot-stats.ts';
import { LatencyHistogram } from '../src/bots/latency-histogram.ts';
import { EtcdTestServer } from '../src/cluster/etcd/index.ts';
import { startLocalProcess } from '../src/launch/local-process.ts';
import { ProcessCluster } from '../src/launch/process-cluster.ts';
import { arenaScenario } from '../src/roles/arena/arena-bot.ts';
import { benchOptionsFromArgv } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const P99_BAR_MS = 50;
const { quick } = benchOptionsFromArgv();
const STEPS = quick ? [100, 200, 400] : [100, 200, 300, 400, 500, 600, 700, 800, 1000, 1200];
const HOLD_MS = quick ? 5_000 : 12_000;

/** BotStats that also keep the current step's latencies and errors. */
class StepStats extends BotStats {
  step = new LatencyHistogram();
  stepErrors = 0;

  override recordLatency(ms: number, route?: string): void {
    super.recordLatency(ms, route);
    this.step.record(ms);
  }

  override recordError(code: string): void {
    super.recordError(code);
    this.stepErrors++;
  }

  newStep(): void {
    this.step = new LatencyHistogram();
    this.stepErrors = 0;
  }
}

interface RampResult {
  readonly sustained: number;
  readonly p99Ms: number;
  readonly steps: { bots: number; p99Ms: number; errors: number }[];
}

/** Adds bots step by step against `urls`; returns the largest step within the bar. */
async function ramp(urls: readonly string[], label: string): Promise<RampResult> {
  const stats = new StepStats();
  const done = new AbortController();
  const runs: Promise<unknown>[] = [];
  const steps: RampResult['steps'] = [];
  const totalMs = STEPS.length * (HOLD_MS + 3_000) + 10_000;
  const started = Date.now();
  let running = 0;
  let sustained = 0;
  let sustainedP99 = 0;
  const prefix = `ccu-${randomBytes(3).toString('hex')}-`;
  for (const target of STEPS) {
    const add = target - running;
    runs.push(
      runBots(
        {
          url: urls[0]!,
          urls,
          loginUrl: '',
          count: add,
          durationMs: totalMs - (Date.now() - started),
          rampMs: 2_000,
          scenario: 'arena',
          playerPrefix: `${prefix}${running}-`,
          requestTimeoutMs: 10_000,
        },
        arenaScenario,
        { progress: () => undefined },
        {},
        stats,
        done.signal,
      ),
    );
    running = target;
    await sleep(3_000); // the new bots log in and enter the world
    stats.newStep();
    await sleep(HOLD_MS);
    const p99Ms = stats.step.percentile(99);
    steps.push({ bots: target, p99Ms: round(p99Ms), errors: stats.stepErrors });
    log(`${label}: ${target} bots -> p99 ${p99Ms.toFixed(1)} ms, ${stats.stepErrors} errors`);
    if (p99Ms > P99_BAR_MS || stats.stepErrors > 0 || stats.connectedNow < target * 0.99) break;
    sustained = target;
    sustainedP99 = p99Ms;
  }
  done.abort();
  await Promise.allSettled(runs);
  return { sustained, p99Ms: round(sustainedP99), steps };
}

async function clusterRamp(): Promise<RampResult> {
  const logDir = mkdtempSync(join(tmpdir(), 'gamecluster-ccu-'));
  const etcd = await EtcdTestServer.start({ host: '127.0.0.2' });
  const cluster = await ProcessCluster.start({
    app: 'arena',
    etcdEndpoint: etcd.endpoint,
    cluster: 'ccu',
    clusterKey: randomBytes(32).toString('base64url'),
    pgliteDir: join(logDir, 'pglite'),
    logDir,
    meshHost: (index) => `127.0.0.${80 + index}`,
    meshPort: () => 7400,
    gateHost: '127.0.0.79',
    gateArgs: ['--gate-attempts-per-ip', '1000000'],
  });
  try {
    return await ramp(
      cluster.gates.map((gate) => gate.url),
      'cluster',
    );
  } finally {
    await cluster.stop(5_000);
    await etcd.dispose();
    rmSync(logDir, { recursive: true, force: true });
  }
}

async function singleProcessRamp(): Promise<RampResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gamecluster-ccu-local-'));
  const local = await startLocalProcess({ dataDir, host: '127.0.0.78' });
  try {
    return await ramp([String(local.ready.gate)], 'one process');
  } finally {
    await local.interrupt();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

const baseline = await singleProcessRamp();
const cluster = await clusterRamp();
emitFigure({
  bench: 'arena.ccu',
  value: cluster.sustained,
  unit: 'bots',
  baseline: `the same ramp against npm start (one process): bots with p99 ≤ ${P99_BAR_MS} ms`,
  baselineValue: baseline.sustained,
  better: 'higher',
  p99Ms: cluster.p99Ms,
  barP99Ms: P99_BAR_MS,
  steps: cluster.steps,
  baselineSteps: baseline.steps,
  holdSeconds: HOLD_MS / 1000,
});
process.exit(0);
