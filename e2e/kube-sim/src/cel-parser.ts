// Parses the subset of CEL that CRD `x-kubernetes-validations` rules commonly use (self/oldSelf, field access,
// has(), size(), matches(), comparisons, && || ! ?:, arithmetic, list literals, all/exists/map/filter macros).
// A rule outside the subset fails to parse and is skipped by the caller, never guessed at.

export type CelNode =
  | { readonly kind: 'literal'; readonly value: unknown }
  | { readonly kind: 'ident'; readonly name: string }
  | { readonly kind: 'member'; readonly target: CelNode; readonly field: string }
  | { readonly kind: 'index'; readonly target: CelNode; readonly index: CelNode }
  | { readonly kind: 'call'; readonly target: CelNode | undefined; readonly name: string; readonly args: CelNode[] }
  | { readonly kind: 'unary'; readonly op: string; readonly operand: CelNode }
  | { readonly kind: 'binary'; readonly op: string; readonly left: CelNode; readonly right: CelNode }
  | { readonly kind: 'ternary'; readonly test: CelNode; readonly then: CelNode; readonly otherwise: CelNode }
  | { readonly kind: 'list'; readonly items: CelNode[] };

export class CelSyntaxError extends Error {
  override name = 'CelSyntaxError';
}

type Token = { readonly type: 'num' | 'str' | 'ident' | 'op'; readonly text: string; readonly value?: unknown };

const OPERATORS = ['&&', '||', '==', '!=', '<=', '>=', '<', '>', '!', '+', '-', '*', '/', '%', '?', ':'];
const PUNCTUATION = new Set(['(', ')', '[', ']', ',', '.']);

function readString(source: string, start: number): { value: string; end: number } {
  const quote = source[start];
  let i = start + 1;
  let value = '';
  while (i < source.length && source[i] !== quote) {
    if (source[i] === '\\') {
      const next = source[i + 1] ?? '';
      value += next === 'n' ? '\n' : next === 't' ? '\t' : next;
      i += 2;
    } else {
      value += source[i];
      i++;
    }
  }
  if (i >= source.length) throw new CelSyntaxError('unterminated string');
  return { value, end: i + 1 };
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const { value, end } = readString(source, i);
      tokens.push({ type: 'str', text: source.slice(i, end), value });
      i = end;
    } else if (/[0-9]/.test(c)) {
      const m = /^[0-9]+(\.[0-9]+)?(u)?/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'num', text: m[0], value: Number(m[0].replace('u', '')) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(source.slice(i)) as RegExpExecArray;
      tokens.push({ type: 'ident', text: m[0] });
      i += m[0].length;
    } else if (PUNCTUATION.has(c)) {
      tokens.push({ type: 'op', text: c });
      i++;
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (op === undefined) throw new CelSyntaxError(`unexpected character "${c}"`);
      tokens.push({ type: 'op', text: op });
      i += op.length;
    }
  }
  return tokens;
}

const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'],
  ['&&'],
  ['==', '!=', '<', '<=', '>', '>=', 'in'],
  ['+', '-'],
  ['*', '/', '%'],
];

class Parser {
  readonly #tokens: Token[];
  #pos = 0;
  constructor(tokens: Token[]) {
    this.#tokens = tokens;
  }

  parseAll(): CelNode {
    const node = this.#ternary();
    if (this.#pos < this.#tokens.length) throw new CelSyntaxError(`unexpected "${this.#peek()?.text}"`);
    return node;
  }

  #peek(): Token | undefined {
    return this.#tokens[this.#pos];
  }

  #accept(text: string): boolean {
    const t = this.#peek();
    if (t !== undefined && (t.type === 'op' || t.type === 'ident') && t.text === text) {
      this.#pos++;
      return true;
    }
    return false;
  }

  #expect(text: string): void {
    if (!this.#accept(text)) throw new CelSyntaxError(`expected "${text}"`);
  }

  #ternary(): CelNode {
    const test = this.#binary(0);
    if (!this.#accept('?')) return test;
    const then = this.#ternary();
    this.#expect(':');
    return { kind: 'ternary', test, then, otherwise: this.#ternary() };
  }

  #binary(level: number): CelNode {
    const ops = BINARY_LEVELS[level];
    if (ops === undefined) return this.#unary();
    let left = this.#binary(level + 1);
    for (;;) {
      const op = ops.find((o) => this.#accept(o));
      if (op === undefined) return left;
      left = { kind: 'binary', op, left, right: this.#binary(level + 1) };
    }
  }

  #unary(): CelNode {
    if (this.#accept('!')) return { kind: 'unary', op: '!', operand: this.#unary() };
    if (this.#accept('-')) return { kind: 'unary', op: '-', operand: this.#unary() };
    return this.#postfix(this.#primary());
  }

  #args(): CelNode[] {
    const args: CelNode[] = [];
    if (this.#accept(')')) return args;
    do args.push(this.#ternary());
    while (this.#accept(','));
    this.#expect(')');
    return args;
  }

  #postfix(start: CelNode): CelNode {
    let node = start;
    for (;;) {
      if (this.#accept('.')) {
        const name = this.#tokens[this.#pos++];
        if (name?.type !== 'ident') throw new CelSyntaxError('expected a field name after "."');
        node = this.#accept('(')
          ? { kind: 'call', target: node, name: name.text, args: this.#args() }
          : { kind: 'member', target: node, field: name.text };
      } else if (this.#accept('[')) {
        const index = this.#ternary();
        this.#expect(']');
        node = { kind: 'index', target: node, index };
      } else {
        return node;
      }
    }
  }

  #primary(): CelNode {
    const t = this.#tokens[this.#pos++];
    if (t === undefined) throw new CelSyntaxError('unexpected end of rule');
    if (t.type === 'num' || t.type === 'str') return { kind: 'literal', value: t.value };
    if (t.type === 'ident') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true' };
      if (t.text === 'null') return { kind: 'literal', value: null };
      if (this.#accept('(')) return { kind: 'call', target: undefined, name: t.text, args: this.#args() };
      return { kind: 'ident', name: t.text };
    }
    if (t.text === '(') {
      const inner = this.#ternary();
      this.#expect(')');
      return inner;
    }
    if (t.text === '[') {
      const items: CelNode[] = [];
      if (!this.#accept(']')) {
        do items.push(this.#ternary());
        while (this.#accept(','));
        this.#expect(']');
      }
      return { kind: 'list', items };
    }
    throw new CelSyntaxError(`unexpected "${t.text}"`);
  }
}

export function parseCel(source: string): CelNode {
  return new Parser(tokenize(source)).parseAll();
}

/** The sub-expressions of a node, for walks over the tree. */
export function childrenOf(node: CelNode): CelNode[] {
  switch (node.kind) {
    case 'member':
      return [node.target];
    case 'index':
      return [node.target, node.index];
    case 'call':
      return node.target === undefined ? node.args : [node.target, ...node.args];
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'ternary':
      return [node.test, node.then, node.otherwise];
    case 'list':
      return node.items;
    default:
      return [];
  }
}

/** True when the expression mentions oldSelf: a transition rule, evaluated only on update. */
export function usesOldSelf(node: CelNode): boolean {
  return (node.kind === 'ident' && node.name === 'oldSelf') || childrenOf(node).some(usesOldSelf);
}
