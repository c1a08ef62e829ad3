// Several nodes in one process on a shared memory provider, talking over real gRPC on loopback: placement,
// single activation, redirects, draining, fencing and rejoin, outages.
import { afterEach, describe, expect, it } from '@jest/globals';
import { Actor } from '../actor/actor.ts';
import type { Envelope } from '../actor/envelope.ts';
import type { GameclusterError } from '../errors/index.ts';
import { ClusterNode } from './cluster-node.ts';
import { ClusterUnavailableError, NoEligibleMemberError } from './errors.ts';
import { MemoryCluster, MemoryClusterProvider } from './memory/index.ts';

let member = '';

class Counter extends Actor {
  private count = 0;
  private member = '';

  override onActivate(): void {
    this.member = member;
  }

  add(n: number): { count: number; node: string; epoch: number } {
    this.count += n;
    return { count: this.count, node: this.member, epoch: this.ctx.epoch };
  }

  leave(): void {
    this.ctx.deactivate();
  }
}

class Shard extends Actor {
  where(): string {
    return member;
  }
}

class Helper extends Actor {
  where(): string {
    return member;
  }
}

class Nowhere extends Actor {
  ping(): string {
    return 'pong';
  }
}

// Each node's actors learn which member they run on from a per-node wrapper class (one process, many nodes).
function nodeClasses(name: () => string) {
  return {
    Counter: class extends Counter {
      override onActivate(): void {
        member = name();
        super.onActivate();
      }
    },
  };
}

let nodes: ClusterNode[] = [];
let hostByte = 40 + Math.floor(Math.random() * 150);

async function startNodes(cluster: MemoryCluster, roles: string[][]): Promise<ClusterNode[]> {
  const started: ClusterNode[] = [];
  for (const [i, nodeRoles] of roles.entries()) {
    const node = new ClusterNode({
      name: `n${i}`,
      roles: nodeRoles,
      provider: new MemoryClusterProvider({ cluster, leaseTtlMs: 2_000 }),
      mesh: { host: `127.0.0.${hostByte}`, port: 0 },
      systemOptions: { askTimeoutMs: 3_000 },
      log: () => {},
    });
    register(node);
    started.push(node);
  }
  hostByte = hostByte >= 250 ? 40 : hostByte + 1;
  await Promise.all(started.map((node) => node.start()));
  nodes.push(...started);
  await waitFor(() => started.every((node) => node.provider.members().size === started.length));
  return started;
}

function register(node: ClusterNode): void {
  const whoAmI = () => node.provider.self?.id ?? '';
  const classes = nodeClasses(whoAmI);
  node.system.register(classes.Counter, { name: 'Counter', placement: 'directory', roles: ['worker'] });
  node.system.register(
    class extends Shard {
      override where(): string {
        return whoAmI();
      }
    },
    { name: 'Shard', placement: 'hash', roles: ['worker'] },
  );
  node.system.register(
    class extends Helper {
      override where(): string {
        return whoAmI();
      }
    },
    { name: 'Helper', placement: 'local' },
  );
  node.system.register(Nowhere, { placement: 'directory', roles: ['nowhere'] });
}

