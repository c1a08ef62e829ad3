// The arena end to end in one test process: a node with every role, a real gate, arena bots over real
// WebSockets with short matches. Bots collect gold, finish matches and never see an entity outside their area of
// interest; after the node stops, the store holds exactly the gold they were told they collected.
import { afterEach, describe, expect, it } from '@jest/globals';
import { runBots } from '../../bots/bot-run.ts';
import type { GameNode } from '../../game-node.ts';
import { gameNodeProcessFrom } from '../../game-node-process.ts';
import type { MemoryStateStore } from '../../state/stores/index.ts';
import { createArenaScenario } from './arena-bot.ts';
import { registerArena } from './index.ts';

const KEY = Buffer.alloc(32, 9).toString('base64url');

describe('arena', () => {
  let node: GameNode | undefined;

  afterEach(async () => {
    await node?.stop();
    node = undefined;
  });

  it('bots log in, collect gold, play 2v2 matches, and the saved gold equals what they collected', async () => {
    const built = await gameNodeProcessFrom(
      [
        ...['--name', 'arena-test', '--provider', 'memory', '--store', 'memory', '--mesh-host', '127.0.0.33'],
        ...['--gate-host', '127.0.0.33', '--gate-port', '0', '--gate-attempts-per-ip', '10000'],
        ...['--flush-interval-ms', '200'],
      ],
      { GAMECLUSTER_CLUSTER_KEY: KEY },
    );
    node = built.node;
    registerArena(node, { matchPlayMs: 2_000, joinWindowMs: 2_000 });
    await node.start();
    const url = node.gate.gate!.url;
    const matches = new Set<string>();
    const finishers = new Set<string>();
    const bots = await runBots(
      {
        url,
        urls: [url],
        loginUrl: '',
        count: 8,
        durationMs: 12_000,
        rampMs: 200,
        scenario: 'arena',
        playerPrefix: 'arena-test-',
        requestTimeoutMs: 5_000,
      },
      createArenaScenario(
        {
          matchFinished(matchId, playerId) {
            matches.add(matchId);
            finishers.add(playerId);
          },
        },
        { worldMs: 1_500 },
      ),
      { progress: () => undefined },
    );
    expect(bots.errorsByCode).toEqual({});
    expect(bots.connected).toBe(8);
    expect(bots.counters.aoiViolations ?? 0).toBe(0);
    expect(bots.counters.goldCollected ?? 0).toBeGreaterThan(0);
    expect(matches.size).toBeGreaterThanOrEqual(2);
    expect(finishers.size).toBe(8);

    const store = node.store as MemoryStateStore;
    await node.stop();
    let saved = 0;
    for (const player of store.documents('Player').values()) saved += (player as { gold: number }).gold;
    expect(saved).toBe(bots.counters.goldCollected);
  }, 60_000);
});
