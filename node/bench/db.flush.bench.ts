// Benchmark `db.flush`: dirty documents written per second into the real PostgreSQL (a fresh schema, dropped after)
// through the db role: write-behind's ShardBackend batches one turn's saves per StoreShard, each shard runs a
// batch as one multi-row fenced upsert, 4 shards (statements) in flight. Also measured (`storeBatchedValue`): the
// store's batched statements called directly. Baseline, same run, same table, pool size and statements in
// flight: one fenced upsert statement per document, the naive write-behind.
// Documents are ~200 bytes of msgpack, as a small player document is.
import { performance } from 'node:perf_hooks';
import { Pool } from 'pg';
import { ActorSystem } from '../src/actor/actor-system.ts';
import { attachShardStore, ShardBackend, STORE_SHARD_KIND, StoreShard } from '../src/roles/db/index.ts';
import type { SaveRequest } from '../src/state/state-store.ts';
import { createTestSchema, encodeDocument, PostgresStateStore } from '../src/state/stores/index.ts';
import { benchOptionsFromArgv, bestOf } from './harness/options.ts';
import { emitFigure, log } from './harness/report.ts';

const { quick } = benchOptionsFromArgv();
const BATCH_SIZE = 250;
const IN_FLIGHT = 4;
const POOL_SIZE = IN_FLIGHT;
const EPOCH = 7;
const batchedDocuments = quick ? 10_000 : 40_000;
const naiveDocuments = quick ? 1_500 : 5_000;
const rounds = quick ? 2 : 4;

/** A small player document; `round` changes a few fields, as a real flush would carry. */
function playerDocument(index: number, round: number): unknown {
  return {
    name: `player-${index}`,
    level: 10 + (index % 50),
    xp: index * 37 + round,
    gold: 1_000 + round * 3,
    hp: 100 - (round % 10),
    position: { zone: `zone-${index % 8}`, x: (index * 13) % 512, y: (index * 7) % 512 },
    inventory: { potion: 3 + (round % 4), sword: 1, arrows: 40 + (index % 20) },
    quests: [`q${index % 30}`, `q${(index + 7) % 30}`],
    guild: { id: `g${index % 200}`, rank: 'member', joinedAt: 1_690_000_000 + index },
    settings: { music: 0.6, sfx: 0.8, locale: 'en-GB' },
    lastSeenAt: new Date(1_700_000_000_000 + round * 1_000),
  };
}

function requestsFor(kind: string, count: number, round: number): SaveRequest[] {
  return Array.from({ length: count }, (_, index) => ({
    kind,
    id: `p${index}`,
    epoch: EPOCH,
    version: round,
    doc: playerDocument(index, round),
  }));
}

/** Runs `tasks` with at most `width` of them at once. */
async function inParallel(count: number, width: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, worker));
}

