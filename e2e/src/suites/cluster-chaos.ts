// `npm run e2e -- cluster-chaos`: 1 etcd + 4 node processes; a driver (this process, a cluster member with no
// worker role) keeps 500 directory-placed actors busy with asks while nodes are SIGKILLed and restarted about
// every 10 s and one is SIGSTOPped past its lease and resumed. Checked at the end: no two activations of one actor
// served at overlapping times, no ask outlived its deadline, and service recovered within lease TTL + 2 s of each
// kill.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EtcdTestServer } from '../../../node/src/cluster/etcd/index.ts';
import { GameclusterError } from '../../../node/src/errors/index.ts';
import type { GameNode } from '../../../node/src/game-node.ts';
import { driverNode, killAndRestart, pause, pick, runSchedule, type ScheduledFault, sleep } from '../harness/chaos.ts';
import { NodeProcess } from '../harness/node-process.ts';
import type { Suite, SuiteSummary } from '../suite.ts';
import {
  type ActivationRecord,
  type AskRecord,
  asksByActor,
  type FaultRecord,
  hungAsks,
  overlappingActivations,
  recoverySeconds,
} from './chaos-invariants.ts';
import { type ActivationLine, ChaosActor, register } from './cluster-chaos-app.ts';

const APP = fileURLToPath(new URL('./cluster-chaos-app.ts', import.meta.url));
const NODES = 4;
const ACTORS = 500;
const CONCURRENCY = 48;
const RUN_MS = 60_000;
const LEASE_TTL_MS = 5_000;
const ASK_TIMEOUT_MS = 2_000;
const HANG_GRACE_MS = 1_000;
const KILL_AT_MS = [8_000, 18_000, 38_000, 48_000];
const STOP_AT_MS = 27_000;
const STOP_FOR_MS = LEASE_TTL_MS + 2_000;
const RESTART_AFTER_MS = 500;

export const clusterChaosSuite: Suite = {
  name: 'cluster-chaos',
  description: `4 nodes on etcd, ${ACTORS} actors under asks for ${RUN_MS / 1000} s, SIGKILL/restart and SIGSTOP; checks single activation`,
  run: runChaos,
};

