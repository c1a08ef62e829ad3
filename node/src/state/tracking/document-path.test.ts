// Table tests of the pure path functions: collapsing changed paths, coverage, and printing.
import { describe, expect, it } from '@jest/globals';
import { collapsePaths, coversPath, type DocumentPath, formatPath } from './document-path.ts';

describe('collapsePaths', () => {
  const cases: { desc: string; input: DocumentPath[]; want: DocumentPath[] }[] = [
    { desc: 'nothing changed', input: [], want: [] },
    { desc: 'duplicates kept once', input: [['a'], ['a'], ['b', 1]], want: [['a'], ['b', 1]] },
    { desc: 'a path under a changed ancestor is dropped', input: [['a', 'b', 'c'], ['a']], want: [['a']] },
    {
      desc: 'siblings stay',
      input: [
        ['a', 'b'],
        ['a', 'c'],
      ],
      want: [
        ['a', 'b'],
        ['a', 'c'],
      ],
    },
    { desc: 'the root covers everything', input: [['x', 1], [], ['y']], want: [[]] },
    {
      desc: 'index 1 and key "1" are different keys',
      input: [
        ['m', 1],
        ['m', '1'],
      ],
      want: [
        ['m', 1],
        ['m', '1'],
      ],
    },
    {
      desc: 'a longer path first, then its ancestor',
      input: [
        ['inv', 3, 'count'],
        ['inv', 3],
      ],
      want: [['inv', 3]],
    },
    { desc: 'shortest first', input: [['a', 'b'], ['c']], want: [['c'], ['a', 'b']] },
  ];
  it.each(cases)('$desc', ({ input, want }) => {
    expect(collapsePaths(input)).toEqual(want);
  });
});

describe('coversPath', () => {
  const cases: { desc: string; prefix: DocumentPath; path: DocumentPath; want: boolean }[] = [
    { desc: 'root covers any path', prefix: [], path: ['a', 1], want: true },
    { desc: 'a path covers itself', prefix: ['a', 1], path: ['a', 1], want: true },
    { desc: 'an ancestor covers a descendant', prefix: ['a'], path: ['a', 1, 'b'], want: true },
    { desc: 'a descendant does not cover its ancestor', prefix: ['a', 1], path: ['a'], want: false },
    { desc: 'a sibling does not cover', prefix: ['a', 2], path: ['a', 1], want: false },
    { desc: 'number and string keys differ', prefix: ['a', '1'], path: ['a', 1], want: false },
  ];
  it.each(cases)('$desc', ({ prefix, path, want }) => {
    expect(coversPath(prefix, path)).toBe(want);
  });
});

describe('formatPath', () => {
  const cases: { input: DocumentPath; want: string }[] = [
    { input: [], want: '(root)' },
    { input: ['inventory', 3, 'count'], want: 'inventory[3].count' },
    { input: ['by id', 'x'], want: '["by id"].x' },
    { input: [0, 'a'], want: '[0].a' },
  ];
  it.each(cases)('$want', ({ input, want }) => {
    expect(formatPath(input)).toBe(want);
  });
});
