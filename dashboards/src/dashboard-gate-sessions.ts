// Gate and sessions: client connections and sessions per gate, frames in and out, why connections close,
// session resumes, and the logins the gates serve (attempts and failures by method and reason).
import { buildDashboard } from './dashboard-builder.ts';
import type { Dashboard } from './grafana-model.ts';
import { rateBy, sumBy } from './label-selector.ts';
import { stat } from './panel-stat.ts';
import { timeseries } from './panel-timeseries.ts';

export const gateSessions: Dashboard = buildDashboard({
  uid: 'gamecluster-gate-sessions',
  title: 'gamecluster / Gate and sessions',
  description: 'Client connections, sessions, frames, close codes, resumes and logins on the gates.',
  variablesFrom: 'gamecluster_cluster_members',
  rows: [
    {
      title: 'Connections',
      panels: [
        stat({
          title: 'Connections',
          description: 'Open client connections on the selected gates.',
          unit: 'short',
          expr: sumBy('gamecluster_gate_connections', []),
          width: 6,
        }),
        stat({
          title: 'Sessions',
          description: 'Client sessions the selected gates hold, including ones waiting for a resume.',
          unit: 'short',
          expr: sumBy('gamecluster_gate_sessions', []),
          width: 6,
        }),
        stat({
          title: 'Frames in per second',
          description: 'Client frames received per second on the selected gates.',
          unit: 'ops',
          expr: rateBy('gamecluster_gate_frames_received_total', []),
          width: 6,
        }),
        stat({
          title: 'Frames out per second',
          description: 'Frames sent to clients per second on the selected gates.',
          unit: 'ops',
          expr: rateBy('gamecluster_gate_frames_sent_total', []),
          width: 6,
        }),
        timeseries({
          title: 'Connections and sessions per gate',
          description: 'Open connections and held sessions on each gate: sessions above connections are resumable.',
          unit: 'short',
          queries: [
            { expr: sumBy('gamecluster_gate_connections', ['pod']), legend: '{{pod}} connections' },
            { expr: sumBy('gamecluster_gate_sessions', ['pod']), legend: '{{pod}} sessions' },
          ],
        }),
        timeseries({
          title: 'Frames per gate',
          description: 'Frames received from and sent to clients per second on each gate.',
          unit: 'ops',
          queries: [
            { expr: rateBy('gamecluster_gate_frames_received_total', ['pod']), legend: '{{pod}} in' },
            { expr: rateBy('gamecluster_gate_frames_sent_total', ['pod']), legend: '{{pod}} out' },
          ],
        }),
        timeseries({
          title: 'Closes by code',
          description: 'Connections closed per second by WebSocket close code (docs/protocol.md lists the codes).',
          unit: 'ops',
          stacked: true,
          queries: [{ expr: rateBy('gamecluster_gate_closes_total', ['code']), legend: '{{code}}' }],
        }),
        timeseries({
          title: 'Session resumes',
          description: 'Clients that came back with their resume token and got the pushes they missed, per second.',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_gate_resumes_total', []), legend: 'resumes' }],
        }),
      ],
    },
    {
      title: 'Logins',
      panels: [
        timeseries({
          title: 'Login attempts by method',
          description: 'Logins per second through /auth/device, /auth/register and /auth/login.',
          unit: 'ops',
          queries: [{ expr: rateBy('gamecluster_login_attempts_total', ['method']), legend: '{{method}}' }],
        }),
        timeseries({
          title: 'Login failures by reason',
          description: 'Logins refused per second, by method and reason.',
          unit: 'ops',
          queries: [
            { expr: rateBy('gamecluster_login_failures_total', ['method', 'reason']), legend: '{{method}} {{reason}}' },
          ],
        }),
      ],
    },
  ],
});
