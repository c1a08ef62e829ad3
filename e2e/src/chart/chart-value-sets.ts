// The value sets every chart test renders besides the defaults: each turns on or off one part of the chart, so
// lint, schema validation and the RBAC check see every template branch.
export interface ChartValueSet {
  readonly name: string;
  readonly values: Record<string, unknown>;
}

export const WATCH_NAMESPACE = 'games-a';

export const VALUE_SETS: readonly ChartValueSet[] = [
  { name: 'defaults', values: {} },
  { name: 'serviceMonitor on', values: { metrics: { serviceMonitor: { enabled: true, labels: { release: 'kps' } } } } },
  { name: 'dashboards off', values: { dashboards: { enabled: false } } },
  { name: 'rbac off', values: { rbac: { create: false }, serviceAccount: { create: false, name: 'ops-operator' } } },
  { name: 'watchNamespace set', values: { watchNamespace: WATCH_NAMESPACE } },
  {
    name: 'everything set',
    values: {
      fullnameOverride: 'games-operator',
      image: { repository: 'registry.example.test:5000/games/operator', tag: '1.2.3', pullPolicy: 'Always' },
      imagePullSecrets: [{ name: 'regcred' }],
      replicaCount: 1,
      leaderElection: { enabled: false, leaseDurationSeconds: 30 },
      reconcile: { resyncSeconds: 60, workers: 8 },
      resources: { requests: { cpu: 0.25, memory: '256Mi' }, limits: { memory: '1Gi' } },
      nodeSelector: { 'kubernetes.io/os': 'linux' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'games', effect: 'NoSchedule' }],
      affinity: {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [{ key: 'pool', operator: 'In', values: ['ops'] }] }],
          },
        },
      },
      podAnnotations: { 'example.test/owner': 'games' },
      priorityClassName: 'system-cluster-critical',
      metrics: { port: 9090, serviceMonitor: { enabled: true, interval: '15s' } },
      dashboards: {
        labels: { grafana_dashboard: 'yes' },
        annotations: { grafana_folder: 'Games' },
        namespace: 'monitoring',
      },
      serviceAccount: { annotations: { 'example.test/role': 'operator' } },
    },
  },
];
