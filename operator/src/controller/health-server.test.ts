// The operator's HTTP port: /healthz, /readyz following the readiness callback, and /metrics carrying every metric
// the operator dashboard queries (dashboards/operator.json), so its panels get data from a real operator.
import { afterEach, describe, expect, it } from '@jest/globals';
import { DASHBOARDS, dashboardMetricNames, missingMetrics, readDashboardFile } from '../../../dashboards/src/index.ts';
import { HealthServer } from './health-server.ts';
import { OperatorMetrics } from './operator-metrics.ts';

let server: HealthServer | undefined;

afterEach(async () => {
  await server?.stop();
  server = undefined;
});

describe('HealthServer', () => {
  it('answers health, readiness as told, and the metrics the operator dashboard uses', async () => {
    let ready = false;
    const metrics = new OperatorMetrics(() => 3);
    server = new HealthServer({ host: '127.0.0.1', port: 0, registry: metrics.registry, ready: () => ready });
    await server.start();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${server.url}/readyz`)).status).toBe(503);
    ready = true;
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
    expect((await fetch(`${server.url}/nope`)).status).toBe(404);
    expect((await fetch(`${server.url}/metrics`, { method: 'POST' })).status).toBe(405);

    metrics.reconciles.inc({ result: 'success' });
    metrics.reconcileErrors.inc();
    metrics.reconcileDuration.observe(0.004);
    metrics.drains.inc({ reason: 'rollout' });
    metrics.scaleDecisions.inc({ direction: 'up' });
    const exposition = await (await fetch(`${server.url}/metrics`)).text();
    expect(exposition).toContain('gamecluster_operator_queue_depth 3');
    const dashboard = DASHBOARDS.find((entry) => entry.metricSource === 'operator')!;
    const used = dashboardMetricNames(readDashboardFile(dashboard));
    expect(used.length).toBeGreaterThanOrEqual(6);
    expect(missingMetrics(used, exposition)).toEqual([]);
  });
});
