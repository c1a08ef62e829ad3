// `npm run e2e -- dashboards`: the dashboards against a real Prometheus. The `npm run cluster` topology (gate ×2,
// world, zone ×2, match, db on PGlite and etcd) is scraped every second by Debian's Prometheus, started here with a
// generated config (targets labelled cluster, pod, role); arena bots play for 60 s while a few logins with a wrong
// password give the login-failure panel something to show. Then every panel query of every node dashboard goes
// through Prometheus's HTTP API (stat panels as instant queries during the run, time series as range queries over
// it) and must return data; every variable must list values; every metric the dashboards use must be in the
// nodes' /metrics and every expression must parse with promtool. The operator dashboard is exempt: its metrics come
// from the operator, which this topology does not run (docs/dashboards.md).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CHECK_VARIABLES,
  checkPromql,
  DASHBOARDS,
  dashboardExpressions,
  dashboardMetricNames,
  expandVariables,
  missingMetrics,
  panelQueries,
  readDashboardFile,
  type VariableValues,
  variableQueries,
} from '../../../dashboards/src/index.ts';
import { EtcdTestServer } from '../../../node/src/cluster/etcd/index.ts';
import { DEFAULT_TOPOLOGY, ProcessCluster } from '../../../node/src/launch/process-cluster.ts';
import { arenaScenario } from '../../../node/src/roles/arena/arena-bot.ts';
import { runArenaBots } from '../harness/arena-bots.ts';
import type { PrometheusApi } from '../harness/prometheus-api.ts';
import { evaluatePanels } from '../harness/prometheus-panels.ts';
import { PrometheusServer } from '../harness/prometheus-server.ts';
import type { Suite, SuiteSummary } from '../suite.ts';

const BOTS = Number(process.env.GAMECLUSTER_DASHBOARDS_BOTS ?? 40);
const RUN_MS = 60_000;
const BAD_LOGINS = 5;
const CLUSTER = 'dashboards';
const HOST_BASE = 90; // 127.0.0.90: etcd and Prometheus; .91-.97: the nodes; .89: the gates
const TIME_BAR_SECONDS = 180;

export const dashboardsSuite: Suite = {
  name: 'dashboards',
  description: `npm run cluster topology + a real Prometheus, ${BOTS} arena bots for ${RUN_MS / 1000} s: every dashboard panel returns data`,
  run: runDashboards,
};

