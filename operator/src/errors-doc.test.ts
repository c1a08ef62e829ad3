// docs/errors.md's operator and tooling part lists exactly the error codes the operator and the test tooling
// define (a `code = 'GC_ERR_...'` in a source file under operator/src, e2e/src or e2e/kube-sim/src).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from '@jest/globals';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE_DIRS = ['operator/src', 'e2e/src', 'e2e/kube-sim/src'];
const HEADING = '\n# Operator and tooling error codes';

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .map((file) => join(ROOT, dir, file));
}

describe('docs/errors.md, operator and tooling part', () => {
  it('lists exactly the codes the operator and the tooling define', () => {
    const defined = new Set<string>();
    for (const file of SOURCE_DIRS.flatMap(sourceFiles)) {
      const text = readFileSync(file, 'utf8');
      // `readonly code = 'GC_ERR_X'`, `static code = ...`, and code tables such as kube-sim's `api: 'GC_ERR_X'`.
      for (const match of text.matchAll(/(?:code\s*=\s*|:\s*)'(GC_ERR_[A-Z_]+)'/g)) defined.add(match[1]!);
    }
    const doc = readFileSync(join(ROOT, 'docs/errors.md'), 'utf8');
    const part = doc.split(HEADING)[1] ?? '';
    const documented = new Set([...part.matchAll(/`(GC_ERR_[A-Z_]+)`/g)].map((match) => match[1]!));
    // Codes the node defines (docs/errors.md's first part) may be named in tooling, e.g. as expected outcomes.
    const nodePart = doc.split(HEADING)[0]!;
    const nodeCodes = new Set([...nodePart.matchAll(/`(GC_ERR_[A-Z_]+)`/g)].map((match) => match[1]!));
    const own = [...defined].filter((code) => !nodeCodes.has(code)).sort();
    expect(part).not.toBe('');
    expect([...documented].sort()).toEqual(own);
  });
});
