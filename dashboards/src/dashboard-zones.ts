// Zones and matchmaking: players and scenes per zone, tick time against the tick budget, and the match queues
// that fill the scenes (tickets, players, wait time, matches and timeouts).
import { buildDashboard } from './dashboard-builder.ts';
import type { Dashboard } from './grafana-model.ts';
import { quantile, rateBy, sumBy } from './label-selector.ts';
import { stat } from './panel-stat.ts';
import { timeseries } from './panel-timeseries.ts';

export const zones: Dashboard = buildDashboard({
  uid: 'gamecluster-zones',
  title: 'gamecluster / Zones and matchmaking',
  description: 'Scenes, players and tick time on the zone nodes, and the match queues that fill them.',
  variablesFrom: 'gamecluster_cluster_members',
  rows: [
    {
      title: 'Zones',
      panels: [
        stat({
          title: 'Players',
          description: 'Players in scenes on the selected zones.',
          unit: 'short',
          expr: sumBy('gamecluster_zone_players', []),
          width: 6,
        }),
        stat({
          title: 'Scenes',
          description: 'Scenes (maps and match rooms) running on the selected zones.',
          unit: 'short',
          expr: sumBy('gamecluster_zone_scenes', []),
          width: 6,
        }),
        stat({
          title: 'Tick time p99',
          description: 'The 99th percentile scene tick duration over the selected zones.',
          unit: 's',
          expr: quantile(0.99, 'gamecluster_zone_tick_duration_seconds', []),
          width: 6,
        }),
        stat({
          title: 'Ticks per second',
          description: 'Scene ticks per second over the selected zones.',
          unit: 'ops',
          expr: rateBy('gamecluster_zone_tick_duration_seconds_count', []),
          width: 6,
        }),
        timeseries({
          title: 'Players per zone',
          description: 'Players in scenes on each zone node.',
          unit: 'short',
          stacked: true,
          queries: [{ expr: sumBy('gamecluster_zone_players', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Scenes per zone',
          description: 'Scenes on each zone node: placement keeps them even, a drain moves them away.',
          unit: 'short',
          stacked: true,
          queries: [{ expr: sumBy('gamecluster_zone_scenes', ['pod']), legend: '{{pod}}' }],
        }),
        timeseries({
          title: 'Tick time per zone',
          description:
            'Median and 99th percentile scene tick duration on each zone: p99 near the tick interval means the zone is full.',
          unit: 's',
          queries: [
            { expr: quantile(0.5, 'gamecluster_zone_tick_duration_seconds', ['pod']), legend: '{{pod}} p50' },
            { expr: quantile(0.99, 'gamecluster_zone_tick_duration_seconds', ['pod']), legend: '{{pod}} p99' },
          ],
        }),
        timeseries({
          title: 'Ticks per zone',
          description: 'Scene ticks per second on each zone (scenes × tick rate).',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_zone_tick_duration_seconds_count', ['pod']), legend: '{{pod}}' }],
        }),
      ],
    },
    {
      title: 'Matchmaking',
      panels: [
        timeseries({
          title: 'Queued tickets and players',
          description: 'Tickets (a player or a party) and players waiting in each match queue.',
          unit: 'short',
          queries: [
            { expr: sumBy('gamecluster_match_queue_tickets', ['queue']), legend: '{{queue}} tickets' },
            { expr: sumBy('gamecluster_match_queue_players', ['queue']), legend: '{{queue}} players' },
          ],
        }),
        timeseries({
          title: 'Wait for a match',
          description: 'Time from joining a queue to being matched, median and 99th percentile, per queue.',
          unit: 's',
          queries: [
            { expr: quantile(0.5, 'gamecluster_match_wait_seconds', ['queue']), legend: '{{queue}} p50' },
            { expr: quantile(0.99, 'gamecluster_match_wait_seconds', ['queue']), legend: '{{queue}} p99' },
          ],
        }),
        timeseries({
          title: 'Matches made',
          description: 'Matches made per second in each queue.',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_match_matches_total', ['queue']), legend: '{{queue}}' }],
        }),
        timeseries({
          title: 'Queue timeouts',
          description: 'Tickets per second that waited too long and left the queue unmatched.',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_match_timeouts_total', ['queue']), legend: '{{queue}}' }],
        }),
      ],
    },
  ],
});