function counter(node: ClusterNode, id: string) {
  const kind = node.system.kind('Counter')!;
  return node.system.ref(kind.actorClass as typeof Counter, id);
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

afterEach(async () => {
  await Promise.all(nodes.map((node) => node.stop()));
  nodes = [];
});

describe('ClusterNode on the memory provider over gRPC', () => {
  it('activates each directory actor once, on a worker, with an epoch, wherever it is called from', async () => {
    const [client, ...workers] = await startNodes(new MemoryCluster(), [
      ['client'],
      ['worker'],
      ['worker'],
      ['worker'],
    ]);
    const ids = Array.from({ length: 60 }, (_, i) => `c${i}`);
    const first = await Promise.all(ids.map((id) => counter(client!, id).add(1)));
    const again = await Promise.all(ids.map((id) => counter(workers[0]!, id).add(1)));
    for (const [i, result] of again.entries()) {
      expect(result.count).toBe(2);
      expect(result.node).toBe(first[i]!.node);
      expect(result.epoch).toBe(first[i]!.epoch);
      expect(result.epoch).toBeGreaterThan(0);
    }
    const total = workers.reduce((sum, node) => sum + node.system.activationCount(), 0);
    expect(total).toBe(ids.length);
    expect(client!.system.activationCount()).toBe(0);
    // Least-loaded placement spreads them.
    for (const worker of workers) expect(worker.system.activationCount()).toBeGreaterThan(5);
  });

  it('keeps a single activation when every node calls a new actor at the same time', async () => {
    const all = await startNodes(new MemoryCluster(), [['worker'], ['worker'], ['worker']]);
    const results = await Promise.all(all.flatMap((node) => [1, 2, 3].map(() => counter(node, 'contended').add(1))));
    expect(new Set(results.map((r) => r.node)).size).toBe(1);
    expect(Math.max(...results.map((r) => r.count))).toBe(9);
    expect(all.reduce((sum, node) => sum + node.system.activationCount(), 0)).toBe(1);
  });

  it('redirects a message sent to a node that does not own the actor', async () => {
    const [a, b, c] = await startNodes(new MemoryCluster(), [['worker'], ['worker'], ['client']]);
    const owner = await counter(c!, 'x').add(1);
    const notOwner = owner.node === a!.member.id ? b! : a!;
    const envelope: Envelope = {
      kind: 'Counter',
      id: 'x',
      method: 'add',
      args: [5],
      requestId: 0,
      timeoutMs: 2_000,
      chain: 0,
      trace: '',
    };
    const answer = await new Promise((resolve, reject) => {
      let settled = false;
      c!.transport.ask(notOwner.member.id, envelope, 0, {
        get settled() {
          return settled;
        },
        settle: (value) => {
          settled = true;
          resolve(value);
        },
        fail: (error) => {
          settled = true;
          reject(error);
        },
      });
    });
    expect(answer).toEqual({ count: 6, node: owner.node, epoch: owner.epoch });
    expect(notOwner.system.activationCount()).toBe(0);
  });

  it('places hash kinds by rendezvous (same node from every caller, no claim) and local kinds on the caller', async () => {
    const all = await startNodes(new MemoryCluster(), [['worker'], ['worker'], ['worker']]);
    const shard = (node: ClusterNode, key: string) =>
      node.system.ref(node.system.kind('Shard')!.actorClass as typeof Shard, key);
    for (const key of ['s1', 's2', 's3', 's4']) {
      const answers = await Promise.all(all.map((node) => shard(node, key).where()));
      expect(new Set(answers).size).toBe(1);
    }
    for (const node of all) {
      const helperClass = node.system.kind('Helper')!.actorClass as typeof Helper;
      expect(await node.system.ref(helperClass, 'h').where()).toBe(node.member.id);
    }
  });

  it('fails with NoEligibleMemberError when no member has the kind’s role', async () => {
    const [only] = await startNodes(new MemoryCluster(), [['worker']]);
    await expect(only!.system.ref(Nowhere, 'n').ping()).rejects.toBeInstanceOf(NoEligibleMemberError);
  });

  it('places nothing new on a draining member; its existing actors keep serving', async () => {
    const [a, b] = await startNodes(new MemoryCluster(), [['worker'], ['worker']]);
    const before = await counter(a!, 'kept').add(1);
    const draining = before.node === a!.member.id ? a! : b!;
    const other = draining === a ? b! : a!;
    await draining.drain();
    await waitFor(() => other.provider.members().get(draining.member.id)?.status === 'draining');
    const fresh = await Promise.all(Array.from({ length: 20 }, (_, i) => counter(other, `new${i}`).add(1)));
    for (const result of fresh) expect(result.node).toBe(other.member.id);
    expect((await counter(other, 'kept').add(1)).node).toBe(draining.member.id);
  });

  it('a member whose lease expired stops serving, rejoins as a new member, and its actors move with new epochs', async () => {
    const cluster = new MemoryCluster();
    const [a, b] = await startNodes(cluster, [['worker'], ['worker']]);
    const ids = Array.from({ length: 20 }, (_, i) => `f${i}`);
    const before = await Promise.all(ids.map((id) => counter(b!, id).add(1)));
    const victim = a!;
    const oldId = victim.member.id;
    expect(before.some((r) => r.node === oldId)).toBe(true);
    cluster.expireLease(oldId);
    await waitFor(() => victim.provider.self?.id !== oldId && victim.health() === 'healthy');
    await waitFor(() => victim.system.activationCount() === 0 || before.every((r) => r.node !== oldId));
    const after = await Promise.all(ids.map((id) => counter(b!, id).add(1)));
    for (const [i, result] of after.entries()) {
      expect(result.node).not.toBe(oldId);
      if (before[i]!.node === oldId) expect(result.epoch).toBeGreaterThan(before[i]!.epoch);
      else expect(result).toEqual({ ...before[i]!, count: 2 });
    }
  });

  it('keeps serving existing actors while the cluster store is unreachable; new ones fail typed, then recover', async () => {
    const cluster = new MemoryCluster();
    const [a, b] = await startNodes(cluster, [['worker'], ['client']]);
    await counter(b!, 'old').add(1);
    cluster.setReachable(false);
    await waitFor(() => a!.health() === 'unreachable');
    expect((await counter(b!, 'old').add(1)).count).toBe(2);
    const error = await counter(b!, 'brand-new')
      .add(1)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ClusterUnavailableError);
    expect((error as GameclusterError).code).toBe('GC_ERR_CLUSTER_UNAVAILABLE');
    cluster.setReachable(true);
    await waitFor(() => a!.health() === 'healthy');
    expect((await counter(b!, 'brand-new').add(1)).count).toBe(1);
    expect((await counter(b!, 'old').add(1)).count).toBe(3);
  });
});
