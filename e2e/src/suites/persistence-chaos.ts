// `npm run e2e -- persistence-chaos`: etcd + PostgreSQL + 4 node processes (one db node, three workers) run an
// economy of 1000 accounts with constant total gold while nodes are SIGKILLed and restarted about every 10 s, a
// worker is SIGSTOPped past its lease and resumed, and PostgreSQL is cut off for 10 s. At the end the total gold
// in PostgreSQL equals the starting total, every acknowledged transfer is in it on both sides, and no write of an
// older epoch was ever accepted (a trigger installed in the test database watches every update).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { EtcdTestServer, TcpPartitionProxy } from '../../../node/src/cluster/etcd/index.ts';
import { GameclusterError } from '../../../node/src/errors/index.ts';
import type { GameNode } from '../../../node/src/game-node.ts';
import { decodeDocument } from '../../../node/src/state/stores/index.ts';
import { driverNode, killAndRestart, pause, pick, runSchedule, type ScheduledFault, sleep } from '../harness/chaos.ts';
import { NodeProcess } from '../harness/node-process.ts';
import type { Suite, SuiteSummary } from '../suite.ts';
import { Account, type AccountState, INITIAL_GOLD, register } from './persistence-chaos-app.ts';

const APP = fileURLToPath(new URL('./persistence-chaos-app.ts', import.meta.url));
const POSTGRES = process.env.GAMECLUSTER_TEST_POSTGRES ?? 'postgres://postgres@127.0.0.1:5432/test';
const ACCOUNTS = 1_000;
const CONCURRENCY = 32;
const RUN_MS = 60_000;
const LEASE_TTL_MS = 5_000;
const ASK_TIMEOUT_MS = 3_000;
const KILL_AT_MS = [8_000, 18_000, 47_000, 56_000];
const STOP_AT_MS = 23_000;
const PARTITION_AT_MS = 33_000;
const PARTITION_FOR_MS = 10_000;
const SETTLE_TIMEOUT_MS = 45_000;

export const persistenceChaosSuite: Suite = {
  name: 'persistence-chaos',
  description: `etcd + PostgreSQL + 4 nodes, ${ACCOUNTS} accounts transferring gold for ${RUN_MS / 1000} s under kills, a SIGSTOP and a database outage; checks no loss`,
  run: runPersistenceChaos,
};

