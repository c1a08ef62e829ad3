// Where a node's admin server listens and the key that guards its POST /drain, from flags and `GAMECLUSTER_*`
// env. Off unless a port is given: the operator and the local launchers set one; a library user embedding a node
// may not want another port.

import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { describeOptions, OptionReader, type OptionSpec } from '../config/options.ts';
import { adminKeyOption, readAdminKey } from './admin-key.ts';

export interface AdminConfig {
  readonly host: string;
  /** undefined: no admin server; 0: a free port. */
  readonly port: number | undefined;
  /** Decoded admin key; undefined: POST /drain is refused with 403 (the GET endpoints stay open). */
  readonly key: Buffer | undefined;
  /** How long SIGTERM waits for a drain before the node stops anyway; 0: SIGTERM stops without draining. */
  readonly sigtermDrainSeconds: number;
}

export const DEFAULT_SIGTERM_DRAIN_SECONDS = 10;

type Key = keyof AdminConfig;

const OPTIONS: readonly OptionSpec<Key>[] = [
  {
    key: 'host',
    flag: '--admin-host',
    env: 'GAMECLUSTER_ADMIN_HOST',
    placeholder: '<address>',
    defaultText: '127.0.0.1',
    meaning: 'Address the admin server (/metrics, /healthz, /readyz, /status, /drain) binds; 0.0.0.0 in a pod.',
  },
  {
    key: 'port',
    flag: '--admin-port',
    env: 'GAMECLUSTER_ADMIN_PORT',
    placeholder: '<port>',
    defaultText: '(none: no admin server)',
    meaning: 'Port of the admin server; 0 picks a free one.',
  },
  adminKeyOption('key', 'none (POST /drain answers 403)'),
  {
    key: 'sigtermDrainSeconds',
    flag: '--sigterm-drain-seconds',
    env: 'GAMECLUSTER_SIGTERM_DRAIN_SECONDS',
    placeholder: '<seconds>',
    defaultText: String(DEFAULT_SIGTERM_DRAIN_SECONDS),
    meaning:
      "On SIGTERM, drain first (as POST /drain does, unless a drain already ran) and wait this long for it before stopping; 0 stops at once. Keep it below the pod's termination grace period.",
  },
];

export function parseAdminConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: AdminConfig; rest: string[] } {
  const options = new OptionReader(OPTIONS, argv, env, 'rest');
  const config: AdminConfig = {
    host: options.raw('host')?.text ?? '127.0.0.1',
    port: options.raw('port') === undefined ? undefined : options.whole('port', 0, 0, 65_535),
    key: readAdminKey(options, 'key'),
    sigtermDrainSeconds: options.whole('sigtermDrainSeconds', DEFAULT_SIGTERM_DRAIN_SECONDS, 0, 3600),
  };
  options.throwIfProblems(
    'admin configuration',
    (message, problems) => new InvalidClusterConfigError(message, { details: { problems } }),
  );
  return { config, rest: options.rest };
}

export function describeAdminConfig(): string {
  return describeOptions('Admin server options', OPTIONS);
}
