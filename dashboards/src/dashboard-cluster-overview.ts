// Cluster overview: is every node up and in the cluster, how loaded, how many players and actors, and what the
// processes cost (CPU, memory, event-loop lag, heap).
import { buildDashboard } from './dashboard-builder.ts';
import type { Dashboard } from './grafana-model.ts';
import { rateBy, SCOPE, scoped, sumBy } from './label-selector.ts';
import { stat } from './panel-stat.ts';
import { timeseries } from './panel-timeseries.ts';

export const clusterOverview: Dashboard = buildDashboard({
  uid: 'gamecluster-overview',
  title: 'gamecluster / Cluster overview',
  description: 'Nodes, membership, leases, load, players and process resources of a gamecluster.',
  variablesFrom: 'gamecluster_cluster_members',
  rows: [
    {
      title: 'Cluster',
      panels: [
        stat({
          title: 'Nodes up',
          description: 'Scrape targets Prometheus reached on its last scrape.',
          unit: 'short',
          expr: `sum(up{${SCOPE}})`,
        }),
        stat({
          title: 'Members seen (min)',
          description: 'The fewest cluster members any node sees; lower than "Nodes up" means a node has not joined.',
          unit: 'short',
          expr: `min(${scoped('gamecluster_cluster_members')})`,
        }),
        stat({
          title: 'Unhealthy leases',
          description: 'Nodes whose etcd lease is not healthy (unreachable or fenced).',
          unit: 'short',
          expr: `sum(1 - ${scoped('gamecluster_cluster_lease_healthy')})`,
          redFrom: 1,
        }),
        stat({
          title: 'Actor activations',
          description: 'Live actor activations on all nodes.',
          unit: 'short',
          expr: sumBy('gamecluster_actor_activations', []),
        }),
        stat({
          title: 'Client connections',
          description: 'Open client connections on all gates.',
          unit: 'short',
          expr: sumBy('gamecluster_gate_connections', []),
        }),
        stat({
          title: 'Players in zones',
          description: 'Players in scenes on all zone nodes.',
          unit: 'short',
          expr: sumBy('gamecluster_zone_players', []),
        }),
      ],
    },
    {
      title: 'Nodes',
      panels: [
        timeseries({
          title: 'Node load',
          description: 'The load each node publishes; placement puts new scenes on the least-loaded zone.',
          unit: 'short',
          queries: [{ expr: sumBy('gamecluster_node_load', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Cluster members seen',
          description: 'How many members each node sees: all lines equal when membership has converged.',
          unit: 'short',
          queries: [{ expr: sumBy('gamecluster_cluster_members', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Lease state',
          description: 'Nodes per etcd lease state (healthy, unreachable, fenced).',
          unit: 'short',
          stacked: true,
          queries: [{ expr: sumBy('gamecluster_cluster_lease_state', ['state']), legend: '{{state}}' }],
        }),
        timeseries({
          title: 'Mesh peers by state',
          description: 'Mesh connections to other nodes, by state, summed over the nodes.',
          unit: 'short',
          stacked: true,
          queries: [{ expr: sumBy('gamecluster_mesh_peers', ['state']), legend: '{{state}}' }],
        }),
      ],
    },
    {
      title: 'Processes',
      panels: [
        timeseries({
          title: 'CPU',
          description: 'CPU time per second each process uses (1 = one core).',
          unit: 'short',
          queries: [{ expr: rateBy('gamecluster_process_cpu_seconds_total', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Resident memory',
          description: 'Resident set size of each process.',
          unit: 'bytes',
          queries: [{ expr: sumBy('gamecluster_process_resident_memory_bytes', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Event-loop lag p99',
          description: 'The 99th percentile event-loop delay of each process: ticks and messages wait this long.',
          unit: 's',
          queries: [{ expr: sumBy('gamecluster_nodejs_eventloop_lag_p99_seconds', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Heap used',
          description: 'V8 heap in use in each process.',
          unit: 'bytes',
          queries: [{ expr: sumBy('gamecluster_nodejs_heap_size_used_bytes', ['pod']), legend: '{{pod}}' }],
        }),
      ],
    },
  ],
});
