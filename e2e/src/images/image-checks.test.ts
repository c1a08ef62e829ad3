// The image checks catch each way an image can fail the operator's pods (root or named user, another entrypoint
// or working folder, writable code, dev packages, shipped tests), and the probe program reports what it sees.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { ImageConfig } from './buildah.ts';
import {
  type ExpectedImage,
  imageConfigProblems,
  numericUid,
  PROBE_SCRIPT,
  type ProbeReport,
  type ProbeTargets,
  probeProblems,
} from './image-checks.ts';

const EXPECTED: ExpectedImage = { uid: 10001, entrypoint: ['node', 'main.ts'], workingDir: '/app' };
const GOOD: ImageConfig = { User: '10001:10001', Entrypoint: ['node', 'main.ts'], WorkingDir: '/app' };

describe('numericUid', () => {
  it.each([
    { user: '10001', want: 10001 },
    { user: '10001:10001', want: 10001 },
    { user: '0', want: 0 },
    { user: 'node', want: undefined },
    { user: '', want: undefined },
    { user: undefined, want: undefined },
  ])('$user -> $want', ({ user, want }) => {
    expect(numericUid(user)).toBe(want);
  });
});

describe('imageConfigProblems', () => {
  const cases: { desc: string; config: ImageConfig; want: string[] }[] = [
    { desc: 'the expected config', config: GOOD, want: [] },
    { desc: 'no USER (root)', config: { ...GOOD, User: undefined }, want: ["USER is '': set a numeric uid"] },
    { desc: 'USER root', config: { ...GOOD, User: '0:0' }, want: ['USER is root'] },
    { desc: 'a named USER', config: { ...GOOD, User: 'node' }, want: ["USER is 'node'"] },
    { desc: 'another uid', config: { ...GOOD, User: '1000' }, want: ["USER is uid 1000, but the operator's pods"] },
    { desc: 'another entrypoint', config: { ...GOOD, Entrypoint: ['node'] }, want: ['ENTRYPOINT is ["node"]'] },
    { desc: 'another working folder', config: { ...GOOD, WorkingDir: '/' }, want: ["WORKDIR is '/'"] },
  ];
  it.each(cases)('$desc', ({ config, want }) => {
    const problems = imageConfigProblems(config, EXPECTED);
    expect(problems).toHaveLength(want.length);
    want.forEach((start, i) => {
      expect(problems[i]).toContain(start);
    });
  });
});

describe('probeProblems', () => {
  const targets: ProbeTargets = {
    readOnly: ['/app'],
    writable: ['/tmp'],
    absent: ['/app/node_modules/jest'],
    sourceDir: '/app/src',
  };
  const good: ProbeReport = {
    uid: 10001,
    writable: { '/app': false, '/tmp': true },
    present: { '/app/node_modules/jest': false },
    testFiles: 0,
  };
  const cases: { desc: string; report: ProbeReport; want: string[] }[] = [
    { desc: 'a clean image', report: good, want: [] },
    { desc: 'running as root', report: { ...good, uid: 0 }, want: ['run as uid 0'] },
    {
      desc: 'writable code',
      report: { ...good, writable: { '/app': true, '/tmp': true } },
      want: ['/app is writable'],
    },
    {
      desc: 'no writable /tmp',
      report: { ...good, writable: { '/app': false, '/tmp': false } },
      want: ['/tmp is not writable'],
    },
    {
      desc: 'a dev dependency',
      report: { ...good, present: { '/app/node_modules/jest': true } },
      want: ['/app/node_modules/jest is in the image'],
    },
    { desc: 'shipped tests', report: { ...good, testFiles: 3 }, want: ['3 *.test.ts files'] },
    { desc: 'a report that misses a target', report: { ...good, writable: {} }, want: ['/app is writable', '/tmp'] },
  ];
  it.each(cases)('$desc', ({ report, want }) => {
    const problems = probeProblems(report, targets, 10001);
    expect(problems).toHaveLength(want.length);
    want.forEach((start, i) => {
      expect(problems[i]).toContain(start);
    });
  });
});

describe('PROBE_SCRIPT', () => {
  it('reports writability, presence and test files of the folders it is given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'gamecluster-probe-'));
    try {
      mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
      writeFileSync(join(dir, 'src', 'deep', 'a.test.ts'), '');
      writeFileSync(join(dir, 'src', 'a.ts'), '');
      const targets: ProbeTargets = {
        readOnly: [join(dir, 'missing')],
        writable: [dir],
        absent: [join(dir, 'src', 'a.ts'), join(dir, 'nothing')],
        sourceDir: join(dir, 'src'),
      };
      const out = execFileSync(process.execPath, ['-e', PROBE_SCRIPT, JSON.stringify(targets)], { encoding: 'utf8' });
      expect(JSON.parse(out)).toEqual({
        uid: process.getuid!(),
        writable: { [join(dir, 'missing')]: false, [dir]: true },
        present: { [join(dir, 'src', 'a.ts')]: true, [join(dir, 'nothing')]: false },
        testFiles: 1,
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
