// Actors and mesh: activations, message rates and latency per actor kind, mailboxes, ask timeouts and deadlocks;
// the mesh between nodes (messages, batching, peers, remote ask latency) and the actor directory.
import { buildDashboard } from './dashboard-builder.ts';
import type { Dashboard } from './grafana-model.ts';
import { mean, quantile, rateBy, sumBy } from './label-selector.ts';
import { timeseries } from './panel-timeseries.ts';

export const actorsMesh: Dashboard = buildDashboard({
  uid: 'gamecluster-actors-mesh',
  title: 'gamecluster / Actors and mesh',
  description: 'Virtual actors per kind and the mesh that carries their messages between nodes.',
  variablesFrom: 'gamecluster_cluster_members',
  rows: [
    {
      title: 'Actors',
      panels: [
        timeseries({
          title: 'Activations by kind',
          description: 'Live activations of each actor kind on the selected nodes.',
          unit: 'short',
          stacked: true,
          queries: [{ expr: sumBy('gamecluster_actor_activations', ['kind']), legend: '{{kind}}' }],
        }),
        timeseries({
          title: 'Activations and deactivations',
          description: 'Activations started and ended per second, by kind: a steady gap is growth, churn is both high.',
          unit: 'ops',
          queries: [
            { expr: rateBy('gamecluster_actor_activations_total', ['kind']), legend: '{{kind}} activated' },
            { expr: rateBy('gamecluster_actor_deactivations_total', ['kind']), legend: '{{kind}} deactivated' },
          ],
        }),
        timeseries({
          title: 'Messages handled by kind',
          description: 'Messages (tells and asks) actors of each kind handled per second.',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_actor_message_duration_seconds_count', ['kind']), legend: '{{kind}}' }],
        }),
        timeseries({
          title: 'Message handling time p99 by kind',
          description: 'The 99th percentile time a handler of each kind takes (queueing not included).',
          unit: 's',
          queries: [
            { expr: quantile(0.99, 'gamecluster_actor_message_duration_seconds', ['kind']), legend: '{{kind}}' },
          ],
        }),
        timeseries({
          title: 'Mailbox depth by kind',
          description: 'Messages waiting in the mailboxes of each kind: a kind that keeps growing cannot keep up.',
          unit: 'short',
          queries: [{ expr: sumBy('gamecluster_actor_mailbox_depth', ['kind']), legend: '{{kind}}' }],
        }),
        timeseries({
          title: 'Ask timeouts and deadlocks',
          description: 'Asks that got no answer in time, and asks refused because they would deadlock, per second.',
          unit: 'ops',
          queries: [
            { expr: rateBy('gamecluster_actor_ask_timeouts_total', []), legend: 'ask timeouts' },
            { expr: rateBy('gamecluster_actor_deadlocks_total', []), legend: 'deadlocks' },
          ],
        }),
      ],
    },
    {
      title: 'Mesh',
      panels: [
        timeseries({
          title: 'Mesh messages',
          description: 'Messages each node sent to and received from other nodes per second.',
          unit: 'ops',
          queries: [
            { expr: rateBy('gamecluster_mesh_messages_sent_total', ['pod']), legend: '{{pod}} sent' },
            { expr: rateBy('gamecluster_mesh_messages_received_total', ['pod']), legend: '{{pod}} received' },
          ],
        }),
        timeseries({
          title: 'Messages per mesh frame',
          description: 'How many messages share one frame: batching at work when the mean rises with load.',
          unit: 'short',
          queries: [
            { expr: mean('gamecluster_mesh_batch_size', []), legend: 'mean' },
            { expr: quantile(0.99, 'gamecluster_mesh_batch_size', []), legend: 'p99' },
          ],
        }),
        timeseries({
          title: 'Remote ask round trip',
          description: 'Time from sending an ask to another node to its answer.',
          unit: 's',
          queries: [
            { expr: quantile(0.5, 'gamecluster_mesh_ask_duration_seconds', []), legend: 'p50' },
            { expr: quantile(0.99, 'gamecluster_mesh_ask_duration_seconds', []), legend: 'p99' },
          ],
        }),
        timeseries({
          title: 'Mesh peers by state',
          description: 'Mesh connections to other nodes, by state, per node.',
          unit: 'short',
          queries: [{ expr: sumBy('gamecluster_mesh_peers', ['pod', 'state']), legend: '{{pod}} {{state}}' }],
        }),
      ],
    },
    {
      title: 'Directory',
      panels: [
        timeseries({
          title: 'Directory claims and conflicts',
          description: 'Activations claimed in the actor directory per second, and claims that lost to another node.',
          unit: 'ops',
          width: 24,
          queries: [
            { expr: rateBy('gamecluster_directory_claims_total', []), legend: 'claims' },
            { expr: rateBy('gamecluster_directory_claim_conflicts_total', []), legend: 'conflicts' },
          ],
        }),
      ],
    },
  ],
});
