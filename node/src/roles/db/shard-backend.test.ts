// Write-behind through the db role across the mesh: a document saved from a node without the store reaches the
// db node's store and loads back with its Maps, Sets, bigints and dates intact (the mesh's msgpack alone would
// turn a Map into a plain object, so documents travel as the store's own bytes).
import { afterEach, describe, expect, it } from '@jest/globals';
import { MemoryCluster, MemoryClusterProvider } from '../../cluster/memory/index.ts';
import { GameNode } from '../../game-node.ts';
import { nextTestHost } from '../../gate/testing-gate.ts';
import { PersistentActor } from '../../state/persistence/index.ts';
import { MemoryStateStore } from '../../state/stores/memory-state-store.ts';

interface Bag {
  items: Map<string, number>;
  tags: Set<string>;
  big: bigint;
  at: Date;
}

class BagActor extends PersistentActor<Bag> {
  override state: Bag = { items: new Map(), tags: new Set(), big: 0n, at: new Date(0) };

  put(item: string, count: number): void {
    this.state.items.set(item, count);
    this.state.tags.add(item.slice(0, 1));
    this.state.big += 2n ** 60n;
    this.state.at = new Date(1_700_000_000_000);
  }

  read(): { isMap: boolean; isSet: boolean; items: [string, number][]; big: bigint; at: number } {
    return {
      isMap: this.state.items instanceof Map,
      isSet: this.state.tags instanceof Set,
      items: [...this.state.items],
      big: this.state.big,
      at: this.state.at.getTime(),
    };
  }
}

describe('ShardBackend across nodes', () => {
  const nodes: GameNode[] = [];

  afterEach(async () => {
    for (const node of nodes.reverse()) await node.stop();
    nodes.length = 0;
  });

  function node(name: string, roles: string[], memory: MemoryCluster, store?: MemoryStateStore): GameNode {
    const created = new GameNode({
      cluster: {
        name,
        roles,
        provider: new MemoryClusterProvider({ cluster: memory, leaseTtlMs: 2_000 }),
        mesh: { host: nextTestHost(), port: 0 },
        log: () => {},
      },
      store,
      dbShards: 4,
      flushIntervalMs: 50,
    });
    created.system.register(BagActor, { roles: ['world'], idleTimeoutMs: 0 });
    nodes.push(created);
    return created;
  }

  it('saves and loads a document with Maps, Sets, bigints and Dates through a db node', async () => {
    const memory = new MemoryCluster();
    const store = new MemoryStateStore();
    const db = node('db', ['db'], memory, store);
    const world = node('world', ['world'], memory);
    await db.start();
    await world.start();
    const bag = world.system.ref(BagActor, 'b1');
    await bag.put('sword', 2);
    await bag.put('shield', 1);
    await world.persistence.flushAll(5_000);
    const saved = store.documents('BagActor').get('b1') as Bag;
    expect(saved.items).toBeInstanceOf(Map);
    expect([...saved.items]).toEqual([
      ['sword', 2],
      ['shield', 1],
    ]);
    expect(saved.tags).toBeInstanceOf(Set);

    await world.system.localActivation(world.system.kind('BagActor')!, 'b1')!.deactivateAndWait();
    expect(await bag.read()).toEqual({
      isMap: true,
      isSet: true,
      items: [
        ['sword', 2],
        ['shield', 1],
      ],
      big: 2n ** 61n,
      at: 1_700_000_000_000,
    });
  });
});
