// Suite `runtime-serialized`: a larger economy in its own process with every message, result and error forced
// through the envelope serializer, as if each call crossed the network; gold must be conserved exactly.
import { fileURLToPath } from 'node:url';
import { lastJsonLine, runNode } from '../child-process.ts';
import type { Suite } from '../suite.ts';

const program = fileURLToPath(new URL('./runtime-serialized-program.ts', import.meta.url));

export const runtimeSerializedSuite: Suite = {
  name: 'runtime-serialized',
  description: '2,000 wallets, 50,000 transfers through serialized envelopes: no gold created or lost',
  async run() {
    const result = await runNode([program], { timeoutMs: 120_000 });
    const summary = lastJsonLine(result.stdout);
    const pass =
      result.code === 0 &&
      summary !== undefined &&
      summary.totalGoldBefore === summary.totalGoldAfter &&
      Number(summary.transfers) + Number(summary.declined) === 50_000;
    if (!pass)
      process.stderr.write(`runtime-serialized failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}\n`);
    return { suite: 'runtime-serialized', pass, exitCode: result.code, elapsedMs: result.elapsedMs, ...summary };
  },
};
