// Writes a kubeconfig for a kube-sim server. The server speaks plain http://; kubectl accepts that, and
// @kubernetes/client-node 2.x refuses an http:// server unless `insecure-skip-tls-verify: true` is set, so it is.

import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export interface KubeconfigOptions {
  /** The server URL, e.g. http://127.0.0.1:40123. */
  readonly server: string;
  /** Bearer token of the user; omitted when the server runs without authentication. */
  readonly token?: string;
  /** User entry name (default: kube-sim-admin). */
  readonly userName?: string;
  /** Context and cluster name (default: kube-sim). */
  readonly contextName?: string;
  /** Default namespace of the context (default: default). */
  readonly namespace?: string;
}

/** The kubeconfig text; scalars are JSON-quoted, which YAML reads as double-quoted strings. */
export function kubeconfigText(options: KubeconfigOptions): string {
  const q = JSON.stringify;
  const context = options.contextName ?? 'kube-sim';
  const user = options.userName ?? 'kube-sim-admin';
  return [
    'apiVersion: v1',
    'kind: Config',
    'preferences: {}',
    'clusters:',
    `- name: ${q(context)}`,
    '  cluster:',
    `    server: ${q(options.server)}`,
    '    insecure-skip-tls-verify: true',
    'users:',
    `- name: ${q(user)}`,
    options.token === undefined ? '  user: {}' : `  user:\n    token: ${q(options.token)}`,
    'contexts:',
    `- name: ${q(context)}`,
    '  context:',
    `    cluster: ${q(context)}`,
    `    user: ${q(user)}`,
    `    namespace: ${q(options.namespace ?? 'default')}`,
    `current-context: ${q(context)}`,
    '',
  ].join('\n');
}

export async function writeKubeconfig(path: string, options: KubeconfigOptions): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, kubeconfigText(options), { mode: 0o600 });
  return path;
}
