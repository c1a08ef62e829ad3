// Evaluates a parsed CEL rule against JSON values with CEL's semantics where they matter for validation rules:
// a missing field is an error ("no such key"), && and || absorb an error when the other side decides, integers
// divide as integers. Functions outside the subset are refused when the rule is compiled (see checkSupported).

import { type CelNode, CelSyntaxError, childrenOf } from './cel-parser.ts';
import { isPlainObject, jsonEqual } from './kube-object.ts';

export class CelEvalError extends Error {
  override name = 'CelEvalError';
}

const MACROS = new Set(['all', 'exists', 'exists_one', 'map', 'filter']);
const METHODS = new Set(['size', 'matches', 'startsWith', 'endsWith', 'contains', 'lowerAscii', 'upperAscii']);
const GLOBALS = new Set(['has', 'size', 'int', 'string', 'double']);

/** Throws CelSyntaxError when the rule calls a function this evaluator does not implement. */
export function checkSupported(node: CelNode): void {
  if (node.kind === 'call') {
    const known = node.target === undefined ? GLOBALS.has(node.name) : METHODS.has(node.name) || MACROS.has(node.name);
    if (!known) throw new CelSyntaxError(`function ${node.name} is not supported by kube-sim's CEL subset`);
  }
  for (const child of childrenOf(node)) checkSupported(child);
}

export type CelScope = ReadonlyMap<string, unknown>;

function member(target: unknown, field: string): unknown {
  if (!isPlainObject(target)) throw new CelEvalError(`no such key: ${field}`);
  if (!Object.hasOwn(target, field) || target[field] === undefined) throw new CelEvalError(`no such key: ${field}`);
  return target[field];
}

function size(value: unknown): number {
  if (typeof value === 'string') return [...value].length;
  if (Array.isArray(value)) return value.length;
  if (isPlainObject(value)) return Object.keys(value).length;
  throw new CelEvalError('no matching overload for size');
}

function compare(op: string, a: unknown, b: unknown): boolean {
  if (op === '==') return jsonEqual(a, b);
  if (op === '!=') return !jsonEqual(a, b);
  if (op === 'in') {
    if (Array.isArray(b)) return b.some((item) => jsonEqual(item, a));
    if (isPlainObject(b) && typeof a === 'string') return Object.hasOwn(b, a);
    throw new CelEvalError("no matching overload for 'in'");
  }
  if (!((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string'))) {
    throw new CelEvalError(`no matching overload for '${op}'`);
  }
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    default:
      return a >= b;
  }
}

function arithmetic(op: string, a: unknown, b: unknown): unknown {
  if (op === '+' && typeof a === 'string' && typeof b === 'string') return a + b;
  if (op === '+' && Array.isArray(a) && Array.isArray(b)) return [...a, ...b];
  if (typeof a !== 'number' || typeof b !== 'number') throw new CelEvalError(`no matching overload for '${op}'`);
  const integers = Number.isInteger(a) && Number.isInteger(b);
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
      if (b === 0 && integers) throw new CelEvalError('division by zero');
      return integers ? Math.trunc(a / b) : a / b;
    default:
      if (b === 0) throw new CelEvalError('modulus by zero');
      return a % b;
  }
}

function asBool(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new CelEvalError('no matching overload: expected a bool');
  return value;
}

/** Evaluates one side of && / ||, keeping an error to rethrow only if the other side does not decide. */
function attempt(node: CelNode, scope: CelScope): boolean | CelEvalError {
  try {
    return asBool(evaluateCel(node, scope));
  } catch (error) {
    if (error instanceof CelEvalError) return error;
    throw error;
  }
}

function logical(op: string, left: CelNode, right: CelNode, scope: CelScope): boolean {
  const decisive = op === '||';
  const l = attempt(left, scope);
  if (l === decisive) return decisive;
  const r = attempt(right, scope);
  if (r === decisive) return decisive;
  if (l instanceof CelEvalError) throw l;
  if (r instanceof CelEvalError) throw r;
  return !decisive;
}

