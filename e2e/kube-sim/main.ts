// CLI: runs kube-sim (a TEST-ONLY Kubernetes API server) until SIGINT/SIGTERM and prints its URL and kubeconfig.
//   node e2e/kube-sim/main.ts [--host 127.0.0.1] [--port 0] [--token T] [--kubeconfig PATH] [--kubelet] [--log]

import { parseArgs } from 'node:util';
import { startKubeSim } from './src/index.ts';

const USAGE =
  'usage: kube-sim [--host 127.0.0.1] [--port 0] [--token TOKEN] [--kubeconfig PATH] [--kubelet-attached] [--log]';

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  token: { type: 'string' },
  kubeconfig: { type: 'string' },
  'kubelet-attached': { type: 'boolean' },
  log: { type: 'boolean' },
  help: { type: 'boolean' },
} as const;

async function main(): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];
  try {
    values = parseArgs({ options: OPTIONS, strict: true }).values;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = values.port === undefined ? 0 : Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    process.stderr.write(`--port must be an integer from 0 to 65535, got ${values.port}\n`);
    return 2;
  }
  const sim = await startKubeSim({
    ...(values.host === undefined ? {} : { host: values.host }),
    port,
    ...(values.token === undefined ? {} : { token: values.token }),
    ...(values.kubeconfig === undefined ? {} : { kubeconfigPath: values.kubeconfig }),
    kubeletAttached: values['kubelet-attached'] === true,
    logRequests: values.log === true,
  });
  process.stdout.write(`kube-sim (a test-only Kubernetes API server) listening on ${sim.url}\n`);
  process.stdout.write(`KUBECONFIG=${sim.kubeconfigPath}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sim.stop();
  return 0;
}

process.exitCode = await main();
