// Table tests of kube-sim's CEL subset on the rule forms CRDs use (including the project CRD's rules), its error
// semantics, and the rules it refuses to guess at.

import { describe, expect, it } from '@jest/globals';
import { CelEvalError, checkSupported, evaluateCel } from './cel-evaluator.ts';
import { CelSyntaxError, parseCel, usesOldSelf } from './cel-parser.ts';

const run = (rule: string, self: unknown, oldSelf?: unknown): unknown => {
  const scope = new Map<string, unknown>([['self', self]]);
  if (oldSelf !== undefined) scope.set('oldSelf', oldSelf);
  const node = parseCel(rule);
  checkSupported(node);
  return evaluateCel(node, scope);
};

describe('CEL subset', () => {
  it.each([
    { rule: 'self.min <= self.max', self: { min: 1, max: 2 }, want: true },
    { rule: 'self.min <= self.max', self: { min: 3, max: 2 }, want: false },
    {
      rule: "self.mode != 'embedded' || self.db.replicas <= 1",
      self: { mode: 'embedded', db: { replicas: 2 } },
      want: false,
    },
    { rule: "self.mode != 'embedded' || self.db.replicas <= 1", self: { mode: 'postgres', db: {} }, want: true },
    { rule: "self.mode != 'postgres' || has(self.secretRef)", self: { mode: 'postgres' }, want: false },
    { rule: "self.mode == 'postgres' || !has(self.secretRef)", self: { mode: 'embedded', secretRef: {} }, want: false },
    {
      rule: "self.metadata.name.size() <= 40 && self.metadata.name.matches('^[a-z]([-a-z0-9]*[a-z0-9])?$')",
      self: { metadata: { name: 'demo-1' } },
      want: true,
    },
    { rule: "self.name.matches('^[a-z]+$')", self: { name: 'Demo' }, want: false },
    { rule: 'size(self.items) == 2 && self.items.all(i, i > 0)', self: { items: [1, 2] }, want: true },
    { rule: 'self.items.exists(i, i == 3)', self: { items: [1, 2] }, want: false },
    { rule: "'a' in self.tags", self: { tags: ['a'] }, want: true },
    { rule: 'self.a + self.b * 2 == 7 && 7 / 2 == 3', self: { a: 1, b: 3 }, want: true },
    { rule: 'self.x > 0 ? self.y : false', self: { x: 1, y: true }, want: true },
    {
      rule: "self.s.startsWith('ab') && self.s.endsWith('yz') && self.s.contains('m')",
      self: { s: 'abmyz' },
      want: true,
    },
  ])('$rule on $self is $want', ({ rule, self, want }) => {
    expect(run(rule, self)).toBe(want);
  });

  it('compares with oldSelf in transition rules', () => {
    expect(usesOldSelf(parseCel('self == oldSelf'))).toBe(true);
    expect(usesOldSelf(parseCel('self.a == 1'))).toBe(false);
    expect(run('self.size == oldSelf.size', { size: 'a' }, { size: 'b' })).toBe(false);
  });

  it('makes a missing field an error, absorbed by || and && when the other side decides', () => {
    expect(() => run('self.missing == 1', {})).toThrow(CelEvalError);
    expect(run('self.missing == 1 || true', {})).toBe(true);
    expect(run('false && self.missing == 1', {})).toBe(false);
    expect(() => run('self.missing == 1 || false', {})).toThrow('no such key: missing');
  });

  it('refuses syntax and functions outside the subset at compile time', () => {
    expect(() => parseCel('self.a ==')).toThrow(CelSyntaxError);
    expect(() => checkSupported(parseCel('self.items.sortBy(x, x)'))).toThrow(CelSyntaxError);
    expect(() => checkSupported(parseCel('quantity(self.q).isLessThan(quantity("1"))'))).toThrow(CelSyntaxError);
  });
});
