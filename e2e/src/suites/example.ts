// Suite `example`: the README's start command runs as a newcomer would run it (a separate Node process), finishes
// on its own, conserves the example economy's gold and stops cleanly.
import { fileURLToPath } from 'node:url';
import { lastJsonLine, runNode } from '../child-process.ts';
import type { Suite } from '../suite.ts';

const main = fileURLToPath(new URL('../../../node/src/main.ts', import.meta.url));

export const exampleSuite: Suite = {
  name: 'example',
  description: 'npm run example (the actor-runtime example) exits 0 with its economy conserved',
  async run() {
    const result = await runNode([main, 'example'], { timeoutMs: 60_000 });
    const summary = lastJsonLine(result.stdout);
    const pass = result.code === 0 && summary?.conserved === true && Number(summary.transfers) > 0;
    if (!pass) process.stderr.write(`example failed (exit ${result.code}):\n${result.stdout}\n${result.stderr}\n`);
    return {
      suite: 'example',
      pass,
      exitCode: result.code,
      elapsedMs: result.elapsedMs,
      transfers: summary?.transfers,
      conserved: summary?.conserved,
    };
  },
};
