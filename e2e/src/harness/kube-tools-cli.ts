// `npx node e2e/src/harness/kube-tools-cli.ts`: fetches kubectl and helm into .cache/kube-tools/ when missing and
// prints their paths, so people run the same binaries as the tests (e.g. `$(... | sed -n 's/^helm: //p') lint`).
import { kubeTools } from './kube-tools.ts';

try {
  const tools = await kubeTools();
  process.stdout.write(`kubectl: ${tools.kubectl}\nhelm: ${tools.helm}\n`);
} catch (error) {
  const code = (error as { code?: unknown }).code;
  process.stderr.write(`kube-tools: ${typeof code === 'string' ? `${code}: ` : ''}${(error as Error).message}\n`);
  process.exitCode = 1;
}
