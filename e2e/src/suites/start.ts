// `npm run e2e -- start`: `npm start` as a newcomer runs it — one process, every role, the demo game on the
// in-memory provider and PGlite. It must be ready in under 15 s, serve arena bots (they log in, collect gold and
// play), and on Ctrl-C (SIGINT) save every document and exit 0: the gold the bots were told they collected is
// then in the PGlite database on disk.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { runBots } from '../../../node/src/bots/bot-run.ts';
import { arenaScenario } from '../../../node/src/roles/arena/arena-bot.ts';
import { decodeDocument } from '../../../node/src/state/stores/index.ts';
import type { Suite, SuiteSummary } from '../suite.ts';

const MAIN = fileURLToPath(new URL('../../../node/src/main.ts', import.meta.url));
const READY_BAR_MS = 15_000;
const BOTS = 12;
const BOTS_MS = 15_000;

export const startSuite: Suite = {
  name: 'start',
  description: `npm start: ready in < ${READY_BAR_MS / 1000} s, ${BOTS} arena bots collect gold, Ctrl-C saves it to PGlite and exits 0`,
  run: runStart,
};

interface Started {
  readonly child: ChildProcess;
  readonly ready: Record<string, unknown>;
  readonly wallMs: number;
  readonly output: () => string;
}

function startLocal(dataDir: string): Promise<Started> {
  const began = performance.now();
  const child = spawn(
    process.execPath,
    [
      '--disable-warning=ExperimentalWarning',
      MAIN,
      ...['--data-dir', dataDir, '--host', '127.0.0.58', '--gate-port', '0', '--admin-port', '0'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`npm start was not ready in 60 s:\n${stdout}\n${stderr}`));
    }, 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((l) => l.startsWith('{"event":"local.ready"'));
      if (line !== undefined) {
        clearTimeout(timer);
        resolve({
          child,
          ready: JSON.parse(line) as Record<string, unknown>,
          wallMs: Math.round(performance.now() - began),
          output: () => `${stdout}\n${stderr}`,
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`npm start exited (${code}) before it was ready:\n${stdout}\n${stderr}`));
    });
  });
}

async function runStart(): Promise<SuiteSummary> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gamecluster-start-'));
  try {
    const started = await startLocal(dataDir);
    const gate = String(started.ready.gate);
    const metrics = await fetch(String(started.ready.metrics)).then((r) => r.text());
    const bots = await runBots(
      {
        url: gate,
        urls: [gate],
        loginUrl: '',
        count: BOTS,
        durationMs: BOTS_MS,
        rampMs: 1_000,
        scenario: 'arena',
        playerPrefix: 'start-bot-',
        requestTimeoutMs: 10_000,
      },
      arenaScenario,
      { progress: () => undefined },
    );
    const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)));
    const stopAt = performance.now();
    started.child.kill('SIGINT');
    const exitCode = await exited;
    const stopMs = Math.round(performance.now() - stopAt);
    const goldCollected = bots.counters.goldCollected ?? 0;
    const goldSaved = await savedGold(join(dataDir, 'pglite-local'));
    const output = started.output();
    const pass =
      Number(started.ready.readyMs) < READY_BAR_MS &&
      metrics.includes('gamecluster_actor_activations') &&
      bots.connected === BOTS &&
      bots.errors === 0 &&
      goldCollected > 0 &&
      goldSaved === goldCollected &&
      exitCode === 0 &&
      output.includes('"event":"local.stopped"');
    if (!pass) process.stderr.write(`start failed:\n${output}\nbots: ${JSON.stringify(bots)}\n`);
    return {
      suite: 'start',
      pass,
      readyMs: started.ready.readyMs,
      readyWallMs: started.wallMs,
      bots: bots.connected,
      botErrors: bots.errors,
      errorsByCode: bots.errorsByCode,
      goldCollected,
      goldSaved,
      exitCode,
      stopMs,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Total gold in the Player documents of the PGlite database `dir`. */
async function savedGold(dir: string): Promise<number> {
  const db = await PGlite.create(dir);
  try {
    const rows = await db.query<{ id: string; doc: Uint8Array | null }>(
      `SELECT id, doc FROM gamecluster_state WHERE kind = 'Player'`,
    );
    let gold = 0;
    for (const row of rows.rows) {
      if (row.doc === null) continue;
      gold += (decodeDocument({ kind: 'Player', id: row.id }, row.doc) as { gold?: number }).gold ?? 0;
    }
    return gold;
  } finally {
    await db.close();
  }
}
