// `npm run bench -- [--quick] [name-prefix ...]`: runs every node/bench/<name>.bench.ts whose name starts with one
// of the prefixes, each in its own Node process (fresh heap and JIT), forwarding its JSON lines to stdout.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const benchDir = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2).filter((a) => a !== '--');
const quick = args.includes('--quick');
const prefixes = args.filter((a) => !a.startsWith('--'));

const all = readdirSync(benchDir)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.slice(0, -'.bench.ts'.length))
  .sort();
const selected = prefixes.length === 0 ? all : all.filter((name) => prefixes.some((p) => name.startsWith(p)));

if (selected.length === 0) {
  process.stderr.write(`no benchmark matches ${prefixes.join(' ')}; known: ${all.join(', ')}\n`);
  process.exit(2);
}

let failed = 0;
for (const name of selected) {
  const code = await runOne(name);
  if (code !== 0) {
    failed++;
    process.stderr.write(`benchmark ${name} exited with ${code}\n`);
  }
}
process.exit(failed === 0 ? 0 : 1);

function runOne(name: string): Promise<number> {
  const file = join(benchDir, `${name}.bench.ts`);
  const childArgs = ['--disable-warning=ExperimentalWarning', '--expose-gc', file, ...(quick ? ['--quick'] : [])];
  process.stderr.write(`# ${name}\n`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, childArgs, { stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}
