// The node accepts what its pod gives it: each role's args and env, with the downward-API fields and Secret keys
// resolved to sample values as the kubelet would, go through the node's own config parsers (in the order
// game-node-process.ts runs them) and through the drain command's, and come out as the intended settings.
// Only this test imports node/: the operator's runtime code must not.
import { describe, expect, it } from '@jest/globals';
import type { V1Container, V1EnvVar } from '@kubernetes/client-node';
import { parseAdminConfig } from '../../../node/src/admin/admin-config.ts';
import { parseDrainCommandConfig } from '../../../node/src/admin/drain-command-config.ts';
import { parseClusterConfig } from '../../../node/src/cluster/cluster-config.ts';
import { splitAppArguments } from '../../../node/src/cluster/node-process.ts';
import { parseGateConfig } from '../../../node/src/gate/gate-config.ts';
import { hostsGate } from '../../../node/src/gate/install-gate.ts';
import { parseTracingConfig } from '../../../node/src/observability/tracing-config.ts';
import { parseZoneConfig } from '../../../node/src/roles/zone/zone-config.ts';
import { parsePersistenceConfig } from '../../../node/src/state/persistence/persistence-config.ts';
import { parseStoreConfig } from '../../../node/src/state/store-config.ts';
import type { GameCluster, Role } from '../api/game-cluster.ts';
import { ROLES } from '../api/game-cluster.ts';
import { NODE_ENTRYPOINT, podFor, secret } from './index.ts';
import { sampleGameCluster } from './testing-game-cluster.ts';

const POD_NAME = 'arena-zone-x7k2p';
const POD_IP = '10.4.2.17';
const POSTGRES_URL = 'postgres://arena:secret@postgres.games:5432/arena';

/** Secrets by name and key, as the kubelet would read them: the cluster's generated keys and the user's URL. */
function secretsOf(cluster: GameCluster): Map<string, Record<string, string>> {
  const keys = secret(cluster);
  const decoded = Object.fromEntries(
    Object.entries(keys.data ?? {}).map(([key, value]) => [key, Buffer.from(value, 'base64').toString('utf8')]),
  );
  return new Map([
    [keys.metadata?.name ?? '', decoded],
    ['arena-db', { url: POSTGRES_URL }],
  ]);
}

/** The container's env as the process sees it (a later duplicate wins, as in the kubelet). */
function resolveEnv(env: readonly V1EnvVar[], secrets: Map<string, Record<string, string>>): Record<string, string> {
  const fields: Record<string, string> = { 'metadata.name': POD_NAME, 'status.podIP': POD_IP };
  const out: Record<string, string> = {};
  for (const variable of env) {
    const field = variable.valueFrom?.fieldRef?.fieldPath;
    const ref = variable.valueFrom?.secretKeyRef;
    let text: string | undefined = variable.value;
    if (field !== undefined) text = fields[field];
    if (ref !== undefined) text = secrets.get(ref.name ?? '')?.[ref.key];
    if (text === undefined) throw new Error(`${variable.name} does not resolve`);
    out[variable.name] = text;
  }
  return out;
}

function containerOf(cluster: GameCluster, role: Role): V1Container {
  const container = podFor(cluster, role).spec?.containers[0];
  if (container === undefined) throw new Error('no container');
  return container;
}

/** What the node makes of a role's container: the parsers of game-node-process.ts, in its order. */
function nodeConfigOf(cluster: GameCluster, role: Role) {
  const container = containerOf(cluster, role);
  const env = resolveEnv(container.env ?? [], secretsOf(cluster));
  const [command, ...argv] = container.args ?? [];
  const { apps, rest } = splitAppArguments(argv);
  const admin = parseAdminConfig(rest, env);
  const store = parseStoreConfig(admin.rest, env);
  const persistence = parsePersistenceConfig(store.rest, env);
  const gate = parseGateConfig(persistence.rest, env);
  const zone = parseZoneConfig(gate.rest, env);
  const tracing = parseTracingConfig(zone.rest, env);
  const clusterConfig = parseClusterConfig(tracing.rest, env, { hostname: 'unused', pid: 1 });
  return { command, apps, env, admin: admin.config, store: store.config, gate: gate.config, cluster: clusterConfig };
}

describe('a node pod as the node reads it', () => {
  const postgres = sampleGameCluster();
  const embedded = sampleGameCluster({ database: { mode: 'embedded' } });

  it.each(ROLES)('gives a %s node a complete configuration', (role) => {
    const node = nodeConfigOf(postgres, role);
    expect(node.command).toBe('node');
    expect(node.apps).toEqual(['arena']);
    expect(node.cluster).toMatchObject({
      name: POD_NAME,
      roles: [role],
      cluster: 'arena',
      provider: 'etcd',
      etcdEndpoints: ['http://etcd-0.etcd:2379', 'http://etcd-1.etcd:2379'],
      meshHost: POD_IP,
      meshPort: 7370,
      meshAdvertise: undefined,
      leaseTtlMs: 8000, // the user's env reaches the node
    });
    expect(node.admin.host).toBe(POD_IP);
    expect(node.admin.port).toBe(7360);
    expect(node.admin.key?.byteLength).toBe(32);
    // The gate layer refuses a gate role without the token key.
    expect(hostsGate(node.cluster.roles) ? node.gate.clusterKey?.byteLength : 'no gate').toBe(
      role === 'gate' ? 43 : 'no gate',
    );
  });

  it('starts the gate on the pod IP and port 7350', () => {
    expect(nodeConfigOf(postgres, 'gate').gate).toMatchObject({ host: POD_IP, port: 7350 });
  });

  it('opens PostgreSQL on db nodes with the URL from the user Secret', () => {
    expect(nodeConfigOf(postgres, 'db').store).toMatchObject({ store: 'postgres', postgresUrl: POSTGRES_URL });
  });

  it('opens PGlite on the data volume on db nodes of an embedded cluster', () => {
    expect(nodeConfigOf(embedded, 'db').store).toMatchObject({
      store: 'pglite',
      pgliteDir: '/var/lib/gamecluster/pglite',
    });
  });

  it('lets the preStop drain command find the node and its key, whatever spec.env says', () => {
    const container = containerOf(
      sampleGameCluster({ env: [{ name: 'GAMECLUSTER_ADMIN_URL', value: 'http://elsewhere:1' }] }),
      'zone',
    );
    const hook = container.lifecycle?.preStop?.exec?.command ?? [];
    expect(hook.slice(0, NODE_ENTRYPOINT.length)).toEqual(NODE_ENTRYPOINT);
    expect(hook[NODE_ENTRYPOINT.length]).toBe('drain');
    const env = resolveEnv(container.env ?? [], secretsOf(postgres));
    const drain = parseDrainCommandConfig(hook.slice(NODE_ENTRYPOINT.length + 1), env);
    expect(drain.adminUrl).toBe(`http://${POD_IP}:7360`);
    expect(drain.timeoutSeconds).toBe(60);
    expect(drain.key.byteLength).toBe(32);
  });

  it('would fail a pod whose env the node does not accept (the check can fail)', () => {
    const bad = sampleGameCluster({ env: [{ name: 'GAMECLUSTER_LEASE_TTL_MS', value: '10' }] });
    expect(() => nodeConfigOf(bad, 'zone')).toThrow(/leaseTtlMs/);
  });
});
