// Parses the bots command line (`npm run bots -- --url ws://HOST:PORT/ws --count N ...`) into checked options, or
// lists every problem. Pure: no I/O.

export interface BotArgs {
  /** The first gate URL. */
  readonly url: string;
  /** Every gate URL given (a comma list); bot i uses urls[i % urls.length]. */
  readonly urls: readonly string[];
  readonly loginUrl: string;
  readonly count: number;
  readonly durationMs: number;
  readonly rampMs: number;
  readonly scenario: string;
  readonly playerPrefix: string;
  readonly requestTimeoutMs: number;
}

export const BOT_USAGE = `usage: npm run bots -- --url ws://HOST:PORT/ws [options]
  --url URL[,URL...]    gate WebSocket URL(s) (required); bots spread over them
  --count N             number of bots (default: 10)
  --duration TIME       how long to run, e.g. 60s, 2m, 500ms (default: 60s)
  --scenario NAME       what each bot does (default: echo)
  --login-url URL       dev login endpoint (default: http(s)://<url host:port>/dev/login)
  --ramp TIME           spread bot starts over this time (default: 0s)
  --player-prefix TEXT  player ids are <prefix><index> (default: bot-<random>-)
  --request-timeout TIME  per request (default: 10s)`;

export type ParsedBotArgs = { ok: true; args: BotArgs } | { ok: false; problems: string[]; help: boolean };

const FLAGS = ['url', 'count', 'duration', 'scenario', 'login-url', 'ramp', 'player-prefix', 'request-timeout'];

export function parseBotArgs(argv: readonly string[], randomSuffix: string): ParsedBotArgs {
  const problems: string[] = [];
  const values = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') return { ok: false, problems: [], help: true };
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (match === null || !FLAGS.includes(match[1]!)) {
      problems.push(`unknown argument ${arg}`);
      continue;
    }
    const value = match[2] ?? argv[++i];
    if (value === undefined) problems.push(`--${match[1]} needs a value`);
    else values.set(match[1]!, value);
  }
  const urls = (values.get('url') ?? '').split(',').filter((u) => u !== '');
  const url = urls[0];
  if (url === undefined) problems.push('--url is required (e.g. --url ws://127.0.0.1:7000/ws)');
  for (const each of urls) {
    if (!/^wss?:\/\/[^/]+/.test(each)) problems.push(`--url must be ws:// or wss:// URLs, got ${each}`);
  }
  const count = Number(values.get('count') ?? '10');
  if (!Number.isInteger(count) || count < 1)
    problems.push(`--count must be a positive integer, got ${values.get('count')}`);
  const durationMs = parseDurationMs(values.get('duration') ?? '60s');
  if (durationMs === undefined || durationMs <= 0)
    problems.push(`--duration must be a time like 60s, got ${values.get('duration')}`);
  const rampMs = parseDurationMs(values.get('ramp') ?? '0s');
  if (rampMs === undefined) problems.push(`--ramp must be a time like 5s, got ${values.get('ramp')}`);
  const requestTimeoutMs = parseDurationMs(values.get('request-timeout') ?? '10s');
  if (requestTimeoutMs === undefined || requestTimeoutMs <= 0) {
    problems.push(`--request-timeout must be a time like 10s, got ${values.get('request-timeout')}`);
  }
  if (problems.length > 0) return { ok: false, problems, help: false };
  return {
    ok: true,
    args: {
      url: url!,
      urls,
      loginUrl: values.get('login-url') ?? loginUrlFor(url!),
      count,
      durationMs: durationMs!,
      rampMs: rampMs!,
      scenario: values.get('scenario') ?? 'echo',
      playerPrefix: values.get('player-prefix') ?? `bot-${randomSuffix}-`,
      requestTimeoutMs: requestTimeoutMs!,
    },
  };
}

/** `60s`, `500ms`, `2m`, `1.5s`, or a bare number of seconds. */
export function parseDurationMs(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(text.trim());
  if (match === null) return undefined;
  const unit = match[2] ?? 's';
  return Math.round(Number(match[1]) * (unit === 'ms' ? 1 : unit === 's' ? 1_000 : 60_000));
}

/** The gate serves the dev login on the same host and port as its WebSocket. */
export function loginUrlFor(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}/dev/login`;
}
