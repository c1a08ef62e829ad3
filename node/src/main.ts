#!/usr/bin/env node
// The gamecluster node's entry point:
//   (no command)  `npm start`: the whole cluster in one process with the demo game (see `--help`)
//   node          one cluster node (`gamecluster-node node --roles zone --app <module> ...`, see `node --help`)
//   cluster       `npm run cluster`: one process per role on real etcd
//   drain         drains a running node through its admin port (a node pod's preStop hook; see `drain --help`)
//   example       the actor-runtime example (an arena economy on virtual actors), which exits by itself
import { runDrainCommand } from './admin/drain-command.ts';
import { describeDrainCommand } from './admin/drain-command-config.ts';
import { isHelpRequested } from './config/options.ts';
import { GameclusterError } from './errors/index.ts';
import { runEconomy } from './examples/arena-economy.ts';
import { runGameNode } from './game-node-process.ts';
import { describeClusterCommand, runClusterCommand } from './launch/cluster-command.ts';
import { describeLocalCommand, runLocalCommand } from './launch/local-command.ts';

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'node') {
    await runGameNode(rest, process.env);
  } else if (command === 'cluster') {
    if (isHelpRequested(rest)) process.stdout.write(`${describeClusterCommand()}\n`);
    else process.exitCode = await runClusterCommand(rest, process.env);
  } else if (command === 'drain') {
    if (isHelpRequested(rest)) process.stdout.write(`${describeDrainCommand()}\n`);
    else process.exitCode = await runDrainCommand(rest, process.env);
  } else if (command === 'example') {
    await runExample();
  } else {
    const args = command === undefined ? [] : [command, ...rest];
    if (isHelpRequested(args)) process.stdout.write(`${describeLocalCommand()}\n`);
    else process.exitCode = await runLocalCommand(args, process.env);
  }
} catch (error) {
  // Configuration and startup errors carry their own explanation; a stack trace would bury it.
  const text = error instanceof GameclusterError ? `${error.code}: ${error.message}` : String(error);
  process.stderr.write(`gamecluster ${command ?? 'start'}: ${text}\n`);
  process.exitCode = 2;
}

async function runExample(): Promise<void> {
  const result = await runEconomy();
  const conserved = result.totalGoldAfter === result.totalGoldBefore;
  process.stdout.write(
    [
      'gamecluster — actor runtime example (arena economy)',
      `  ${result.players} player wallets (virtual actors), one bank, one auditor on a timer`,
      `  ${result.transfers} transfers made, ${result.declined} declined for lack of gold, ${result.audits} audits`,
      `  total gold before ${result.totalGoldBefore}, after ${result.totalGoldAfter}: ${conserved ? 'conserved' : 'NOT CONSERVED'}`,
      `  done in ${result.elapsedMs} ms; the system stopped cleanly`,
      `${JSON.stringify({ example: 'arena-economy', ...result, conserved })}`,
      '',
    ].join('\n'),
  );
  process.exitCode = conserved ? 0 : 1;
}
