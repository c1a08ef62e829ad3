// `npm run e2e -- arena`: the `npm run cluster` topology (gate ×2, world, zone ×2, match, db) on real etcd and
// PostgreSQL with 300 arena bots for 60 s. Passes when no bot saw a protocol or request error, every bot finished
// at least one match, the gold in PostgreSQL equals the gold the bots were told they collected, and no bot ever
// received an entity outside its area of interest.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { EtcdTestServer } from '../../../node/src/cluster/etcd/index.ts';
import { ProcessCluster } from '../../../node/src/launch/process-cluster.ts';
import { createArenaScenario } from '../../../node/src/roles/arena/arena-bot.ts';
import { decodeDocument } from '../../../node/src/state/stores/index.ts';
import { runArenaBots } from '../harness/arena-bots.ts';
import type { Suite, SuiteSummary } from '../suite.ts';

const POSTGRES = process.env.GAMECLUSTER_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const BOTS = Number(process.env.GAMECLUSTER_ARENA_BOTS ?? 300);
const RUN_MS = 60_000;

export const arenaSuite: Suite = {
  name: 'arena',
  description: `npm run cluster topology on etcd + PostgreSQL, ${BOTS} arena bots for ${RUN_MS / 1000} s: matches, gold, area of interest`,
  run: runArena,
};

async function runArena(): Promise<SuiteSummary> {
  const started = Date.now();
  const logDir = mkdtempSync(join(tmpdir(), 'gamecluster-arena-'));
  const database = `gc_arena_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(POSTGRES);
  databaseUrl.pathname = `/${database}`;
  const etcd = await EtcdTestServer.start({ host: '127.0.0.2' });
  let cluster: ProcessCluster | undefined;
  let keepLogs = true;
  try {
    cluster = await ProcessCluster.start({
      app: 'arena',
      etcdEndpoint: etcd.endpoint,
      cluster: 'arena',
      clusterKey: randomBytes(32).toString('base64url'),
      postgresUrl: databaseUrl.toString(),
      logDir,
      meshHost: (index) => `127.0.0.${60 + index}`,
      meshPort: () => 7400,
      gateHost: '127.0.0.59',
      gatePort: 7350,
      extraArgs: ['--flush-interval-ms', '1000'],
      gateArgs: ['--gate-attempts-per-ip', '100000'],
    });
    const clusterReadySeconds = (Date.now() - started) / 1000;
    const playersWithMatch = new Set<string>();
    const matchIds = new Set<string>();
    const scenario = createArenaScenario({
      matchFinished(matchId, playerId) {
        matchIds.add(matchId);
        playersWithMatch.add(playerId);
      },
    });
    const bots = await runArenaBots({
      gateUrls: cluster.gates.map((gate) => gate.url),
      count: BOTS,
      durationMs: RUN_MS,
      scenario: scenario,
      prefix: 'arena',
    });
    // Stopping the nodes (gates first, db last) saves every dirty document: then PostgreSQL has all the gold.
    await cluster.stop();
    cluster = undefined;
    const db = new pg.Client({ connectionString: databaseUrl.toString() });
    await db.connect();
    let goldInDatabase = 0;
    let playersInDatabase = 0;
    try {
      const rows = await db.query<{ id: string; doc: Buffer | null }>(
        `SELECT id, doc FROM gamecluster_state WHERE kind = 'Player'`,
      );
      for (const row of rows.rows) {
        if (row.doc === null) continue;
        const player = decodeDocument({ kind: 'Player', id: row.id }, row.doc) as { gold?: number };
        goldInDatabase += player.gold ?? 0;
        playersInDatabase++;
      }
    } finally {
      await db.end();
    }
    const goldCollected = bots.counters.goldCollected ?? 0;
    const summary = {
      bots: BOTS,
      connected: bots.connected,
      matches: matchIds.size,
      botsWithMatch: playersWithMatch.size,
      protocolErrors: bots.errors,
      errorsByCode: bots.errorsByCode,
      goldCollected,
      goldInDatabase,
      goldMismatch: goldInDatabase - goldCollected,
      playersInDatabase,
      aoiViolations: bots.counters.aoiViolations ?? 0,
      requests: bots.requests,
      p50Ms: bots.p50Ms,
      p99Ms: bots.p99Ms,
      chatReceived: bots.counters.chatReceived ?? 0,
      clusterReadySeconds,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
    const pass =
      summary.connected === BOTS &&
      summary.protocolErrors === 0 &&
      summary.botsWithMatch === BOTS &&
      summary.goldMismatch === 0 &&
      goldCollected > 0 &&
      summary.aoiViolations === 0;
    keepLogs = !pass;
    if (!pass) process.stderr.write(`arena failed; node logs in ${logDir}\n`);
    return { suite: 'arena', pass, ...summary };
  } finally {
    await cluster?.stop();
    await etcd.dispose();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => undefined);
    await admin.end();
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
  }
}
