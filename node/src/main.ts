#!/usr/bin/env node
// `npm start`: the gamecluster node's entry point. Until the roles land (cluster, persistence, gate, world/zone/
// match), it runs the actor-runtime example and says what is coming; the same command will start the demo cluster.
import { runEconomy } from './examples/arena-economy.ts';

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
