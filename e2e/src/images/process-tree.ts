// Finds the real process behind `buildah run` (chroot isolation shares the host's PID namespace): the suite
// signals the node itself, because SIGTERM to buildah makes it SIGKILL its child, and a clean stop is what is
// being proved. Reads /proc, so Linux only, as buildah is.
import { readdirSync, readFileSync } from 'node:fs';

function read(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

/** The parent pid in a /proc/<pid>/stat line (the command name in parentheses may itself hold spaces). */
export function parentPid(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ppid = Number(fields[1]);
  return Number.isInteger(ppid) ? ppid : undefined;
}

/** Every live descendant of `root`. */
export function descendantPids(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = read(`/proc/${name}/stat`);
    const ppid = stat === undefined ? undefined : parentPid(stat);
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** A process's argv, or undefined when it is gone. */
export function processArgv(pid: number): string[] | undefined {
  return read(`/proc/${pid}/cmdline`)
    ?.split('\0')
    .filter((a) => a !== '');
}

/** A process's real uid, or undefined when it is gone. */
export function processUid(pid: number): number | undefined {
  const line = read(`/proc/${pid}/status`)
    ?.split('\n')
    .find((l) => l.startsWith('Uid:'));
  const uid = Number(line?.split(/\s+/)[1]);
  return Number.isInteger(uid) ? uid : undefined;
}

/** The first descendant of `root` whose argv satisfies `match`. */
export function findDescendant(root: number, match: (argv: readonly string[]) => boolean): number | undefined {
  return descendantPids(root).find((pid) => {
    const argv = processArgv(pid);
    return argv !== undefined && match(argv);
  });
}
