// `npm run e2e -- <suite|all> [...]`: runs end-to-end suites; each prints its JSON summary, and the last stdout
// line is the summary of the run ({"suite": ..., "pass": ...}); the exit code is non-zero on any failure.

import type { Suite, SuiteSummary } from './suite.ts';
import { arenaSuite } from './suites/arena.ts';
import { clusterChaosSuite } from './suites/cluster-chaos.ts';
import { dashboardsSuite } from './suites/dashboards.ts';
import { exampleSuite } from './suites/example.ts';
import { gateFuzzSuite } from './suites/gate-fuzz.ts';
import { imagesSuite } from './suites/images.ts';
import { persistenceChaosSuite } from './suites/persistence-chaos.ts';
import { runtimeSerializedSuite } from './suites/runtime-serialized.ts';
import { startSuite } from './suites/start.ts';

const suites: readonly Suite[] = [
  exampleSuite,
  startSuite,
  runtimeSerializedSuite,
  clusterChaosSuite,
  persistenceChaosSuite,
  gateFuzzSuite,
  arenaSuite,
  dashboardsSuite,
  imagesSuite,
];

const names = process.argv.slice(2).filter((a) => a !== '--');
if (names.length === 0) {
  process.stderr.write(`usage: npm run e2e -- <suite|all>\nsuites:\n`);
  for (const s of suites) process.stderr.write(`  ${s.name.padEnd(20)} ${s.description}\n`);
  process.exit(2);
}
const unknown = names.filter((n) => n !== 'all' && !suites.some((s) => s.name === n));
if (unknown.length > 0) {
  process.stderr.write(`unknown suite ${unknown.join(', ')}; known: all, ${suites.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
const selected = names.includes('all') ? suites : suites.filter((s) => names.includes(s.name));

const summaries: SuiteSummary[] = [];
for (const suite of selected) {
  process.stderr.write(`# e2e ${suite.name}: ${suite.description}\n`);
  let summary: SuiteSummary;
  try {
    summary = await suite.run();
  } catch (error) {
    summary = { suite: suite.name, pass: false, error: String((error as Error)?.stack ?? error) };
  }
  summaries.push(summary);
  process.stdout.write(`${JSON.stringify(summary)}\n`);
}
const passed = summaries.filter((s) => s.pass).length;
const failed = summaries.length - passed;
if (selected.length > 1) {
  process.stdout.write(`${JSON.stringify({ suite: names.join(','), pass: failed === 0, passed, failed })}\n`);
}
process.stderr.write(`e2e: ${passed} passed, ${failed} failed\n`);
process.exit(failed === 0 ? 0 : 1);
