// The metrics catalogue on real nodes: a node built the way the node process builds it serves, over its admin
// server, exactly the gamecluster_* metrics docs/metrics.md lists, with their types; and the actor, cluster, mesh
// and persistence metrics move with what the nodes do (two GameNodes on a memory cluster over the real mesh).
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from '@jest/globals';
import { ExportResultCode } from '@opentelemetry/core';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { Actor } from '../actor/actor.ts';
import { enterAmbientTrace } from '../actor/actor-tracer.ts';
import type { MemberInfo } from '../cluster/member.ts';
import { MemoryCluster, MemoryClusterProvider } from '../cluster/memory/index.ts';
import type { PlacementStrategy } from '../cluster/placement/index.ts';
import { GameNode } from '../game-node.ts';
import { gameNodeProcessFrom } from '../game-node-process.ts';
import { nextTestHost, sleep, waitFor } from '../gate/testing-gate.ts';
import { metricFamilies, seriesValue } from '../observability/testing-metrics.ts';
import { NodeTracing } from '../observability/tracing.ts';
import { PersistentActor } from '../state/persistence/persistent-actor.ts';
import { MemoryStateStore } from '../state/stores/memory-state-store.ts';
import { AdminServer } from './admin-server.ts';
import { nodeMetrics } from './node-metrics.ts';

const KEY = Buffer.alloc(32, 3).toString('base64url');
/** prom-client's default metrics, which docs/metrics.md lists as one group. */
const DEFAULT_METRIC_PREFIXES = ['gamecluster_process_', 'gamecluster_nodejs_'];

/** name -> type of every metric in the tables of docs/metrics.md (the first cell, when it names one metric). */
function documentedMetrics(): Map<string, string> {
  const doc = readFileSync(new URL('../../../docs/metrics.md', import.meta.url), 'utf8');
  const documented = new Map<string, string>();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((cell) => cell.trim());
    const name = /^`(gamecluster_[a-z0-9_]+)`$/.exec(cells[1] ?? '')?.[1];
    if (name !== undefined) documented.set(name, cells[2]!);
  }
  return documented;
}

class Counter extends Actor {
  total = 0;
  add(amount: number): number {
    this.total += amount;
    return this.total;
  }
  async slowly(ms: number): Promise<number> {
    await sleep(ms);
    return this.total;
  }
}

class Wallet extends PersistentActor<{ gold: number }> {
  override state = { gold: 0 };
  earn(amount: number): number {
    this.state.gold += amount;
    return this.state.gold;
  }
}

/** Places every new activation on the node that first routes it (both nodes may claim the same actor at once). */
class ClaimHere implements PlacementStrategy {
  private readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
  pick(candidates: readonly MemberInfo[]): MemberInfo {
    return candidates.find((member) => member.name === this.name) ?? candidates[0]!;
  }
}

let nodes: GameNode[] = [];
let admin: AdminServer | undefined;
let cluster: MemoryCluster | undefined;

afterEach(async () => {
  cluster?.setReachable(true);
  await admin?.stop();
  for (const node of nodes.filter((n) => n.store === undefined)) await node.stop();
  for (const node of nodes) await node.stop();
  nodes = [];
  admin = undefined;
  cluster = undefined;
});

/** Two nodes on one memory cluster: `front` (db, with the store) and `back` (the `far` role). */
async function twoNodes(): Promise<{ front: GameNode; back: GameNode }> {
  cluster = new MemoryCluster();
  const make = (name: string, roles: string[], store?: MemoryStateStore) =>
    new GameNode({
      cluster: {
        name,
        roles,
        provider: new MemoryClusterProvider({ cluster: cluster!, leaseTtlMs: 400 }),
        mesh: { host: nextTestHost(), port: 0 },
        placement: new ClaimHere(name),
        systemOptions: { askTimeoutMs: 3_000, onError: () => {} },
        log: () => {},
      },
      store,
      flushIntervalMs: 50,
    });
  const front = make('front', ['db', 'far'], new MemoryStateStore());
  const back = make('back', ['far']);
  nodes = [front, back];
  for (const node of nodes) {
    node.system.register(Counter, { roles: ['far'], idleTimeoutMs: 0 });
    node.system.register(Wallet, { roles: ['far'], idleTimeoutMs: 0 });
  }
  await Promise.all(nodes.map((node) => node.start()));
  await waitFor(() => nodes.every((node) => node.cluster.provider.members().size === 2), 5_000, 'membership');
  return { front, back };
}

function scrape(node: GameNode): Promise<string> {
  return nodeMetrics(node).metrics();
}

