// Table tests of RFC 7386 JSON merge patch.

import { describe, expect, it } from '@jest/globals';
import { applyJsonMergePatch } from './patch-json-merge.ts';

describe('JSON merge patch', () => {
  it.each([
    { desc: 'objects merge', target: { a: 1, b: { c: 2 } }, patch: { b: { d: 3 } }, want: { a: 1, b: { c: 2, d: 3 } } },
    { desc: 'null deletes', target: { a: 1, b: 2 }, patch: { a: null }, want: { b: 2 } },
    { desc: 'arrays replace', target: { l: [1, 2] }, patch: { l: [3] }, want: { l: [3] } },
    { desc: 'a scalar replaces an object', target: { a: { b: 1 } }, patch: { a: 5 }, want: { a: 5 } },
    { desc: 'an object replaces a scalar', target: { a: 5 }, patch: { a: { b: null, c: 1 } }, want: { a: { c: 1 } } },
  ])('$desc', ({ target, patch, want }) => {
    expect(applyJsonMergePatch(target, patch)).toEqual(want);
  });
});
