// The suite finds the node under `buildah run` by walking /proc: parsing a stat line whose command name holds
// spaces and parentheses, and finding a grandchild by its argv.
import { spawn } from 'node:child_process';
import { describe, expect, it } from '@jest/globals';
import { descendantPids, findDescendant, parentPid, processArgv, processUid } from './process-tree.ts';

describe('parentPid', () => {
  it.each([
    { stat: '123 (node) S 45 123 123 0 -1', want: 45 },
    { stat: '123 (odd name) (x) R 7 1 1 0', want: 7 },
    { stat: 'garbage', want: undefined },
  ])('$stat -> $want', ({ stat, want }) => {
    expect(parentPid(stat)).toBe(want);
  });
});

describe('findDescendant', () => {
  it('finds a grandchild by its argv, with its uid', async () => {
    const marker = `process-tree-marker-${process.pid}`;
    // A shell (child) that starts a sleeping node (grandchild) carrying the marker.
    const script = `"${process.execPath}" -e "setTimeout(() => {}, 20000)" ${marker} & wait`;
    const shell = spawn('sh', ['-c', script], { stdio: 'ignore' });
    let found: number | undefined;
    try {
      for (let i = 0; i < 100 && found === undefined; i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        found = findDescendant(process.pid, (argv) => argv.includes(marker));
      }
      expect(found).toBeDefined();
      expect(descendantPids(shell.pid!)).toContain(found);
      expect(processArgv(found!)).toContain(marker);
      expect(processUid(found!)).toBe(process.getuid!());
      expect(findDescendant(process.pid, (argv) => argv.includes(`${marker}-absent`))).toBeUndefined();
    } finally {
      if (found !== undefined) process.kill(found, 'SIGKILL');
      shell.kill('SIGKILL');
    }
  });

  it('knows nothing of a process that is gone', () => {
    expect(processArgv(2 ** 22 + 1)).toBeUndefined();
    expect(processUid(2 ** 22 + 1)).toBeUndefined();
  });
});