describe('node metrics', () => {
  it('serves exactly the gamecluster_* metrics docs/metrics.md lists, with their types', async () => {
    const host = nextTestHost();
    const built = await gameNodeProcessFrom(
      [
        ...['--name', 'metrics-test', '--provider', 'memory', '--store', 'memory', '--mesh-host', host],
        ...['--gate-host', host, '--gate-port', '0', '--admin-host', host, '--admin-port', '0'],
      ],
      { GAMECLUSTER_CLUSTER_KEY: KEY },
    );
    nodes = [built.node];
    await built.node.start();
    admin = new AdminServer(built.node, { host, port: 0 });
    await admin.start();
    const families = metricFamilies(await (await fetch(`${admin.url}/metrics`)).text());

    const served = new Map(
      [...families].filter(
        ([name]) => name.startsWith('gamecluster_') && !DEFAULT_METRIC_PREFIXES.some((p) => name.startsWith(p)),
      ),
    );
    const documented = documentedMetrics();
    expect(documented.size).toBeGreaterThanOrEqual(38);
    expect(Object.fromEntries([...served].sort())).toEqual(Object.fromEntries([...documented].sort()));
    for (const prefix of DEFAULT_METRIC_PREFIXES) {
      expect([...families.keys()].some((name) => name.startsWith(prefix))).toBe(true);
    }
  });

  it('counts activations, deactivations, turns, queued messages and ask timeouts by kind', async () => {
    const { back } = await twoNodes();
    const counter = (id: string) => back.system.ref(Counter, id);
    await counter('a').add(1);
    await counter('b').add(1);
    const busy = counter('busy').slowly(300);
    for (let i = 0; i < 5; i++) counter('busy').tell.add(1);
    await expect(counter('busy').withTimeout(30).add(1)).rejects.toMatchObject({ code: 'GC_ERR_ASK_TIMEOUT' });
    let text = await scrape(back);
    const kind = { kind: 'Counter' };
    expect(seriesValue(text, 'gamecluster_actor_activations', kind)).toBe(3);
    expect(seriesValue(text, 'gamecluster_actor_activations_total', kind)).toBe(3);
    expect(seriesValue(text, 'gamecluster_actor_mailbox_depth', kind)).toBe(6);
    expect(seriesValue(text, 'gamecluster_actor_ask_timeouts_total')).toBe(1);
    expect(seriesValue(text, 'gamecluster_actor_message_duration_seconds_count', kind)).toBeGreaterThanOrEqual(1);
    expect(seriesValue(text, 'gamecluster_directory_claims_total')).toBeGreaterThanOrEqual(3);

    await busy;
    await back.system.localActivation(back.system.kind('Counter')!, 'a')!.deactivateAndWait();
    text = await scrape(back);
    expect(seriesValue(text, 'gamecluster_actor_mailbox_depth', kind)).toBe(0);
    expect(seriesValue(text, 'gamecluster_actor_activations', kind)).toBe(2);
    expect(seriesValue(text, 'gamecluster_actor_deactivations_total', kind)).toBe(1);
    expect(seriesValue(text, 'gamecluster_actor_deadlocks_total')).toBe(0);
  });

  it('counts mesh traffic, remote ask round trips, peers and claim conflicts between two nodes', async () => {
    const { front, back } = await twoNodes();
    await back.system.ref(Counter, 'remote').add(1); // lives on back
    for (let i = 0; i < 20; i++) await front.system.ref(Counter, 'remote').add(1);
    // A remote ask that runs out of time: counted where it was asked, not where it was served.
    await expect(front.system.ref(Counter, 'remote').withTimeout(40).slowly(150)).rejects.toMatchObject({
      code: 'GC_ERR_ASK_TIMEOUT',
    });
    await sleep(200);
    const conflicts = async () =>
      seriesValue(await scrape(front), 'gamecluster_directory_claim_conflicts_total')! +
      seriesValue(await scrape(back), 'gamecluster_directory_claim_conflicts_total')!;
    const conflictsBefore = await conflicts();
    // Both nodes route the same new actor at once and both claim it: one of them loses the claim.
    await Promise.all([front.system.ref(Counter, 'contested').add(1), back.system.ref(Counter, 'contested').add(1)]);
    expect(await conflicts()).toBe(conflictsBefore + 1);

    const [frontText, backText] = [await scrape(front), await scrape(back)];
    expect(seriesValue(frontText, 'gamecluster_mesh_ask_duration_seconds_count')).toBeGreaterThanOrEqual(20);
    expect(seriesValue(frontText, 'gamecluster_mesh_ask_duration_seconds_bucket', { le: '+Inf' })).toBe(
      seriesValue(frontText, 'gamecluster_mesh_ask_duration_seconds_count'),
    );
    expect(seriesValue(frontText, 'gamecluster_mesh_messages_sent_total')).toBeGreaterThanOrEqual(21);
    expect(seriesValue(backText, 'gamecluster_mesh_messages_received_total')).toBeGreaterThanOrEqual(21);
    expect(seriesValue(frontText, 'gamecluster_mesh_batch_size_count')).toBeGreaterThanOrEqual(1);
    expect(seriesValue(frontText, 'gamecluster_mesh_peers', { state: 'connected' })).toBe(1);
    expect(seriesValue(frontText, 'gamecluster_cluster_members')).toBe(2);
    expect(seriesValue(frontText, 'gamecluster_actor_ask_timeouts_total')).toBe(1);
    expect(seriesValue(backText, 'gamecluster_actor_ask_timeouts_total')).toBe(0);
  });

  it('follows the lease: healthy, then unreachable while the coordination store is down', async () => {
    const { front } = await twoNodes();
    let text = await scrape(front);
    expect(seriesValue(text, 'gamecluster_cluster_lease_healthy')).toBe(1);
    expect(seriesValue(text, 'gamecluster_cluster_lease_state', { state: 'healthy' })).toBe(1);
    expect(seriesValue(text, 'gamecluster_cluster_lease_state', { state: 'fenced' })).toBe(0);
    cluster!.setReachable(false);
    await waitFor(() => front.cluster.health() !== 'healthy', 3_000, 'the lease to leave healthy');
    text = await scrape(front);
    const state = front.cluster.health();
    expect(seriesValue(text, 'gamecluster_cluster_lease_healthy')).toBe(0);
    expect(seriesValue(text, 'gamecluster_cluster_lease_state', { state })).toBe(1);
    expect(seriesValue(text, 'gamecluster_cluster_lease_state', { state: 'healthy' })).toBe(0);
  });

  it('counts dirty documents until write-behind saved them, and times the saves', async () => {
    const { back } = await twoNodes();
    await back.system.ref(Wallet, 'w1').earn(5);
    await back.system.ref(Wallet, 'w2').earn(5);
    expect(seriesValue(await scrape(back), 'gamecluster_persistence_dirty_documents')).toBe(2);
    await waitFor(() => back.persistence.pendingWrites() === 0, 3_000, 'the flush');
    const text = await scrape(back);
    expect(seriesValue(text, 'gamecluster_persistence_dirty_documents')).toBe(0);
    expect(seriesValue(text, 'gamecluster_persistence_flush_duration_seconds_count')).toBe(2);
    expect(seriesValue(text, 'gamecluster_persistence_store_errors_total')).toBe(0);
    expect(seriesValue(text, 'gamecluster_persistence_stale_epoch_rejections_total')).toBe(0);
  });

  it('counts exported spans, and spans lost to a failing collector', async () => {
    const { front, back } = await twoNodes();
    let failing = false;
    const exporter = new InMemorySpanExporter();
    const tracing = new NodeTracing({
      exporter: {
        export: (spans, done) => (failing ? done({ code: ExportResultCode.FAILED }) : exporter.export(spans, done)),
        shutdown: () => exporter.shutdown(),
      },
    }).install(front.system);
    const call = () => {
      const span = tracing.startSpan('test call', null, {}, true)!;
      const outside = enterAmbientTrace(span);
      const answer = front.system.ref(Counter, 'traced').add(1);
      enterAmbientTrace(outside);
      return answer.finally(() => tracing.endSpan(span, false, undefined));
    };
    expect(seriesValue(await scrape(back), 'gamecluster_tracing_spans_exported_total')).toBe(0);
    await call();
    await tracing.forceFlush();
    const exported = seriesValue(await scrape(front), 'gamecluster_tracing_spans_exported_total')!;
    expect(exported).toBeGreaterThanOrEqual(2);
    failing = true;
    await call();
    await tracing.forceFlush();
    const text = await scrape(front);
    expect(seriesValue(text, 'gamecluster_tracing_spans_exported_total')).toBe(exported);
    expect(
      seriesValue(text, 'gamecluster_tracing_spans_lost_total', { reason: 'export_failed' }),
    ).toBeGreaterThanOrEqual(1);
    expect(seriesValue(text, 'gamecluster_tracing_spans_lost_total', { reason: 'queue_full' })).toBe(0);
    front.system.tracer = null;
    await tracing.shutdown();
  });
});
