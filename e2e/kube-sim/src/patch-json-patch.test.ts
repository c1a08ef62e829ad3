// Table tests of RFC 6902 JSON patch: every operation, pointer escapes, and failures that reject the whole patch.

import { describe, expect, it } from '@jest/globals';
import { applyJsonPatch } from './patch-json-patch.ts';

const doc = { a: { b: 1, 'x/y': 2, 't~': 3 }, list: [1, 2, 3] };

describe('JSON patch', () => {
  it.each([
    { desc: 'add a field', ops: [{ op: 'add', path: '/a/c', value: 4 }], want: { ...doc, a: { ...doc.a, c: 4 } } },
    { desc: 'append with -', ops: [{ op: 'add', path: '/list/-', value: 4 }], want: { ...doc, list: [1, 2, 3, 4] } },
    {
      desc: 'insert at an index',
      ops: [{ op: 'add', path: '/list/0', value: 0 }],
      want: { ...doc, list: [0, 1, 2, 3] },
    },
    { desc: 'remove from a list', ops: [{ op: 'remove', path: '/list/1' }], want: { ...doc, list: [1, 3] } },
    {
      desc: 'replace with escapes',
      ops: [{ op: 'replace', path: '/a/x~1y', value: 9 }],
      want: { ...doc, a: { ...doc.a, 'x/y': 9 } },
    },
    { desc: 'tilde escape', ops: [{ op: 'remove', path: '/a/t~0' }], want: { ...doc, a: { b: 1, 'x/y': 2 } } },
    {
      desc: 'move',
      ops: [{ op: 'move', from: '/a/b', path: '/b' }],
      want: { a: { 'x/y': 2, 't~': 3 }, list: [1, 2, 3], b: 1 },
    },
    { desc: 'copy', ops: [{ op: 'copy', from: '/list', path: '/copy' }], want: { ...doc, copy: [1, 2, 3] } },
    { desc: 'passing test', ops: [{ op: 'test', path: '/a/b', value: 1 }], want: doc },
  ])('$desc', ({ ops, want }) => {
    expect(applyJsonPatch(doc, ops)).toEqual(want);
  });

  it.each([
    { desc: 'failed test', ops: [{ op: 'test', path: '/a/b', value: 2 }], code: 422 },
    { desc: 'replace of a missing field', ops: [{ op: 'replace', path: '/nope', value: 1 }], code: 422 },
    { desc: 'index out of range', ops: [{ op: 'add', path: '/list/9', value: 1 }], code: 422 },
    { desc: 'unknown op', ops: [{ op: 'frob', path: '/a' }], code: 400 },
    { desc: 'not an array', ops: { op: 'add' }, code: 400 },
  ])('rejects $desc', ({ ops, code }) => {
    expect(() => applyJsonPatch(doc, ops)).toThrow(expect.objectContaining({ httpCode: code }));
  });

  it('applies nothing when a later operation fails', () => {
    const target = structuredClone(doc);
    expect(() =>
      applyJsonPatch(target, [
        { op: 'add', path: '/a/c', value: 1 },
        { op: 'test', path: '/a/b', value: 99 },
      ]),
    ).toThrow();
    expect(target).toEqual(doc);
  });
});
