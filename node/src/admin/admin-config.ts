// Where a node's admin server listens, from flags and `GAMECLUSTER_*` env. Off unless a port is given: the
// operator and the local launchers set one; a library user embedding a node may not want another port.

import { InvalidClusterConfigError } from '../cluster/errors.ts';
import { describeOptions, OptionReader, type OptionSpec } from '../config/options.ts';

export interface AdminConfig {
  readonly host: string;
  /** undefined: no admin server; 0: a free port. */
  readonly port: number | undefined;
}

type Key = keyof AdminConfig;

const OPTIONS: readonly OptionSpec<Key>[] = [
  {
    key: 'host',
    flag: '--admin-host',
    env: 'GAMECLUSTER_ADMIN_HOST',
    placeholder: '<address>',
    defaultText: '127.0.0.1',
    meaning: 'Address the admin server (/metrics, /healthz, /readyz, /status) binds; 0.0.0.0 in a pod.',
  },
  {
    key: 'port',
    flag: '--admin-port',
    env: 'GAMECLUSTER_ADMIN_PORT',
    placeholder: '<port>',
    defaultText: '(none: no admin server)',
    meaning: 'Port of the admin server; 0 picks a free one.',
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
