// The node container of a role's pod: image, args and env, ports, probes on the admin port, the preStop drain
// (so an eviction the operator did not start still drains), resources, and a locked-down security context
// (non-root, read-only root filesystem, no capabilities): the node needs nothing more than its ports and /tmp.
import type { V1Container, V1ContainerPort, V1ResourceRequirements, V1VolumeMount } from '@kubernetes/client-node';
import type { GameCluster, ResourceList, Role } from '../api/game-cluster.ts';
import { nodeArgs, nodeEnv } from './node-env.ts';
import {
  ADMIN_PORT,
  ADMIN_PORT_NAME,
  DATA_MOUNT_PATH,
  GAME_PORT,
  GAME_PORT_NAME,
  HEALTH_PATH,
  MESH_PORT,
  MESH_PORT_NAME,
  NODE_CONTAINER_NAME,
  NODE_ENTRYPOINT,
  NODE_USER_ID,
  READY_PATH,
  TMP_MOUNT_PATH,
} from './node-ports.ts';

/** Volume names in a node pod. */
export const TMP_VOLUME = 'tmp';
export const DATA_VOLUME = 'data';

/** True when pods of `role` keep the embedded database on a data volume. */
export function usesDataVolume(cluster: GameCluster, role: Role): boolean {
  return role === 'db' && cluster.spec.database.mode === 'embedded';
}

/**
 * The drain the preStop hook runs: the node's own `drain` command, bounded by the drain timeout. It runs with the
 * container's env, from which it finds the admin server (GAMECLUSTER_ADMIN_HOST/PORT: the pod IP, as an exec
 * command cannot name it) and the admin key.
 */
export function preStopCommand(cluster: GameCluster): string[] {
  return [...NODE_ENTRYPOINT, 'drain', '--timeout-seconds', String(cluster.spec.drainTimeoutSeconds)];
}

function ports(role: Role): V1ContainerPort[] {
  const list: V1ContainerPort[] = [
    { name: ADMIN_PORT_NAME, containerPort: ADMIN_PORT, protocol: 'TCP' },
    { name: MESH_PORT_NAME, containerPort: MESH_PORT, protocol: 'TCP' },
  ];
  if (role === 'gate') list.unshift({ name: GAME_PORT_NAME, containerPort: GAME_PORT, protocol: 'TCP' });
  return list;
}

function resourceList(list: ResourceList | undefined): Record<string, string> | undefined {
  if (list === undefined) return undefined;
  const out: Record<string, string> = {};
  if (list.cpu !== undefined) out.cpu = list.cpu;
  if (list.memory !== undefined) out.memory = list.memory;
  return Object.keys(out).length === 0 ? undefined : out;
}

function resources(cluster: GameCluster, role: Role): V1ResourceRequirements {
  const spec = cluster.spec.roles[role].resources;
  const requests = resourceList(spec.requests);
  const limits = resourceList(spec.limits);
  return { ...(requests === undefined ? {} : { requests }), ...(limits === undefined ? {} : { limits }) };
}

function mounts(cluster: GameCluster, role: Role): V1VolumeMount[] {
  const list: V1VolumeMount[] = [{ name: TMP_VOLUME, mountPath: TMP_MOUNT_PATH }];
  if (usesDataVolume(cluster, role)) list.push({ name: DATA_VOLUME, mountPath: DATA_MOUNT_PATH });
  return list;
}

/** The node container of a `role` pod of `cluster`. */
export function nodeContainer(cluster: GameCluster, role: Role): V1Container {
  const admin = (path: string) => ({ path, port: ADMIN_PORT_NAME, scheme: 'HTTP' });
  return {
    name: NODE_CONTAINER_NAME,
    image: `${cluster.spec.image}:${cluster.spec.version}`,
    args: nodeArgs(cluster, role),
    env: nodeEnv(cluster, role),
    ports: ports(role),
    resources: resources(cluster, role),
    volumeMounts: mounts(cluster, role),
    // The admin server listens only once the node has joined (the db opened its store): up to 2 minutes.
    startupProbe: { httpGet: admin(HEALTH_PATH), periodSeconds: 2, timeoutSeconds: 2, failureThreshold: 60 },
    // Fast both ways: a draining node leaves the Service's endpoints within seconds.
    readinessProbe: {
      httpGet: admin(READY_PATH),
      periodSeconds: 2,
      timeoutSeconds: 2,
      successThreshold: 1,
      failureThreshold: 2,
    },
    // Generous: a node busy with a migration must not be killed mid-way; only a hung process (a minute) is.
    livenessProbe: { httpGet: admin(HEALTH_PATH), periodSeconds: 10, timeoutSeconds: 5, failureThreshold: 6 },
    lifecycle: { preStop: { exec: { command: preStopCommand(cluster) } } },
    terminationMessagePolicy: 'FallbackToLogsOnError',
    securityContext: {
      runAsNonRoot: true,
      runAsUser: NODE_USER_ID,
      runAsGroup: NODE_USER_ID,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ['ALL'] },
      seccompProfile: { type: 'RuntimeDefault' },
    },
  };
}