async function runDashboards(): Promise<SuiteSummary> {
  const started = Date.now();
  const logDir = mkdtempSync(join(tmpdir(), 'gamecluster-dashboards-'));
  const etcd = await EtcdTestServer.start({ host: `127.0.0.${HOST_BASE}` });
  let cluster: ProcessCluster | undefined;
  let prometheus: PrometheusServer | undefined;
  let keepLogs = true;
  try {
    cluster = await ProcessCluster.start({
      app: 'arena',
      etcdEndpoint: etcd.endpoint,
      cluster: CLUSTER,
      clusterKey: randomBytes(32).toString('base64url'),
      pgliteDir: join(logDir, 'pglite'),
      logDir,
      topology: DEFAULT_TOPOLOGY,
      meshHost: (index) => `127.0.0.${HOST_BASE + 1 + index}`,
      meshPort: () => 7400,
      adminPort: () => 0,
      gateHost: `127.0.0.${HOST_BASE - 1}`,
      gatePort: 7350,
      extraArgs: ['--flush-interval-ms', '1000'],
      gateArgs: ['--gate-attempts-per-ip', '100000'],
    });
    const clusterReadySeconds = (Date.now() - started) / 1000;
    const targets = cluster.nodes.map((node, index) => ({
      address: new URL(String(node.ready?.admin)).host,
      labels: { cluster: CLUSTER, pod: node.name, role: DEFAULT_TOPOLOGY[index]!.roles.join('+') },
    }));
    prometheus = await PrometheusServer.start({
      host: `127.0.0.${HOST_BASE}`,
      targets,
      logFile: join(logDir, 'prometheus.log'),
    });
    await prometheus.waitForTargets(targets.length);

    const expositions = await Promise.all(
      cluster.nodes.map((node) => fetch(`${String(node.ready?.admin)}/metrics`).then((r) => r.text())),
    );
    const nodeEntries = DASHBOARDS.filter((entry) => entry.metricSource === 'node');
    const operatorEntries = DASHBOARDS.filter((entry) => entry.metricSource === 'operator');
    const used = nodeEntries.flatMap((entry) => dashboardMetricNames(readDashboardFile(entry)));
    const missing = missingMetrics(used, expositions.join('\n'));
    const promqlProblems = await checkPromql(
      DASHBOARDS.flatMap((entry) =>
        dashboardExpressions(readDashboardFile(entry)).map((e) => ({
          id: `${entry.file} ${e.id}`,
          expr: expandVariables(e.expr, CHECK_VARIABLES),
        })),
      ),
    );

    const botsStart = Date.now() / 1000;
    const badLogins = failLogins(cluster.gates[0]!.httpUrl, BAD_LOGINS, RUN_MS / 2);
    const bots = await runArenaBots({
      gateUrls: cluster.gates.map((gate) => gate.url),
      count: BOTS,
      durationMs: RUN_MS,
      scenario: arenaScenario,
      prefix: 'dash',
    });
    const badLoginStatuses = await badLogins;
    // The closes at the bots' end reach Prometheus on the next scrapes.
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const now = Date.now() / 1000;
    const variables: VariableValues = { cluster: CLUSTER, role: '.*', pod: '.*', __rate_interval: '10s' };
    const window = {
      variables,
      instantAtSeconds: botsStart + RUN_MS / 1000 - 2,
      rangeStartSeconds: botsStart,
      rangeEndSeconds: now,
      stepSeconds: 2,
    };
    const panelsWithoutData: string[] = [];
    const emptyQueries: string[] = [];
    let panels = 0;
    let panelsWithData = 0;
    for (const entry of nodeEntries) {
      for (const verdict of await evaluatePanels(prometheus.api, readDashboardFile(entry), window)) {
        panels++;
        if (verdict.hasData) panelsWithData++;
        else {
          panelsWithoutData.push(`${entry.file}: ${verdict.title}`);
          emptyQueries.push(...verdict.empty);
        }
      }
    }
    const variableProblems = await checkVariables(
      prometheus.api,
      nodeEntries,
      window.instantAtSeconds,
      cluster.nodes.length,
    );
    const operatorPanels = operatorEntries.reduce(
      (sum, entry) => sum + panelQueries(readDashboardFile(entry)).length,
      0,
    );
    const elapsedSeconds = Math.round((Date.now() - started) / 1000);
    const summary = {
      dashboards: nodeEntries.length,
      panels,
      panelsWithData,
      panelsWithoutData,
      emptyQueries,
      operatorDashboardExempt: operatorEntries.map((e) => e.file),
      operatorPanelsExempt: operatorPanels,
      missingMetrics: missing,
      promqlProblems: promqlProblems.map((p) => `${p.id}: ${p.error}`),
      variableProblems,
      targets: targets.length,
      bots: BOTS,
      connected: bots.connected,
      botErrors: bots.errors,
      errorsByCode: bots.errorsByCode,
      badLoginStatuses,
      clusterReadySeconds,
      elapsedSeconds,
    };
    const pass =
      panels > 0 &&
      panelsWithData === panels &&
      missing.length === 0 &&
      promqlProblems.length === 0 &&
      variableProblems.length === 0 &&
      bots.connected === BOTS &&
      badLoginStatuses.every((status) => status === 401) &&
      elapsedSeconds <= TIME_BAR_SECONDS;
    keepLogs = !pass;
    if (!pass) process.stderr.write(`dashboards failed; node and Prometheus logs in ${logDir}\n`);
    return { suite: 'dashboards', pass, ...summary };
  } finally {
    await prometheus?.stop();
    await cluster?.stop();
    await etcd.dispose();
    if (!keepLogs) rmSync(logDir, { recursive: true, force: true });
  }
}

/** `count` logins with a wrong password spread over `spreadMs`: the statuses the gate answered (401 expected). */
async function failLogins(httpUrl: string, count: number, spreadMs: number): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) {
    await new Promise((resolve) => setTimeout(resolve, spreadMs / count));
    const response = await fetch(`${httpUrl}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: `nobody_${i}`, password: 'not-the-password' }),
    });
    await response.arrayBuffer();
    statuses.push(response.status);
  }
  return statuses;
}

/** Each dashboard variable lists values: the cluster, the five roles and every pod (problems, empty when fine). */
async function checkVariables(
  api: PrometheusApi,
  entries: typeof DASHBOARDS,
  atSeconds: number,
  pods: number,
): Promise<string[]> {
  const problems: string[] = [];
  const want: Record<string, number> = {
    cluster: 1,
    role: new Set(DEFAULT_TOPOLOGY.map((s) => s.roles.join('+'))).size,
    pod: pods,
  };
  const values: VariableValues = { cluster: CLUSTER, role: '.*', pod: '.*' };
  for (const entry of entries) {
    for (const variable of variableQueries(readDashboardFile(entry))) {
      const selector = expandVariables(variable.selector, values);
      const result = await api.query(`count by (${variable.label}) (${selector})`, atSeconds);
      const found = (result.result as unknown[]).length;
      if (found !== want[variable.name]) {
        problems.push(`${entry.file} $${variable.name}: ${found} values, want ${want[variable.name]}`);
      }
    }
  }
  return problems;
}
