// The Player actor on a real cluster: gold and items survive the player moving to another node (its node
// stopped), bad amounts and names are refused with typed errors and change nothing, a match updates the stats and
// the leaderboards, and a game's subclass is registered as 'Player' with its own client methods.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GameClient } from '../../client/game-client.ts';
import { GameclusterError } from '../../errors/index.ts';
import {
  InsufficientGoldError,
  InvalidAmountError,
  InvalidLeaderboardInputError,
  InvalidPlayerInputError,
} from './errors.ts';
import { leaderboardRank } from './leaderboard.ts';
import { Player } from './player.ts';
import { connectDevice, eventually, startWorldCluster, type WorldTestCluster } from './testing-world.ts';
import type { LedgerEntry } from './world-options.ts';

let cluster: WorldTestCluster;
const ledger: LedgerEntry[] = [];

beforeAll(async () => {
  cluster = await startWorldCluster({ world: { onLedger: (entry) => ledger.push(entry) } });
});

afterAll(async () => {
  await cluster.stop();
});

async function failure(promise: Promise<unknown>): Promise<GameclusterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GameclusterError)) throw new Error(`expected a gamecluster error, got ${String(error)}`);
  return error;
}

describe('Player', () => {
  it('keeps gold and items when its node stops and it activates elsewhere', async () => {
    const player = cluster.gateNode.system.ref(Player, 'mover-1');
    expect(await player.addGold(50, 'quest')).toBe(50);
    expect(await player.spendGold(20, 'shop')).toBe(30);
    expect(await player.addItem('sword', 2)).toBe(2);
    expect(await player.addItem('sword', 1)).toBe(3);
    expect(await player.addItem('constructor', 1)).toBe(1);
    expect(await player.rename('  Mover  ')).toMatchObject({ playerId: 'mover-1', name: 'Mover', gold: 30 });
    const before = await player.snapshot();

    const host = cluster.hostOf('Player', 'mover-1');
    expect(host?.hasRole('world')).toBe(true);
    await cluster.stopNode(host!);
    expect(cluster.hostOf('Player', 'mover-1')).toBeUndefined();

    const after = await player.snapshot();
    expect(after).toEqual(before);
    expect(after).toMatchObject({ gold: 30, inventory: { sword: 3, constructor: 1 }, profile: { name: 'Mover' } });
    expect(cluster.hostOf('Player', 'mover-1')?.hasRole('world')).toBe(true);
    expect(ledger.filter((e) => e.playerId === 'mover-1').map((e) => [e.delta, e.balance, e.reason])).toEqual([
      [50, 50, 'quest'],
      [-20, 30, 'shop'],
    ]);
  });

  it('refuses bad amounts and overdrafts with typed errors and changes nothing', async () => {
    const player = cluster.gateNode.system.ref(Player, 'strict-1');
    await player.addGold(10, 'start');
    for (const amount of [-5, 0, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60]) {
      expect(await failure(player.addGold(amount, 'bad'))).toBeInstanceOf(InvalidAmountError);
      expect(await failure(player.spendGold(amount, 'bad'))).toBeInstanceOf(InvalidAmountError);
    }
    expect(await failure(player.addGold('5' as unknown as number, 'bad'))).toBeInstanceOf(InvalidAmountError);
    const overdraft = await failure(player.spendGold(11, 'shop'));
    expect(overdraft).toBeInstanceOf(InsufficientGoldError);
    expect(overdraft.details).toEqual({ balance: 10, amount: 11 });
    expect(await failure(player.addGold(1, 'has space'))).toBeInstanceOf(InvalidPlayerInputError);
    expect(await failure(player.addItem('__proto__', 1))).toBeInstanceOf(InvalidPlayerInputError);
    expect(await failure(player.addItem('gem', -1))).toBeInstanceOf(InvalidAmountError);
    expect(await failure(player.rename(''))).toBeInstanceOf(InvalidPlayerInputError);
    expect(await failure(player.rename('x'.repeat(33)))).toBeInstanceOf(InvalidPlayerInputError);
    expect(await failure(player.recordMatch({ won: 'yes' } as never))).toBeInstanceOf(InvalidPlayerInputError);
    const doc = await player.snapshot();
    expect(doc.gold).toBe(10);
    expect(doc.inventory).toEqual({});
    expect(doc.stats.matches).toBe(0);
  });

  it('records matches into stats, rating and the leaderboards', async () => {
    const system = cluster.gateNode.system;
    const winner = system.ref(Player, 'match-win');
    const loser = system.ref(Player, 'match-lose');
    expect(await winner.recordMatch({ won: true, score: 12 })).toEqual({
      matches: 1,
      wins: 1,
      losses: 0,
      rating: 1016,
    });
    expect(await loser.recordMatch({ won: false, score: 3 })).toEqual({ matches: 1, wins: 0, losses: 1, rating: 984 });
    expect(await loser.recordMatch({ won: false, score: 5, draw: true })).toMatchObject({ matches: 2, losses: 1 });
    const rank = await eventually(
      () => leaderboardRank(system, 'rating', 'match-win'),
      (r) => r !== null,
    );
    expect(rank).toMatchObject({ board: 'rating', playerId: 'match-win', score: 1016 });
    const lower = await eventually(
      () => leaderboardRank(system, 'rating', 'match-lose'),
      (r) => r?.score === 984,
    );
    expect(lower!.rank).toBeGreaterThan(rank!.rank);
    const wins = await eventually(
      () => leaderboardRank(system, 'wins', 'match-lose'),
      (r) => r !== null,
    );
    expect(wins?.score).toBe(0);
  });
});

describe('Player through its client', () => {
  let client: GameClient | undefined;
  afterAll(() => client?.close());

  it('answers profile, inventory and boards, and refuses server methods and unreadable boards', async () => {
    const connected = await connectDevice(cluster, 'player-client-device');
    client = connected.client;
    const profile = await client.request<{ playerId: string; name: string; gold: number }>('player.profile');
    expect(profile).toMatchObject({ playerId: connected.playerId, gold: 0, name: expect.stringMatching(/^player-/) });
    expect(await client.request('player.rename', 'Client One')).toMatchObject({ name: 'Client One' });
    expect(await client.request('player.inventory')).toEqual({});
    expect(Array.isArray(await client.request('player.leaderboardTop', 'rating', 5))).toBe(true);
    expect(await client.request('player.leaderboardRank', 'wins')).toBeNull();
    await expect(client.request('player.addGold', 100, 'cheat')).rejects.toMatchObject({ code: 'GC_ERR_NOT_ALLOWED' });
    await expect(client.request('player.leaderboardTop', 'secret')).rejects.toMatchObject({
      code: InvalidLeaderboardInputError.code,
    });
    await expect(client.request('player.rename', 'bad\u0000name')).rejects.toMatchObject({
      code: InvalidPlayerInputError.code,
    });
  });
});
