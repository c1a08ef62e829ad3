// Gate settings of a node process from flags and `GAMECLUSTER_*` env: where the gate listens, the cluster key
// that signs login and resume tokens, and the dev login. Flags it does not know are left for the other layers.
import { describeOptions, OptionReader, type OptionSpec } from '../config/options.ts';
import { InvalidGateConfigError } from './errors.ts';
import {
  DEFAULT_ATTEMPTS_PER_IP_PER_MINUTE,
  DEFAULT_GATE_HOST,
  DEFAULT_GATE_PORT,
  DEFAULT_MAX_CONNECTIONS,
  MIN_CLUSTER_KEY_BYTES,
} from './gate-options.ts';

export interface GateConfig {
  readonly host: string;
  readonly port: number;
  /** UTF-8 bytes of the key text; undefined when not set (nodes without the gate role need none). */
  readonly clusterKey: Buffer | undefined;
  readonly devLogin: boolean;
  /** WebSocket handshakes plus dev logins per IP address per minute (raise it for load tests from one host). */
  readonly attemptsPerIpPerMinute: number;
  /** Open connections before new ones are refused with 4008. */
  readonly maxConnections: number;
}

type GateOptionKey = keyof GateConfig;

export const GATE_CONFIG_OPTIONS: readonly OptionSpec<GateOptionKey>[] = [
  {
    key: 'host',
    flag: '--gate-host',
    env: 'GAMECLUSTER_GATE_HOST',
    placeholder: '<address>',
    defaultText: DEFAULT_GATE_HOST,
    meaning: 'Address the gate (WebSocket /ws, /healthz, /dev/login) listens on; gate nodes only.',
  },
  {
    key: 'port',
    flag: '--gate-port',
    env: 'GAMECLUSTER_GATE_PORT',
    placeholder: '<port>',
    defaultText: String(DEFAULT_GATE_PORT),
    meaning: 'Port of the gate; 0 picks a free one.',
  },
  {
    key: 'clusterKey',
    flag: '--cluster-key',
    env: 'GAMECLUSTER_CLUSTER_KEY',
    placeholder: '<text>',
    defaultText: 'none (required on gate nodes)',
    meaning: `Key (at least ${MIN_CLUSTER_KEY_BYTES} bytes, the same on every node) that signs login and resume tokens. Prefer the env variable: flags show in ps.`,
  },
  {
    key: 'devLogin',
    flag: '--dev-login',
    env: 'GAMECLUSTER_DEV_LOGIN',
    placeholder: '[true|false]',
    defaultText: 'false',
    meaning: 'Serve POST /dev/login {playerId} -> {token} without a password. Development only.',
  },
  {
    key: 'attemptsPerIpPerMinute',
    flag: '--gate-attempts-per-ip',
    env: 'GAMECLUSTER_GATE_ATTEMPTS_PER_IP',
    placeholder: '<n>',
    defaultText: String(DEFAULT_ATTEMPTS_PER_IP_PER_MINUTE),
    meaning: 'WebSocket handshakes plus dev logins per IP address per minute; more close with 4009. Raise it for bots.',
  },
  {
    key: 'maxConnections',
    flag: '--gate-max-connections',
    env: 'GAMECLUSTER_GATE_MAX_CONNECTIONS',
    placeholder: '<n>',
    defaultText: String(DEFAULT_MAX_CONNECTIONS),
    meaning: 'Open connections per gate; one more closes with 4008.',
  },
];

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);

/** Reads the gate flags out of `argv`; returns the config and the arguments it did not consume. */
export function parseGateConfig(
  argv: readonly string[],
  env: Record<string, string | undefined>,
): { config: GateConfig; rest: string[] } {
  const options = new OptionReader(GATE_CONFIG_OPTIONS, withBareDevLogin(argv), env, 'rest');
  const problems = options.problems;
  const host = options.raw('host')?.text ?? DEFAULT_GATE_HOST;
  const port = options.whole('port', DEFAULT_GATE_PORT, 0, 65_535);
  let clusterKey: Buffer | undefined;
  const key = options.raw('clusterKey');
  if (key !== undefined) {
    clusterKey = Buffer.from(key.text, 'utf8');
    if (clusterKey.byteLength < MIN_CLUSTER_KEY_BYTES) {
      problems.push(
        `clusterKey (from ${key.from}) must be at least ${MIN_CLUSTER_KEY_BYTES} bytes, got ${clusterKey.byteLength}: ${options.hint('clusterKey')} (e.g. openssl rand -base64 32)`,
      );
    }
  }
  let devLogin = false;
  const dev = options.raw('devLogin');
  if (dev !== undefined) {
    const text = dev.text.toLowerCase();
    if (TRUE.has(text)) devLogin = true;
    else if (!FALSE.has(text)) problems.push(`devLogin '${dev.text}' (from ${dev.from}) must be true or false`);
  }
  const attemptsPerIpPerMinute = options.whole(
    'attemptsPerIpPerMinute',
    DEFAULT_ATTEMPTS_PER_IP_PER_MINUTE,
    1,
    1_000_000_000,
  );
  const maxConnections = options.whole('maxConnections', DEFAULT_MAX_CONNECTIONS, 1, 1_000_000_000);
  options.throwIfProblems(
    'gate configuration',
    (message, list) => new InvalidGateConfigError(message, { details: { problems: list } }),
  );
  return { config: { host, port, clusterKey, devLogin, attemptsPerIpPerMinute, maxConnections }, rest: options.rest };
}

/** --help text for these flags. */
export function describeGateConfig(): string {
  return describeOptions('Gate options', GATE_CONFIG_OPTIONS);
}

/** `--dev-login` alone (last, or before another flag) means `--dev-login=true`. */
function withBareDevLogin(argv: readonly string[]): string[] {
  return argv.map((arg, i) => {
    if (arg !== '--dev-login') return arg;
    const next = argv[i + 1];
    return next === undefined || next.startsWith('-') ? '--dev-login=true' : arg;
  });
}
