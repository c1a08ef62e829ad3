#!/usr/bin/env node
// The operator's entry point (`gamecluster-operator`): reads its configuration, then runs the controller until
// SIGTERM. `--help` prints the options; `--dry-run` prints the resolved configuration and exits (the image's
// smoke test needs no Kubernetes API).
import { describeOperatorConfig, isOperatorHelp, parseOperatorConfig } from './operator-config.ts';

const argv = process.argv.slice(2);
try {
  if (isOperatorHelp(argv)) {
    process.stdout.write(`${describeOperatorConfig()}\n`);
  } else {
    const config = parseOperatorConfig(argv, process.env);
    if (config.dryRun) {
      process.stdout.write(`${JSON.stringify({ event: 'operator.config', config })}\n`);
    } else {
      const { runOperator } = await import('./controller/run-operator.ts');
      process.exitCode = await runOperator(config);
    }
  }
} catch (error) {
  const code = (error as { code?: unknown }).code;
  process.stderr.write(
    `gamecluster-operator: ${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}\n`,
  );
  process.exitCode = 2;
}
