// The Prometheus harness against a real node: `npm start` serves /metrics, a real Prometheus scrapes it with the
// target labels, and the API answers instant and range queries with those labels (and refuses bad PromQL).
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type LocalProcess, startLocalProcess } from '../../../node/src/launch/local-process.ts';
import { hasData, PrometheusApiError, type PrometheusSample } from './prometheus-api.ts';
import { evaluatePanels } from './prometheus-panels.ts';
import { PrometheusServer } from './prometheus-server.ts';

const HOST = '127.0.0.87';
let dataDir: string;
let node: LocalProcess | undefined;
let prometheus: PrometheusServer | undefined;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'gamecluster-prometheus-test-'));
  node = await startLocalProcess({ dataDir, host: HOST });
  const admin = new URL(String(node.ready.metrics));
  prometheus = await PrometheusServer.start({
    host: HOST,
    targets: [{ address: admin.host, labels: { cluster: 'harness', pod: 'local-1', role: 'target-role' } }],
  });
  await prometheus.waitForTargets(1);
}, 90_000);

afterAll(async () => {
  await prometheus?.stop();
  await node?.interrupt();
  rmSync(dataDir, { recursive: true, force: true });
}, 30_000);

describe('PrometheusServer', () => {
  it('scrapes the node: `up` is 1 with the target labels', async () => {
    const result = await prometheus!.api.query('up{cluster="harness", pod="local-1"}');
    expect(result.resultType).toBe('vector');
    const samples = result.result as PrometheusSample[];
    expect(samples).toHaveLength(1);
    expect(samples[0]!.metric).toMatchObject({ cluster: 'harness', pod: 'local-1', role: 'target-role' });
    expect(samples[0]!.value![1]).toBe('1');
  });

  it('keeps the node’s own role label on its metrics and adds cluster and pod', async () => {
    const result = await prometheus!.api.query('gamecluster_cluster_members{cluster="harness"}');
    const samples = result.result as PrometheusSample[];
    expect(samples).toHaveLength(1);
    expect(samples[0]!.metric.pod).toBe('local-1');
    expect(samples[0]!.metric.role).not.toBe('target-role');
    expect(samples[0]!.metric.exported_role).toBeUndefined();
    expect(hasData(result)).toBe(true);
  });

  it('answers range queries over the scraped window', async () => {
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    const now = Date.now() / 1000;
    const result = await prometheus!.api.queryRange('sum(up{cluster="harness"})', now - 5, now, 1);
    expect(result.resultType).toBe('matrix');
    expect((result.result as PrometheusSample[])[0]!.values!.length).toBeGreaterThanOrEqual(2);
    expect(hasData(result)).toBe(true);
  }, 10_000);

  it('finds no data for a metric nobody exports', async () => {
    expect(hasData(await prometheus!.api.query('gamecluster_no_such_metric'))).toBe(false);
  });

  it('refuses bad PromQL with Prometheus’s error', async () => {
    await expect(prometheus!.api.query('sum(up')).rejects.toThrow(PrometheusApiError);
    await expect(prometheus!.api.query('sum(up')).rejects.toThrow(/parse error/);
  });
});

describe('evaluatePanels', () => {
  const dashboard = {
    panels: [
      {
        id: 1,
        type: 'stat',
        title: 'Members',
        targets: [
          { refId: 'A', expr: 'sum(gamecluster_cluster_members{cluster=~"$cluster", pod=~"$pod"})', instant: true },
        ],
      },
      {
        id: 2,
        type: 'timeseries',
        title: 'Scrapes and a missing metric',
        targets: [
          { refId: 'A', expr: 'sum(up{cluster=~"$cluster"})' },
          { refId: 'B', expr: 'sum(rate(gamecluster_no_such_total{cluster=~"$cluster"}[$__rate_interval]))' },
        ],
      },
      {
        id: 3,
        type: 'timeseries',
        title: 'Another cluster',
        targets: [{ refId: 'A', expr: 'sum(up{cluster="elsewhere"})' }],
      },
    ],
  };

  it('finds data where every query has some, and names the queries without', async () => {
    const now = Date.now() / 1000;
    const verdicts = await evaluatePanels(prometheus!.api, dashboard, {
      variables: { cluster: 'harness', pod: '.*', __rate_interval: '5s' },
      instantAtSeconds: now,
      rangeStartSeconds: now - 10,
      rangeEndSeconds: now,
      stepSeconds: 1,
    });
    expect(verdicts).toEqual([
      { panelId: 1, title: 'Members', hasData: true, empty: [] },
      {
        panelId: 2,
        title: 'Scrapes and a missing metric',
        hasData: false,
        empty: ['sum(rate(gamecluster_no_such_total{cluster=~"harness"}[5s]))'],
      },
      { panelId: 3, title: 'Another cluster', hasData: false, empty: ['sum(up{cluster="elsewhere"})'] },
    ]);
  });
});

describe('PrometheusServer.start', () => {
  it('says how to install Prometheus when the binary is missing', async () => {
    await expect(
      PrometheusServer.start({
        host: HOST,
        targets: [{ address: '127.0.0.1:1', labels: {} }],
        binary: '/nonexistent/prometheus',
      }),
    ).rejects.toThrow(/not found: install Debian's prometheus package/);
  });

  it('removes its data directory when stopped', async () => {
    const server = await PrometheusServer.start({ host: HOST, targets: [{ address: '127.0.0.1:1', labels: {} }] });
    const dir = server.dataDir;
    expect(existsSync(dir)).toBe(true);
    await server.stop();
    expect(existsSync(dir)).toBe(false);
  }, 30_000);
});
