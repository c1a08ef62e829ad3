// `npm run e2e -- start`: `npm start` as a newcomer runs it — one process, every role, the demo game on the
// in-memory provider and PGlite. It must be ready in under 15 s, serve arena bots (they log in, collect gold and
// play), and on Ctrl-C (SIGINT) save every document and exit 0: the gold the bots were told they collected is
// then in the PGlite database on disk.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { runBots } from '../../../node/src/bots/bot-run.ts';
import { startLocalProcess } from '../../../node/src/launch/local-process.ts';
import { arenaScenario } from '../../../node/src/roles/arena/arena-bot.ts';
import { decodeDocument } from '../../../node/src/state/stores/index.ts';
import type { Suite, SuiteSummary } from '../suite.ts';

const READY_BAR_MS = 15_000;
const BOTS = 12;
const BOTS_MS = 15_000;

export const startSuite: Suite = {
  name: 'start',
  description: `npm start: ready in < ${READY_BAR_MS / 1000} s, ${BOTS} arena bots collect gold, Ctrl-C saves it to PGlite and exits 0`,
  run: runStart,
};

async function runStart(): Promise<SuiteSummary> {
  const dataDir = mkdtempSync(join(tmpdir(), 'gamecluster-start-'));
  try {
    const started = await startLocalProcess({ dataDir, host: '127.0.0.58' });
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
    const stopAt = performance.now();
    const exitCode = await started.interrupt();
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
