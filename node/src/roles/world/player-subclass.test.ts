// A game's Player subclass (as the arena's): installWorld registers it as kind 'Player' with the world's client
// methods plus its own; its methods see the world's document; the base methods still work through the subclass.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Actor } from '../../actor/actor.ts';
import { InvalidKindError } from '../../actor/errors.ts';
import type { GameClient } from '../../client/game-client.ts';
import { MemoryCluster, MemoryClusterProvider } from '../../cluster/memory/index.ts';
import { GameNode } from '../../game-node.ts';
import { InvalidWorldConfigError } from './errors.ts';
import { installWorld } from './install-world.ts';
import { Player } from './player.ts';
import { connectDevice, startWorldCluster, type WorldTestCluster } from './testing-world.ts';

class TreasurePlayer extends Player {
  /** Finds treasure: gold through the base class's checked path. */
  dig(): { gold: number } {
    return { gold: this.addGold(7, 'treasure') };
  }

  /** A server-only helper of the subclass. */
  secretBonus(): number {
    return this.addGold(1000, 'bonus');
  }
}

let cluster: WorldTestCluster;
let client: GameClient | undefined;

beforeAll(async () => {
  cluster = await startWorldCluster({
    nodes: [{ name: 'all-in-one', roles: [] }],
    world: { playerClass: TreasurePlayer, extraClientMethods: ['dig'] },
  });
});

afterAll(async () => {
  client?.close();
  await cluster.stop();
});

describe('a Player subclass', () => {
  it('is the Player kind, with base and extra client methods', async () => {
    const kind = cluster.gateNode.system.kind('Player')!;
    expect(kind.actorClass).toBe(TreasurePlayer);
    expect(kind.methods.get('dig')?.clientCallable).toBe(true);
    expect(kind.methods.get('profile')?.clientCallable).toBe(true);
    expect(kind.methods.get('addGold')?.clientCallable).toBe(false);
    expect(kind.methods.has('secretBonus')).toBe(true);
    expect(kind.methods.has('persist')).toBe(false);

    const connected = await connectDevice(cluster, 'treasure-device');
    client = connected.client;
    expect(await client.request('player.dig')).toEqual({ gold: 7 });
    expect(await client.request('player.dig')).toEqual({ gold: 14 });
    expect(await client.request('player.profile')).toMatchObject({ gold: 14 });
    await expect(client.request('player.secretBonus')).rejects.toMatchObject({ code: 'GC_ERR_NOT_ALLOWED' });
    expect(await cluster.gateNode.system.ref(TreasurePlayer, connected.playerId).secretBonus()).toBe(1014);
  });
});

describe('installWorld', () => {
  it('refuses a player class that is not a Player, and extra client methods the class lacks', () => {
    class NotAPlayer extends Actor {
      hello(): string {
        return 'hi';
      }
    }
    const node = new GameNode({
      cluster: {
        name: 'unstarted',
        roles: ['world'],
        provider: new MemoryClusterProvider({ cluster: new MemoryCluster() }),
        mesh: { host: '127.0.0.1', port: 0 },
        log: () => {},
      },
    });
    try {
      expect(() => installWorld(node, { playerClass: NotAPlayer as never })).toThrow(InvalidWorldConfigError);
      expect(() => installWorld(node, { extraClientMethods: ['notAMethod'] })).toThrow(InvalidKindError);
      expect(() => installWorld(node, { chatBurst: 0 })).toThrow(/chatBurst/);
    } finally {
      node.persistence.stop();
    }
  });
});
