// STYLE rule 9: every registered error code is documented in docs/errors.md, and nothing documented is missing.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import '../index.ts';
import { registeredErrorCodes } from './index.ts';

describe('docs/errors.md', () => {
  it('lists exactly the registered error codes', () => {
    // The node's part: the operator's and the tooling's codes follow their own heading (operator/src checks them).
    const doc = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8').split(
      '\n# Operator and tooling error codes',
    )[0]!;
    const documented = [...new Set(doc.match(/`(GC_ERR_[A-Z_]+)`/g)?.map((c) => c.slice(1, -1)))].sort();
    expect(documented).toEqual(registeredErrorCodes());
  });
});
