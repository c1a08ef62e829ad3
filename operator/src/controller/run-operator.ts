// Runs the operator process until SIGTERM/SIGINT: the health and metrics port first, then (with leader election)
// the Lease, and the controller only while this replica holds it. Losing the Lease ends the process with exit
// code 1, as client-go controllers do: Kubernetes restarts it as a standby, and no reconcile runs on a stale
// belief that it still leads.
import { hostname } from 'node:os';
import { KubeConfig } from '@kubernetes/client-node';
import type { OperatorConfig } from '../operator-config.ts';
import { HealthServer } from './health-server.ts';
import { LeaderElection } from './leader-election.ts';
import { Operator } from './operator.ts';

function log(line: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), component: 'operator', ...line })}\n`);
}

/** Loads the kubeconfig the usual way: KUBECONFIG or ~/.kube/config outside a cluster, the pod's account inside. */
function loadKubeConfig(): KubeConfig {
  const config = new KubeConfig();
  config.loadFromDefault();
  return config;
}

export async function runOperator(config: OperatorConfig): Promise<number> {
  const identity = process.env.POD_NAME ?? hostname();
  const operator = new Operator({ config, kubeConfig: loadKubeConfig(), identity, log });
  let leading = !config.leaderElect;
  const health = new HealthServer({
    host: config.metricsHost,
    port: config.metricsPort,
    registry: operator.metrics.registry,
    ready: () => !leading || operator.isSynced,
  });
  await health.start();
  log({ level: 'info', msg: 'operator started', identity, metrics: health.url, namespace: config.namespace || '*' });

  let finish: (code: number) => void = () => {};
  const finished = new Promise<number>((resolve) => {
    finish = resolve;
  });
  const lead = async () => {
    leading = true;
    operator.metrics.leader.set(1);
    try {
      await operator.start();
      log({ level: 'info', msg: 'controller running' });
    } catch (error) {
      log({ level: 'error', msg: 'controller failed to start', error: String(error) });
      finish(1);
    }
  };
  const election = config.leaderElect
    ? new LeaderElection({
        api: operator.kube.coordination,
        namespace: config.leaseNamespace,
        name: config.leaseName,
        identity,
        leaseDurationMs: config.leaseDurationSeconds * 1000,
        onStartedLeading: () => void lead(),
        onStoppedLeading: () => {
          operator.metrics.leader.set(0);
          finish(1);
        },
        log,
      })
    : null;
  if (election === null) void lead();
  else election.start();

  for (const signal of ['SIGTERM', 'SIGINT'] as const) process.once(signal, () => finish(0));
  const code = await finished;
  log({ level: 'info', msg: 'operator stopping', code });
  await operator.stop();
  await election?.stop();
  await health.stop();
  return code;
}