async function runChaos(): Promise<SuiteSummary> {
  const started = Date.now();
  const logDir = mkdtempSync(join(tmpdir(), 'gamecluster-chaos-'));
  const etcd = await EtcdTestServer.start({ host: '127.0.0.2' });
  const activations = new Map<string, ActivationRecord>();
  const onLine = (line: Record<string, unknown>) => {
    if (typeof line.event !== 'string' || !line.event.startsWith('chaos.')) return;
    const report = line as unknown as ActivationLine;
    const key = `${report.a}|${report.e}`;
    let record = activations.get(key);
    if (record === undefined) {
      record = { actor: report.a, node: report.n, epoch: report.e, firstServed: report.f, lastServed: report.l };
      activations.set(key, record);
    }
    if (record.firstServed === 0) record.firstServed = report.f;
    record.lastServed = Math.max(record.lastServed, report.l);
  };
  const nodes: NodeProcess[] = [];
  for (let i = 0; i < NODES; i++) {
    const name = `worker-${i + 1}`;
    nodes.push(
      new NodeProcess({
        name,
        onLine,
        stderrFile: join(logDir, `${name}.log`),
        args: [
          '--app',
          APP,
          '--name',
          name,
          '--roles',
          'worker',
          '--provider',
          'etcd',
          '--etcd',
          etcd.endpoint,
          '--cluster',
          'chaos',
          '--lease-ttl-ms',
          String(LEASE_TTL_MS),
          '--mesh-host',
          `127.0.0.${30 + i}`,
          '--mesh-port',
          String(24_000 + i),
        ],
      }),
    );
  }
  const driver = driverNode({
    etcdEndpoint: etcd.endpoint,
    cluster: 'chaos',
    host: '127.0.0.29',
    leaseTtlMs: LEASE_TTL_MS,
    askTimeoutMs: ASK_TIMEOUT_MS,
  });
  register(driver);
  const faults: FaultRecord[] = [];
  const asks: AskRecord[] = [];
  try {
    await Promise.all(nodes.map((node) => node.start()));
    await driver.start();
    await waitForMembers(driver, NODES + 1);

    const runStart = Date.now();
    const deadline = runStart + RUN_MS;
    const load = Array.from({ length: CONCURRENCY }, () => askLoop(driver, asks, deadline));
    const chaos = injectFaults(nodes, faults, runStart);
    await Promise.all([...load, chaos]);
    // Let the last asks settle (or be counted hung) and the nodes' last serving reports arrive.
    await sleep(ASK_TIMEOUT_MS + HANG_GRACE_MS);
    const endOfRun = Date.now();

    const overlaps = overlappingActivations(activations.values());
    const hung = hungAsks(asks, ASK_TIMEOUT_MS, HANG_GRACE_MS, endOfRun);
    const index = asksByActor(asks);
    const kills = faults.filter((f) => f.kind === 'kill');
    const recoveries = kills.map((fault) => recoverySeconds(fault, activations.values(), index, 2_000));
    const stopRecovery = faults
      .filter((f) => f.kind === 'stop')
      .map((fault) => recoverySeconds(fault, activations.values(), index, 2_000));
    const maxRecoverySeconds = round(Math.max(0, ...recoveries));
    const asksOk = asks.filter((a) => a.ok).length;
    const asksFailed = asks.length - asksOk;
    const failuresByCode: Record<string, number> = {};
    for (const ask of asks)
      if (!ask.ok) failuresByCode[ask.code ?? 'none'] = (failuresByCode[ask.code ?? 'none'] ?? 0) + 1;
    const recoveryBar = LEASE_TTL_MS / 1000 + 2;
    const pass =
      overlaps.length === 0 &&
      hung.length === 0 &&
      asksOk > 0 &&
      kills.length === KILL_AT_MS.length &&
      maxRecoverySeconds <= recoveryBar;
    return {
      suite: 'cluster-chaos',
      pass,
      duplicateActivations: overlaps.length,
      asksOk,
      asksFailed,
      hungAsks: hung.length,
      maxRecoverySeconds,
      recoveryBarSeconds: recoveryBar,
      recoverySecondsPerKill: recoveries.map(round),
      stopRecoverySeconds: stopRecovery.map(round),
      kills: kills.length,
      stops: faults.length - kills.length,
      activations: activations.size,
      failuresByCode,
      examples: overlaps.slice(0, 3),
      logs: logDir,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await driver.stop().catch(() => {});
    for (const node of nodes) node.signal('SIGCONT');
    await Promise.all(nodes.map((node) => node.stop(5_000)));
    for (const node of nodes) node.closeLog();
    await etcd.dispose();
    if (process.env.GAMECLUSTER_KEEP_LOGS === undefined) rmSync(logDir, { recursive: true, force: true });
  }
}

/** One of the driver's concurrent callers: asks random actors until the deadline, recording every outcome. */
async function askLoop(driver: GameNode, asks: AskRecord[], deadline: number): Promise<void> {
  while (Date.now() < deadline) {
    const actor = `actor-${Math.floor(Math.random() * ACTORS)}`;
    const record: AskRecord = { actor, start: Date.now(), end: undefined, ok: false };
    asks.push(record);
    try {
      const served = await driver.system.ref(ChaosActor, actor).work(1);
      record.end = Date.now();
      record.ok = true;
      record.node = served.node;
    } catch (error) {
      record.end = Date.now();
      record.code = error instanceof GameclusterError ? error.code : 'untyped';
      // A failed target is usually down for a while: do not spin on it.
      await sleep(20);
    }
  }
}

function injectFaults(nodes: NodeProcess[], faults: FaultRecord[], runStart: number): Promise<void> {
  const schedule: ScheduledFault[] = KILL_AT_MS.map((at) => ({
    at,
    run: async () => {
      const node = pick(nodes.filter((n) => n.running));
      faults.push({ kind: 'kill', member: node.member, at: Date.now() });
      await killAndRestart(node, RESTART_AFTER_MS);
    },
  }));
  schedule.push({
    at: STOP_AT_MS,
    run: async () => {
      const node = pick(nodes.filter((n) => n.running));
      faults.push({ kind: 'stop', member: node.member, at: Date.now() });
      await pause(node, STOP_FOR_MS);
    },
  });
  return runSchedule(schedule, runStart);
}

async function waitForMembers(node: GameNode, count: number): Promise<void> {
  const until = Date.now() + 10_000;
  while (node.cluster.provider.members().size < count) {
    if (Date.now() > until) throw new Error(`only ${node.cluster.provider.members().size} of ${count} members joined`);
    await sleep(50);
  }
}

function round(n: number): number {
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : n;
}
