// What a role's pods look like, without a name or template hash: the unit the template hash covers. Everything
// in it comes from spec fields whose change must replace the pods (image, version, app, env, resources, etcd,
// database, drain timeout); replicas, autoscaling, the Service and the NetworkPolicy never reach it.
import type { V1PodSpec, V1Volume } from '@kubernetes/client-node';
import type { GameCluster, Role } from '../api/game-cluster.ts';
import { type Labels, roleLabels, roleSelector } from './labels.ts';
import { DATA_VOLUME, nodeContainer, TMP_VOLUME, usesDataVolume } from './node-container.ts';
import { NODE_CONTAINER_NAME, NODE_USER_ID, TERMINATION_MARGIN_SECONDS } from './node-ports.ts';
import { checkObjectNames } from './object-names.ts';

export interface PodTemplate {
  readonly role: Role;
  /** The pods' labels (cluster, role, standard labels), without the template hash. */
  readonly labels: Labels;
  readonly annotations: Labels;
  readonly spec: V1PodSpec;
}

function volumes(cluster: GameCluster, role: Role): V1Volume[] {
  const list: V1Volume[] = [{ name: TMP_VOLUME, emptyDir: {} }];
  // An emptyDir: embedded mode is for demos and its data dies with the pod (use postgres to keep it).
  if (usesDataVolume(cluster, role)) list.push({ name: DATA_VOLUME, emptyDir: {} });
  return list;
}

/** The pod template of `role` in `cluster` (throws ObjectNameError or ObjectSpecError when it cannot be built). */
export function podTemplate(cluster: GameCluster, role: Role): PodTemplate {
  checkObjectNames(cluster);
  return {
    role,
    labels: roleLabels(cluster, role),
    annotations: { 'kubectl.kubernetes.io/default-container': NODE_CONTAINER_NAME },
    spec: {
      containers: [nodeContainer(cluster, role)],
      volumes: volumes(cluster, role),
      // A crashed node restarts in place (its name, hence its member id prefix, stays); the operator replaces
      // pods that failed for good.
      restartPolicy: 'Always',
      // The preStop drain may take the whole timeout; SIGTERM's clean stop comes after it.
      terminationGracePeriodSeconds: cluster.spec.drainTimeoutSeconds + TERMINATION_MARGIN_SECONDS,
      // Nodes call no Kubernetes API, and hundreds of *_SERVICE_HOST variables would only crowd their env.
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: NODE_USER_ID,
        runAsGroup: NODE_USER_ID,
        fsGroup: NODE_USER_ID,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      // Spread a role over machines where possible, so one machine going down takes few of its pods.
      topologySpreadConstraints: [
        {
          maxSkew: 1,
          topologyKey: 'kubernetes.io/hostname',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: roleSelector(cluster, role) },
        },
      ],
    },
  };
}
