// What makes an image fit to ship, as pure checks the suite applies to buildah's view of it: its config (a
// numeric non-root user, which Kubernetes' runAsNonRoot can verify; the entrypoint and working folder the
// operator's pods rely on), and a probe run inside it as that user (code not writable, so a read-only root
// filesystem loses nothing; /tmp and the data folder writable; no dev packages or tests shipped).
import type { ImageConfig } from './buildah.ts';

export interface ExpectedImage {
  readonly uid: number;
  readonly entrypoint: readonly string[];
  readonly workingDir: string;
}

/** The numeric uid of an OCI `User` ("10001", "10001:10001"); undefined for a name or nothing. */
export function numericUid(user: string | undefined): number | undefined {
  const uid = (user ?? '').split(':')[0] ?? '';
  return /^\d+$/.test(uid) ? Number(uid) : undefined;
}

/** Problems with an image's config; empty when it is as expected. */
export function imageConfigProblems(config: ImageConfig, expected: ExpectedImage): string[] {
  const problems: string[] = [];
  const uid = numericUid(config.User);
  if (uid === undefined) {
    problems.push(`USER is '${config.User ?? ''}': set a numeric uid (runAsNonRoot can only verify a number)`);
  } else if (uid === 0) {
    problems.push('USER is root: set the unprivileged uid');
  } else if (uid !== expected.uid) {
    problems.push(`USER is uid ${uid}, but the operator's pods run as ${expected.uid}`);
  }
  const entrypoint = JSON.stringify(config.Entrypoint ?? []);
  if (entrypoint !== JSON.stringify(expected.entrypoint)) {
    problems.push(`ENTRYPOINT is ${entrypoint}, expected ${JSON.stringify(expected.entrypoint)}`);
  }
  if (config.WorkingDir !== expected.workingDir) {
    problems.push(`WORKDIR is '${config.WorkingDir ?? ''}', expected '${expected.workingDir}'`);
  }
  return problems;
}

/** What the probe looks at inside an image. */
export interface ProbeTargets {
  /** Folders that must not be writable by the image's user (its code). */
  readonly readOnly: readonly string[];
  /** Folders that must be writable (/tmp, the data folder). */
  readonly writable: readonly string[];
  /** Paths that must not exist (dev dependencies). */
  readonly absent: readonly string[];
  /** A source folder that must hold no *.test.ts files. */
  readonly sourceDir: string;
}

/** What the probe saw. */
export interface ProbeReport {
  readonly uid: number;
  readonly writable: Record<string, boolean>;
  readonly present: Record<string, boolean>;
  readonly testFiles: number;
}

/**
 * The probe as a `node -e` program (CommonJS, no imports from the repository: it runs inside the image); it reads
 * its targets from its first argument and prints one JSON line.
 */
export const PROBE_SCRIPT = [
  "const fs = require('node:fs');",
  'const targets = JSON.parse(process.argv[1]);',
  "const canWrite = (dir) => { const file = dir + '/.gamecluster-probe-' + process.pid;",
  "  try { fs.writeFileSync(file, ''); fs.rmSync(file); return true; } catch { return false; } };",
  'const writable = {}; for (const dir of [...targets.readOnly, ...targets.writable]) writable[dir] = canWrite(dir);',
  'const present = {}; for (const path of targets.absent) present[path] = fs.existsSync(path);',
  "const testFiles = fs.readdirSync(targets.sourceDir, { recursive: true }).filter((f) => String(f).endsWith('.test.ts')).length;",
  'console.log(JSON.stringify({ uid: process.getuid(), writable, present, testFiles }));',
].join('\n');

/** Problems the probe's report shows; empty when the image is as it should be. */
export function probeProblems(report: ProbeReport, targets: ProbeTargets, expectedUid: number): string[] {
  const problems: string[] = [];
  if (report.uid !== expectedUid) problems.push(`the image's processes run as uid ${report.uid}, not ${expectedUid}`);
  for (const dir of targets.readOnly) {
    if (report.writable[dir] !== false) problems.push(`${dir} is writable by the image's user`);
  }
  for (const dir of targets.writable) {
    if (report.writable[dir] !== true) problems.push(`${dir} is not writable by the image's user`);
  }
  for (const path of targets.absent) {
    if (report.present[path] !== false) problems.push(`${path} is in the image (a dev dependency)`);
  }
  if (report.testFiles !== 0) problems.push(`${report.testFiles} *.test.ts files are in ${targets.sourceDir}`);
  return problems;
}
