// Options of `gamecluster-node drain` (the preStop hook), from flags and `GAMECLUSTER_*` env: which node to drain,
// how long to wait, and the admin key. In a pod the hook runs with the node's own environment, so the defaults
// (the node's admin port on loopback, its admin key) need no flags at all.
import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { describeOptions, OptionReader, type OptionSpec } from '../config/options.ts';
import { adminKeyOption, readAdminKey } from './admin-key.ts';

export interface DrainCommandConfig {
  /** The node's admin server, e.g. `http://127.0.0.1:7510`. */
  readonly adminUrl: string;
  /** How long to wait for the node to report drained. */
  readonly timeoutSeconds: number;
  /** Decoded admin key. */
  readonly key: Buffer;
}

export const DEFAULT_DRAIN_TIMEOUT_SECONDS = 25;

type Key = keyof DrainCommandConfig;

const OPTIONS: readonly OptionSpec<Key>[] = [
  {
    key: 'adminUrl',
    flag: '--admin-url',
    env: 'GAMECLUSTER_ADMIN_URL',
    placeholder: '<url>',
    defaultText: 'http://<GAMECLUSTER_ADMIN_HOST, or 127.0.0.1 when unset or 0.0.0.0>:<GAMECLUSTER_ADMIN_PORT>',
    meaning: 'Admin server of the node to drain.',
  },
  {
    key: 'timeoutSeconds',
    flag: '--timeout-seconds',
    env: 'GAMECLUSTER_DRAIN_TIMEOUT_SECONDS',
    placeholder: '<seconds>',
    defaultText: String(DEFAULT_DRAIN_TIMEOUT_SECONDS),
    meaning: "How long to wait for the drain; keep it below the pod's termination grace period.",
  },
  adminKeyOption('key', "none (required: the node's own key)"),
];

const WILDCARD_HOSTS = new Set(['0.0.0.0', '::', '[::]']);

export function parseDrainCommandConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): DrainCommandConfig {
  const options = new OptionReader(OPTIONS, argv, env, 'error');
  const timeoutSeconds = options.whole('timeoutSeconds', DEFAULT_DRAIN_TIMEOUT_SECONDS, 1, 86_400);
  const key = readAdminKey(options, 'key');
  if (key === undefined && options.raw('key') === undefined) {
    options.problems.push(`the admin key is required: ${options.hint('key')} (the node's own key)`);
  }
  const adminUrl = readAdminUrl(options, env);
  options.throwIfProblems(
    'drain command configuration',
    (message, problems) => new InvalidClusterConfigError(message, { details: { problems } }),
  );
  return { adminUrl: adminUrl as string, timeoutSeconds, key: key as Buffer };
}

export function describeDrainCommand(): string {
  return [
    'gamecluster-node drain [--admin-url <url>] [--timeout-seconds <n>]',
    '',
    'Drains a running node (the preStop hook of a node pod): POST /drain with the admin key, then polls',
    'GET /status until the drain is drained or failed, or the timeout. Prints one JSON line (event drain.result);',
    'exits 0 when drained, 1 otherwise, 2 on bad options.',
    '',
    describeOptions('Drain options', OPTIONS),
  ].join('\n');
}

function readAdminUrl(options: OptionReader<Key>, env: Record<string, string | undefined>): string | undefined {
  const given = options.raw('adminUrl');
  if (given !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(given.text);
    } catch {
      // Reported below.
    }
    if (url === undefined || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
      options.problems.push(
        `adminUrl '${given.text}' (from ${given.from}) must be an http(s) URL like http://127.0.0.1:7510`,
      );
      return undefined;
    }
    return given.text.replace(/\/+$/, '');
  }
  const port = env.GAMECLUSTER_ADMIN_PORT;
  if (port === undefined || port === '' || !/^[0-9]+$/.test(port) || Number(port) === 0) {
    options.problems.push(
      `no node to drain: ${options.hint('adminUrl')}, or run it where GAMECLUSTER_ADMIN_PORT names the node's fixed admin port`,
    );
    return undefined;
  }
  const host = env.GAMECLUSTER_ADMIN_HOST;
  const address = host === undefined || host === '' || WILDCARD_HOSTS.has(host) ? '127.0.0.1' : host;
  return `http://${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}:${port}`;
}