function macro(node: CelNode & { kind: 'call' }, target: unknown, scope: CelScope): unknown {
  const variable = node.args[0];
  const body = node.args[1];
  if (variable?.kind !== 'ident' || body === undefined) throw new CelEvalError(`${node.name} needs (name, expression)`);
  const items = Array.isArray(target) ? target : isPlainObject(target) ? Object.keys(target) : undefined;
  if (items === undefined) throw new CelEvalError(`no matching overload for ${node.name}`);
  const run = (item: unknown): unknown => evaluateCel(body, new Map([...scope, [variable.name, item]]));
  switch (node.name) {
    case 'all':
      return items.every((item) => asBool(run(item)));
    case 'exists':
      return items.some((item) => asBool(run(item)));
    case 'exists_one':
      return items.filter((item) => asBool(run(item))).length === 1;
    case 'map':
      return items.map(run);
    default:
      return items.filter((item) => asBool(run(item)));
  }
}

function call(node: CelNode & { kind: 'call' }, scope: CelScope): unknown {
  if (node.target === undefined) {
    const arg = node.args[0];
    if (arg === undefined) throw new CelEvalError(`${node.name} needs an argument`);
    if (node.name === 'has') {
      if (arg.kind !== 'member') throw new CelEvalError('has() needs a field selection');
      const target = evaluateCel(arg.target, scope);
      return isPlainObject(target) && target[arg.field] !== undefined;
    }
    const value = evaluateCel(arg, scope);
    if (node.name === 'size') return size(value);
    if (node.name === 'int') return Math.trunc(Number(value));
    if (node.name === 'double') return Number(value);
    return typeof value === 'string' ? value : JSON.stringify(value);
  }
  const target = evaluateCel(node.target, scope);
  if (MACROS.has(node.name)) return macro(node, target, scope);
  if (node.name === 'size') return size(target);
  if (typeof target !== 'string') throw new CelEvalError(`no matching overload for ${node.name}`);
  const arg = node.args[0] === undefined ? undefined : evaluateCel(node.args[0], scope);
  switch (node.name) {
    case 'matches':
      return new RegExp(String(arg), 'u').test(target);
    case 'startsWith':
      return target.startsWith(String(arg));
    case 'endsWith':
      return target.endsWith(String(arg));
    case 'contains':
      return target.includes(String(arg));
    case 'lowerAscii':
      return target.toLowerCase();
    default:
      return target.toUpperCase();
  }
}

export function evaluateCel(node: CelNode, scope: CelScope): unknown {
  switch (node.kind) {
    case 'literal':
      return node.value;
    case 'ident':
      if (!scope.has(node.name)) throw new CelEvalError(`undeclared reference to '${node.name}'`);
      return scope.get(node.name);
    case 'member':
      return member(evaluateCel(node.target, scope), node.field);
    case 'index': {
      const target = evaluateCel(node.target, scope);
      const index = evaluateCel(node.index, scope);
      if (Array.isArray(target) && typeof index === 'number') {
        if (index < 0 || index >= target.length) throw new CelEvalError('index out of range');
        return target[index];
      }
      return member(target, String(index));
    }
    case 'list':
      return node.items.map((item) => evaluateCel(item, scope));
    case 'unary': {
      const value = evaluateCel(node.operand, scope);
      if (node.op === '!') return !asBool(value);
      if (typeof value !== 'number') throw new CelEvalError("no matching overload for '-'");
      return -value;
    }
    case 'ternary':
      return asBool(evaluateCel(node.test, scope)) ? evaluateCel(node.then, scope) : evaluateCel(node.otherwise, scope);
    case 'call':
      return call(node, scope);
    case 'binary':
      if (node.op === '&&' || node.op === '||') return logical(node.op, node.left, node.right, scope);
      if (['==', '!=', '<', '<=', '>', '>=', 'in'].includes(node.op)) {
        return compare(node.op, evaluateCel(node.left, scope), evaluateCel(node.right, scope));
      }
      return arithmetic(node.op, evaluateCel(node.left, scope), evaluateCel(node.right, scope));
  }
}
