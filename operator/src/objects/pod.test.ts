// The node pods: every role's pod passes the Pod schema as the client sends it (no field lost on the way), and
// carries the labels, owner, probes, preStop drain, grace period, security settings, volumes and ports it needs.
import { describe, expect, it } from '@jest/globals';
import type { V1Container, V1Pod } from '@kubernetes/client-node';
import { ROLES } from '../api/game-cluster.ts';
import {
  CLUSTER_LABEL,
  NODE_ENTRYPOINT,
  podFor,
  podTemplate,
  ROLE_LABEL,
  TEMPLATE_HASH_LABEL,
  TERMINATION_MARGIN_SECONDS,
  templateHash,
} from './index.ts';
import { sampleGameCluster } from './testing-game-cluster.ts';
import { validateWire } from './testing-wire.ts';

function containerOf(pod: V1Pod): V1Container {
  const container = pod.spec?.containers[0];
  if (container === undefined) throw new Error('no container');
  return container;
}

describe('podFor', () => {
  const cluster = sampleGameCluster();

  it.each(ROLES)('builds a %s pod that passes the Pod schema and loses nothing in the client', (role) => {
    const pod = podFor(cluster, role);
    const wire = validateWire(pod);
    // The client's serializer drops fields its model does not know: equality proves every field is real.
    expect(wire).toEqual(JSON.parse(JSON.stringify(pod)));
  });

  it('names, places, labels and owns the pod', () => {
    const pod = podFor(cluster, 'zone', 'abc123def0');
    expect(pod.metadata?.generateName).toBe('arena-zone-');
    expect(pod.metadata?.name).toBeUndefined();
    expect(pod.metadata?.namespace).toBe('games');
    expect(pod.metadata?.labels).toEqual({
      'app.kubernetes.io/name': 'gamecluster-node',
      'app.kubernetes.io/instance': 'arena',
      'app.kubernetes.io/managed-by': 'gamecluster-operator',
      'app.kubernetes.io/component': 'zone',
      [CLUSTER_LABEL]: 'arena',
      [ROLE_LABEL]: 'zone',
      [TEMPLATE_HASH_LABEL]: 'abc123def0',
    });
    expect(pod.metadata?.ownerReferences).toEqual([
      {
        apiVersion: 'gamecluster.io/v1alpha1',
        kind: 'GameCluster',
        name: 'arena',
        uid: cluster.metadata.uid,
        controller: true,
        blockOwnerDeletion: true,
      },
    ]);
  });

  it('labels the pod with its current template hash when none is given', () => {
    const pod = podFor(cluster, 'world');
    expect(pod.metadata?.labels?.[TEMPLATE_HASH_LABEL]).toBe(templateHash(podTemplate(cluster, 'world')));
  });

  it('runs the node image at the spec version with the node command, the app and the role', () => {
    const container = containerOf(podFor(cluster, 'match'));
    expect(container.image).toBe('ghcr.io/gamecluster/node:1.2.3');
    expect(container.command).toBeUndefined(); // the image's ENTRYPOINT runs node/src/main.ts
    expect(container.args).toEqual(['node', '--app', 'arena', '--roles', 'match']);
  });

  it('drains in preStop and leaves the drain its whole timeout before SIGKILL', () => {
    const pod = podFor(sampleGameCluster({ drainTimeoutSeconds: 90 }), 'zone');
    expect(containerOf(pod).lifecycle?.preStop?.exec?.command).toEqual([
      ...NODE_ENTRYPOINT,
      'drain',
      '--timeout-seconds',
      '90',
    ]);
    expect(pod.spec?.terminationGracePeriodSeconds).toBe(90 + TERMINATION_MARGIN_SECONDS);
    expect(TERMINATION_MARGIN_SECONDS).toBeGreaterThan(0);
  });

  it('probes readiness on /readyz and liveness on /healthz of the admin port', () => {
    const container = containerOf(podFor(cluster, 'gate'));
    expect(container.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'admin', scheme: 'HTTP' });
    expect(container.livenessProbe?.httpGet).toEqual({ path: '/healthz', port: 'admin', scheme: 'HTTP' });
    expect(container.startupProbe?.httpGet?.path).toBe('/healthz');
    // Generous liveness: a minute of silence at least before a restart.
    const liveness = container.livenessProbe;
    expect((liveness?.periodSeconds ?? 0) * (liveness?.failureThreshold ?? 0)).toBeGreaterThanOrEqual(60);
  });

  it('runs non-root on a read-only root filesystem without capabilities', () => {
    const pod = podFor(cluster, 'db');
    expect(containerOf(pod).securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 10001,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(pod.spec?.securityContext).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.spec?.automountServiceAccountToken).toBe(false);
    expect(pod.spec?.enableServiceLinks).toBe(false);
    expect(pod.spec?.restartPolicy).toBe('Always');
  });

  it('gives every pod a writable /tmp, and embedded db pods a data volume for PGlite', () => {
    const embedded = sampleGameCluster({ database: { mode: 'embedded' } });
    const mountsOf = (pod: V1Pod) => containerOf(pod).volumeMounts?.map((mount) => mount.mountPath);
    expect(mountsOf(podFor(embedded, 'db'))).toEqual(['/tmp', '/var/lib/gamecluster']);
    expect(podFor(embedded, 'db').spec?.volumes?.map((volume) => volume.name)).toEqual(['tmp', 'data']);
    expect(mountsOf(podFor(embedded, 'world'))).toEqual(['/tmp']);
    expect(mountsOf(podFor(cluster, 'db'))).toEqual(['/tmp']); // postgres: no local data
  });

  it('opens the game port on gate pods only; admin and mesh everywhere', () => {
    const portsOf = (pod: V1Pod) => containerOf(pod).ports?.map((port) => `${port.name}:${port.containerPort}`);
    expect(portsOf(podFor(cluster, 'gate'))).toEqual(['game:7350', 'admin:7360', 'mesh:7370']);
    expect(portsOf(podFor(cluster, 'zone'))).toEqual(['admin:7360', 'mesh:7370']);
  });

  it("takes the role's resources from the spec", () => {
    const container = containerOf(podFor(cluster, 'zone'));
    expect(container.resources).toEqual({ requests: { cpu: '250m', memory: '256Mi' }, limits: { memory: '512Mi' } });
    const none = sampleGameCluster({
      roles: { ...cluster.spec.roles, zone: { replicas: 1, resources: {} } },
    });
    expect(containerOf(podFor(none, 'zone')).resources).toEqual({});
  });

  it("puts the user's env last and never lets it replace the operator's wiring", () => {
    const custom = sampleGameCluster({
      env: [
        { name: 'GAMECLUSTER_TRACING', value: 'otlp' },
        { name: 'GAMECLUSTER_ADMIN_PORT', value: '9999' },
        { name: 'GAMECLUSTER_NODE_NAME', value: 'mine' },
      ],
    });
    const env = containerOf(podFor(custom, 'world')).env ?? [];
    expect(env.at(-1)).toEqual({ name: 'GAMECLUSTER_TRACING', value: 'otlp' });
    expect(env.filter((variable) => variable.name === 'GAMECLUSTER_ADMIN_PORT')).toEqual([
      { name: 'GAMECLUSTER_ADMIN_PORT', value: '7360' },
    ]);
    expect(env.filter((variable) => variable.name === 'GAMECLUSTER_NODE_NAME')).toHaveLength(1);
  });

  it('reads the keys and the database URL from Secrets, never from values', () => {
    const env = containerOf(podFor(cluster, 'gate')).env ?? [];
    const byName = new Map(env.map((variable) => [variable.name, variable]));
    expect(byName.get('GAMECLUSTER_CLUSTER_KEY')?.valueFrom?.secretKeyRef).toEqual({
      name: 'arena-keys',
      key: 'cluster-key',
    });
    expect(byName.get('GAMECLUSTER_ADMIN_KEY')?.valueFrom?.secretKeyRef).toEqual({
      name: 'arena-keys',
      key: 'admin-key',
    });
    const db = new Map((containerOf(podFor(cluster, 'db')).env ?? []).map((variable) => [variable.name, variable]));
    expect(db.get('GAMECLUSTER_POSTGRES_URL')?.valueFrom?.secretKeyRef).toEqual({ name: 'arena-db', key: 'url' });
    // Only gates get the token key; only db pods the database.
    expect(db.has('GAMECLUSTER_CLUSTER_KEY')).toBe(false);
    expect(byName.has('GAMECLUSTER_POSTGRES_URL')).toBe(false);
  });
});
