#!/usr/bin/env node
import { GameclusterError } from './errors/index.ts';
import { runEconomy } from './examples/arena-economy.ts';
// The gamecluster node's entry point. `gamecluster-node node [options] --app <module>` runs one cluster node
// (see `node --help`). Without a command (`npm start`), until the roles land (persistence, gate,
// world/zone/match), it runs the actor-runtime example and says what is coming; the same command will start the
// demo cluster.
import { runGameNode } from './game-node-process.ts';

if (process.argv[2] === 'node') {
  try {
    await runGameNode(process.argv.slice(3), process.env);
  } catch (error) {
    // Configuration and startup errors carry their own explanation; a stack trace would bury it.
    const text = error instanceof GameclusterError ? `${error.code}: ${error.message}` : String(error);
    process.stderr.write(`gamecluster node: ${text}\n`);
    process.exitCode = 2;
  }
} else {
  await runExample();
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
      '',
      'Coming next (see README.md): etcd cluster and gRPC mesh, PostgreSQL write-behind, the WebSocket gate,',
      'the world/zone/match roles with the arena demo game, observability, and the Kubernetes operator.',
      `${JSON.stringify({ example: 'arena-economy', ...result, conserved })}`,
      '',
    ].join('\n'),
  );
  process.exitCode = conserved ? 0 : 1;
}
