// The bots CLI: `npm run bots -- --url ws://HOST:PORT/ws --count N --duration 60s --scenario echo`. Progress goes
// to stderr every second, one JSON summary line to stdout at the end; exit 2 on bad flags, 1 if no bot connected.
import { randomBytes } from 'node:crypto';
import { BOT_USAGE, parseBotArgs } from './bot-args.ts';
import { runBots } from './bot-run.ts';
import { defaultScenarios } from './default-scenarios.ts';

async function main(): Promise<number> {
  const parsed = parseBotArgs(process.argv.slice(2), randomBytes(3).toString('hex'));
  const scenarios = defaultScenarios();
  const scenarioList = scenarios.names().map((name) => `  ${name}: ${scenarios.get(name)!.description}`);
  if (!parsed.ok) {
    if (parsed.help) {
      process.stdout.write(`${BOT_USAGE}\nscenarios:\n${scenarioList.join('\n')}\n`);
      return 0;
    }
    process.stderr.write(`${parsed.problems.map((problem) => `bots: ${problem}`).join('\n')}\n${BOT_USAGE}\n`);
    return 2;
  }
  const { args } = parsed;
  const scenario = scenarios.get(args.scenario);
  if (scenario === undefined) {
    process.stderr.write(`bots: unknown scenario ${args.scenario}; known:\n${scenarioList.join('\n')}\n`);
    return 2;
  }
  const tty = process.stderr.isTTY === true;
  const summary = await runBots(args, scenario, {
    progress: (line) => process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`),
  });
  if (tty) process.stderr.write('\n');
  await new Promise<void>((resolve) => process.stdout.write(`${JSON.stringify(summary)}\n`, () => resolve()));
  if (summary.connected === 0) {
    process.stderr.write(`bots: no bot could connect to ${args.url}: ${JSON.stringify(summary.errorsByCode)}\n`);
    return 1;
  }
  return 0;
}

// Exit explicitly: idle keep-alive sockets (fetch) would otherwise hold the process open for seconds.
main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`bots: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