async function runPersistenceChaos(): Promise<SuiteSummary> {
  const started = Date.now();
  const logDir = mkdtempSync(join(tmpdir(), 'gamecluster-pchaos-'));
  const database = `gc_pchaos_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const databaseUrl = new URL(POSTGRES);
  databaseUrl.pathname = `/${database}`;
  const proxy = await TcpPartitionProxy.start(`http://${databaseUrl.host}`, '127.0.0.3');
  const proxied = new URL(databaseUrl);
  proxied.host = new URL(proxy.endpoint).host;
  const etcd = await EtcdTestServer.start({ host: '127.0.0.2' });
  const nodeArgs = (name: string, role: string, host: string, port: number) => [
    '--app',
    APP,
    '--name',
    name,
    '--roles',
    role,
    '--etcd',
    etcd.endpoint,
    '--cluster',
    'pchaos',
    '--lease-ttl-ms',
    String(LEASE_TTL_MS),
    '--mesh-host',
    host,
    '--mesh-port',
    String(port),
    '--postgres-url',
    proxied.toString(),
    '--flush-interval-ms',
    '1000',
  ];
  const nodes = [
    new NodeProcess({
      name: 'db-1',
      args: nodeArgs('db-1', 'db', '127.0.0.40', 25_000),
      stderrFile: join(logDir, 'db-1.log'),
    }),
    ...[1, 2, 3].map(
      (i) =>
        new NodeProcess({
          name: `worker-${i}`,
          args: nodeArgs(`worker-${i}`, 'worker', `127.0.0.${40 + i}`, 25_000 + i),
          stderrFile: join(logDir, `worker-${i}.log`),
        }),
    ),
  ];
  const driver = driverNode({
    etcdEndpoint: etcd.endpoint,
    cluster: 'pchaos',
    host: '127.0.0.39',
    leaseTtlMs: LEASE_TTL_MS,
    askTimeoutMs: ASK_TIMEOUT_MS,
  });
  register(driver);
  const db = new pg.Client({ connectionString: databaseUrl.toString() });
  const acked: { id: string; from: string; to: string }[] = [];
  const failures: Record<string, number> = {};
  let declined = 0;
  try {
    await nodes[0]!.start();
    await db.connect();
    await installStaleWriteAudit(db);
    await Promise.all(nodes.slice(1).map((node) => node.start()));
    await driver.start();

    const runStart = Date.now();
    const deadline = runStart + RUN_MS;
    let next = 0;
    const transferLoop = async () => {
      while (Date.now() < deadline) {
        const from = `acct-${Math.floor(Math.random() * ACCOUNTS)}`;
        const to = `acct-${Math.floor(Math.random() * ACCOUNTS)}`;
        const id = `t${next++}`;
        try {
          const outcome = await driver.system.ref(Account, from).transfer(id, to, 1 + Math.floor(Math.random() * 50));
          if (outcome === 'ok') acked.push({ id, from, to });
          else declined++;
        } catch (error) {
          const code = error instanceof GameclusterError ? error.code : 'untyped';
          failures[code] = (failures[code] ?? 0) + 1;
          await sleep(20);
        }
      }
    };
    await Promise.all([...Array.from({ length: CONCURRENCY }, transferLoop), injectFaults(nodes, proxy, runStart)]);

    // Every account answers (so each holds a saved or initial document) and every outbox drains.
    const settled = await settle(driver);
    // Workers stop first (their last saves need the db node), the db node last.
    await Promise.all(nodes.slice(1).map((node) => node.stop(20_000)));
    await nodes[0]!.stop(20_000);

    const stored = await readAccounts(db);
    let total = 0;
    for (let i = 0; i < ACCOUNTS; i++) total += stored.get(`acct-${i}`)?.gold ?? INITIAL_GOLD;
    let lost = 0;
    for (const transfer of acked) {
      const from = stored.get(transfer.from);
      const to = stored.get(transfer.to);
      if (from?.sent[transfer.id] === undefined || to?.received[transfer.id] === undefined) lost++;
    }
    const stale = Number((await db.query('SELECT count(*) AS n FROM gc_stale_writes')).rows[0].n);
    const goldDelta = total - ACCOUNTS * INITIAL_GOLD;
    return {
      suite: 'persistence-chaos',
      pass: lost === 0 && stale === 0 && goldDelta === 0 && acked.length > 0 && settled.pending === 0,
      transfersAcked: acked.length,
      lostDurableWrites: lost,
      staleWritesAccepted: stale,
      goldDelta,
      declined,
      failuresByCode: failures,
      unconfirmedAtEnd: settled.pending,
      settleSeconds: settled.seconds,
      accountsStored: stored.size,
      logs: logDir,
      elapsedSeconds: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    await driver.stop().catch(() => {});
    for (const node of nodes) node.signal('SIGCONT');
    await Promise.all(nodes.map((node) => node.stop(5_000)));
    for (const node of nodes) node.closeLog();
    await db.end().catch(() => {});
    await proxy.close();
    await etcd.dispose();
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`).catch(() => {});
    await admin.end();
    if (process.env.GAMECLUSTER_KEEP_LOGS === undefined) rmSync(logDir, { recursive: true, force: true });
  }
}

/** Records every update that lowered a document's epoch, or kept it and did not raise the version. */
async function installStaleWriteAudit(db: pg.Client): Promise<void> {
  await db.query(`
    CREATE TABLE gc_stale_writes (kind text, id text, old_epoch bigint, new_epoch bigint, old_version bigint,
      new_version bigint, at timestamptz DEFAULT now());
    CREATE FUNCTION gc_audit_state() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.epoch < OLD.epoch OR (NEW.epoch = OLD.epoch AND NEW.version < OLD.version)
         OR (NEW.epoch = OLD.epoch AND NEW.version = OLD.version AND NEW.doc IS DISTINCT FROM OLD.doc) THEN
        INSERT INTO gc_stale_writes VALUES (OLD.kind, OLD.id, OLD.epoch, NEW.epoch, OLD.version, NEW.version);
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER gc_audit_state BEFORE UPDATE ON gamecluster_state FOR EACH ROW EXECUTE FUNCTION gc_audit_state();
  `);
  // The audit must be able to see a stale write: make one on a canary row, check it was caught, clean up.
  await db.query(`INSERT INTO gamecluster_state (kind, id, epoch, version, doc) VALUES ('__canary', 'c', 5, 1, NULL)`);
  await db.query(`UPDATE gamecluster_state SET epoch = 3 WHERE kind = '__canary'`);
  const caught = Number(
    (await db.query(`SELECT count(*) AS n FROM gc_stale_writes WHERE kind = '__canary'`)).rows[0].n,
  );
  if (caught !== 1) throw new Error(`the stale-write audit missed a canary write (${caught} rows): fix the trigger`);
  await db.query(`DELETE FROM gc_stale_writes; DELETE FROM gamecluster_state WHERE kind = '__canary'`);
}

async function readAccounts(db: pg.Client): Promise<Map<string, AccountState>> {
  const rows = await db.query<{ id: string; doc: Buffer | null }>(
    `SELECT id, doc FROM gamecluster_state WHERE kind = 'Account'`,
  );
  const accounts = new Map<string, AccountState>();
  for (const row of rows.rows) {
    if (row.doc !== null)
      accounts.set(row.id, decodeDocument({ kind: 'Account', id: row.id }, row.doc) as AccountState);
  }
  return accounts;
}

async function settle(driver: GameNode): Promise<{ pending: number; seconds: number }> {
  const start = Date.now();
  let pending = Number.POSITIVE_INFINITY;
  while (Date.now() - start < SETTLE_TIMEOUT_MS) {
    const answers = await Promise.allSettled(
      Array.from({ length: ACCOUNTS }, (_, i) => driver.system.ref(Account, `acct-${i}`).pending()),
    );
    const failed = answers.filter((a) => a.status === 'rejected').length;
    pending = answers.reduce((sum, a) => sum + (a.status === 'fulfilled' ? a.value : 0), 0) + failed;
    if (pending === 0) break;
    await sleep(500);
  }
  return { pending, seconds: Math.round((Date.now() - start) / 100) / 10 };
}

function injectFaults(nodes: NodeProcess[], proxy: TcpPartitionProxy, runStart: number): Promise<void> {
  const schedule: ScheduledFault[] = KILL_AT_MS.map((at) => ({
    at,
    run: () => killAndRestart(pick(nodes.filter((n) => n.running)), 500),
  }));
  schedule.push({
    at: STOP_AT_MS,
    run: () => pause(pick(nodes.slice(1).filter((n) => n.running)), LEASE_TTL_MS + 2_000),
  });
  schedule.push({
    at: PARTITION_AT_MS,
    run: async () => {
      proxy.partition();
      await sleep(PARTITION_FOR_MS);
      proxy.heal();
    },
  });
  return runSchedule(schedule, runStart);
}
