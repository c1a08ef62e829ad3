// Runs N bots for a duration: ramps their starts, logs each in through the dev login, runs the scenario on a
// GameClient per bot, prints a progress line every second and returns the run's summary.

import { GameClient, type GameClientOptions } from '../client/index.ts';
import { sleep } from './abortable-sleep.ts';
import { type BotArgs, loginUrlFor } from './bot-args.ts';
import { BotStats, type BotSummary, progressLine } from './bot-stats.ts';
import { devLogin } from './dev-login.ts';
import type { Scenario, ScenarioContext } from './scenario.ts';

/** After the duration, bots get this long to finish the request they are in before their clients close. */
const STOP_GRACE_MS = 2_000;
const PROGRESS_INTERVAL_MS = 1_000;

export interface BotRunIo {
  /** Shows a progress line (the CLI writes it to stderr). */
  progress(line: string): void;
}

export async function runBots(
  args: BotArgs,
  scenario: Scenario,
  io: BotRunIo,
  clientOptions: GameClientOptions = {},
  /** Pass one to read the run's figures while it runs (a load ramp reads each step's window). */
  stats: BotStats = new BotStats(),
  /** Ends the run before its duration (a load ramp that has its answer). */
  abort?: AbortSignal,
): Promise<BotSummary> {
  const stop = new AbortController();
  const clients: GameClient[] = [];
  const started = performance.now();
  let windowStart = started;
  const report = () => {
    const now = performance.now();
    io.progress(progressLine(stats, args.count, now - started, now - windowStart));
    stats.resetWindow();
    windowStart = now;
  };
  const progressTimer = setInterval(report, PROGRESS_INTERVAL_MS);

  const runBot = async (index: number): Promise<void> => {
    await sleep(args.count > 1 ? (args.rampMs * index) / args.count : 0, stop.signal);
    if (stop.signal.aborted) return;
    const botName = `${args.playerPrefix}${index}`;
    let playerId = botName;
    const url = args.urls[index % args.urls.length] ?? args.url;
    const getToken =
      scenario.login === undefined
        ? () => devLogin(url === args.url ? args.loginUrl : loginUrlFor(url), botName)
        : async () => {
            const login = await scenario.login!(httpUrlOf(url), botName);
            playerId = login.playerId;
            return login.token;
          };
    const client = new GameClient({
      requestTimeoutMs: args.requestTimeoutMs,
      agent: 'gamecluster-bots',
      ...clientOptions,
    });
    clients.push(client);
    trackConnection(client, stats);
    try {
      await client.connect(url, { getToken });
    } catch (error) {
      stats.recordError(codeOf(error));
      return;
    }
    const ctx: ScenarioContext = {
      client,
      index,
      playerId,
      signal: stop.signal,
      timedRequest: async <T>(route: string, ...requestArgs: unknown[]) => {
        const sentAt = performance.now();
        try {
          const result = await client.request<T>(route, ...requestArgs);
          stats.recordLatency(performance.now() - sentAt, route);
          return result;
        } catch (error) {
          if (!stop.signal.aborted) stats.recordError(codeOf(error));
          return undefined;
        }
      },
      count: (name, by) => stats.count(name, by),
      error: (code) => stats.recordError(code),
    };
    try {
      await scenario.run(ctx);
    } catch (error) {
      if (!stop.signal.aborted) stats.recordError(codeOf(error));
    }
  };

  const bots = Array.from({ length: args.count }, (_, index) => runBot(index));
  await sleep(args.durationMs, abort);
  const durationSeconds = (performance.now() - started) / 1000;
  clearInterval(progressTimer);
  report(); // before the clients close, so the last line still shows them connected
  stop.abort();
  const graceOver = new AbortController();
  await Promise.race([Promise.allSettled(bots), sleep(STOP_GRACE_MS, graceOver.signal)]);
  graceOver.abort(); // no timer left behind to hold the process open
  for (const client of clients) client.close();
  await Promise.allSettled(bots);
  return stats.summary(scenario.name, args.count, durationSeconds);
}

function trackConnection(client: GameClient, stats: BotStats): void {
  let connectedOnce = false;
  const up = () => {
    stats.connectedNow++;
    if (!connectedOnce) stats.everConnected++;
    connectedOnce = true;
  };
  client.onLifecycle('connected', up);
  client.onLifecycle('resumed', up);
  client.onLifecycle('disconnected', () => {
    stats.connectedNow--;
  });
}

/** The error code for the summary: a gamecluster code, the dev login's, or the error's class name. */
function codeOf(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : 'UNKNOWN';
}

/** `ws://host:port/ws` -> `http://host:port`. */
function httpUrlOf(wsUrl: string): string {
  const url = new URL(wsUrl);
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`;
}