function percentile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const schema = await createTestSchema('gc_bench_flush');
const store = new PostgresStateStore({ connectionString: schema.url, schema: schema.name, poolSize: POOL_SIZE });
const naivePool = new Pool({ connectionString: schema.url, max: POOL_SIZE, statement_timeout: 10_000 });
naivePool.on('error', () => {});
try {
  await store.start();
  const table = `"${schema.name}".gamecluster_state`;
  const naiveSql = `INSERT INTO ${table} AS stored (kind, id, epoch, version, doc, updated_at)
    VALUES ($1, $2, $3, $4, $5, now())
    ON CONFLICT (kind, id) DO UPDATE
      SET epoch = excluded.epoch, version = excluded.version, doc = excluded.doc, updated_at = excluded.updated_at
      WHERE (stored.epoch, stored.version) < (excluded.epoch, excluded.version)`;
  const docBytes = encodeDocument({ kind: 'Player', id: 'p1' }, playerDocument(1, 1)).length;
  log(
    `db.flush: ${batchedDocuments} documents of ~${docBytes} bytes in batches of ${BATCH_SIZE}, ${IN_FLIGHT} in flight, pool ${POOL_SIZE}; naive: ${naiveDocuments} single-row upserts, ${IN_FLIGHT} in flight; best of ${rounds}`,
  );

  let round = 0;
  const batchLatenciesMs: number[] = [];
  /** One flush of every document through the store: documents per second. */
  const batchedRound = async (record: boolean): Promise<number> => {
    round++;
    const requests = requestsFor('Player', batchedDocuments, round);
    const batches = Math.ceil(requests.length / BATCH_SIZE);
    const started = performance.now();
    await inParallel(batches, IN_FLIGHT, async (batch) => {
      const t0 = performance.now();
      const results = await store.save(requests.slice(batch * BATCH_SIZE, (batch + 1) * BATCH_SIZE));
      if (record) batchLatenciesMs.push(performance.now() - t0);
      if (!results.every((result) => result.ok)) throw new Error('a batched save was refused: the bench is wrong');
    });
    const rate = requests.length / ((performance.now() - started) / 1000);
    log(`  batched: ${Math.round(rate)} documents/s`);
    return rate;
  };
  /** The same flush, one upsert statement per document. */
  const naiveRound = async (): Promise<number> => {
    round++;
    const requests = requestsFor('NaivePlayer', naiveDocuments, round);
    const started = performance.now();
    await inParallel(requests.length, IN_FLIGHT, async (index) => {
      const request = requests[index] as SaveRequest;
      const doc = encodeDocument(request, request.doc);
      const result = await naivePool.query(naiveSql, [request.kind, request.id, request.epoch, request.version, doc]);
      if (result.rowCount !== 1) throw new Error('a naive save was refused: the bench is wrong');
    });
    const rate = requests.length / ((performance.now() - started) / 1000);
    log(`  naive: ${Math.round(rate)} documents/s`);
    return rate;
  };

  // The db role in one process: StoreShards hash-placed here (no cluster), one per statement in flight.
  const system = new ActorSystem();
  system.register(StoreShard, STORE_SHARD_KIND);
  attachShardStore(system, store);
  const backend = new ShardBackend({ system, shards: IN_FLIGHT });
  /** One flush of every document through write-behind's backend and the StoreShards: documents per second. */
  const roleRound = async (): Promise<number> => {
    round++;
    const requests = requestsFor('RolePlayer', batchedDocuments, round);
    const started = performance.now();
    const results = await Promise.all(requests.map((request) => backend.save(request)));
    if (!results.every((result) => result.ok))
      throw new Error('a save through the db role was refused: the bench is wrong');
    const rate = requests.length / ((performance.now() - started) / 1000);
    log(`  through the db role: ${Math.round(rate)} documents/s`);
    return rate;
  };

  // The first round inserts every row; measured rounds update existing rows, as flushes of live actors do.
  await batchedRound(false);
  await roleRound();
  await naiveRound();
  const batched = await bestOf(rounds, () => batchedRound(true));
  const throughRole = await bestOf(rounds, roleRound);
  const naive = await bestOf(rounds, naiveRound);
  await system.stop();
  batchLatenciesMs.sort((a, b) => a - b);
  emitFigure({
    bench: 'db.flush',
    value: throughRole,
    unit: 'documents/s',
    path: 'ShardBackend -> StoreShard actors -> one multi-row fenced upsert per batch',
    storeBatchedValue: Math.round(batched),
    baseline: 'one fenced upsert statement per document (same PostgreSQL, pool size and statements in flight)',
    baselineValue: naive,
    better: 'higher',
    p50BatchMs: Number(percentile(batchLatenciesMs, 0.5).toFixed(2)),
    p99BatchMs: Number(percentile(batchLatenciesMs, 0.99).toFixed(2)),
    batchSize: BATCH_SIZE,
    inFlight: IN_FLIGHT,
    poolSize: POOL_SIZE,
    documentBytes: docBytes,
    goalRatio: 10,
  });
} finally {
  await store.close();
  await naivePool.end();
  await schema.drop();
}
