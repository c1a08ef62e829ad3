// Table tests of the fencing rules the memory store applies and the SQL statements state.
import { describe, expect, it } from '@jest/globals';
import { fenceAfterLoad, isNewerWrite, type StoredFence } from './fence-rules.ts';

describe('isNewerWrite', () => {
  const cases: { desc: string; stored: StoredFence | undefined; epoch: number; version: number; want: boolean }[] = [
    { desc: 'nothing stored', stored: undefined, epoch: 1, version: 1, want: true },
    { desc: 'next version of the same epoch', stored: { epoch: 5, version: 3 }, epoch: 5, version: 4, want: true },
    { desc: 'same version again', stored: { epoch: 5, version: 3 }, epoch: 5, version: 3, want: false },
    { desc: 'older version', stored: { epoch: 5, version: 3 }, epoch: 5, version: 2, want: false },
    { desc: 'higher epoch, lower version', stored: { epoch: 5, version: 30 }, epoch: 6, version: 1, want: true },
    {
      desc: 'lower epoch, higher version (zombie)',
      stored: { epoch: 9, version: 0 },
      epoch: 5,
      version: 99,
      want: false,
    },
  ];
  it.each(cases)('$desc -> $want', ({ stored, epoch, version, want }) => {
    expect(isNewerWrite(stored, epoch, version)).toBe(want);
  });
});

describe('fenceAfterLoad', () => {
  const cases: { desc: string; stored: StoredFence | undefined; epoch: number; want: StoredFence | undefined }[] = [
    { desc: 'a new document', stored: undefined, epoch: 4, want: { epoch: 4, version: 0 } },
    {
      desc: 'a newer epoch restarts the version',
      stored: { epoch: 4, version: 7 },
      epoch: 9,
      want: { epoch: 9, version: 0 },
    },
    {
      desc: 'the same epoch keeps its version',
      stored: { epoch: 4, version: 7 },
      epoch: 4,
      want: { epoch: 4, version: 7 },
    },
    { desc: 'an older epoch is a zombie', stored: { epoch: 9, version: 0 }, epoch: 4, want: undefined },
  ];
  it.each(cases)('$desc', ({ stored, epoch, want }) => {
    expect(fenceAfterLoad(stored, epoch)).toEqual(want);
  });
});
