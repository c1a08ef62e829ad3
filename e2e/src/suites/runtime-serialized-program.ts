// The child program of the runtime-serialized suite.
import { runEconomy } from '../../../node/src/examples/arena-economy.ts';

const result = await runEconomy(2000, 50_000, true);
process.stdout.write(`${JSON.stringify(result)}\n`);
