// A small typed mirror of the OpenAPI keywords a CRD schema uses (type, bounds, pattern, enum, required, list
// types), and checkField(), which applies them the way the API server does. game-cluster-fields.ts describes the
// GameCluster with it; the schema test compares that description with the CRD, keyword by keyword.

export interface IntegerField {
  readonly type: 'integer';
  readonly minimum?: number;
  readonly maximum?: number;
}

export interface StringField {
  readonly type: 'string';
  readonly enum?: readonly string[];
  readonly minLength?: number;
  readonly maxLength?: number;
  /** Matched as the API server does: the whole string must match only if the pattern is anchored (ours are). */
  readonly pattern?: string;
  readonly format?: 'date-time';
  /** What a pattern failure tells the user (TypeScript only; the CRD has the bare pattern). */
  readonly hint?: string;
}

export interface BooleanField {
  readonly type: 'boolean';
}

export interface ObjectField {
  readonly type: 'object';
  readonly properties: Readonly<Record<string, Field>>;
  readonly required?: readonly string[];
}

export interface ArrayField {
  readonly type: 'array';
  readonly items: Field;
  readonly minItems?: number;
  readonly maxItems?: number;
  /** x-kubernetes-list-type: `set` items are unique values, `map` items are unique by `listMapKeys`. */
  readonly listType?: 'set' | 'map';
  readonly listMapKeys?: readonly string[];
}

export type Field = IntegerField | StringField | BooleanField | ObjectField | ArrayField;

/** One thing wrong with an object: where (`spec.roles.zone.replicas`, `spec.env[2].name`) and what to do. */
export interface FieldProblem {
  readonly path: string;
  readonly message: string;
}

/** RFC 3339 date-time, as `format: date-time` accepts it. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;

const patterns = new Map<string, RegExp>();
function regExp(pattern: string): RegExp {
  let compiled = patterns.get(pattern);
  if (compiled === undefined) {
    compiled = new RegExp(pattern, 'u');
    patterns.set(pattern, compiled);
  }
  return compiled;
}

/** Absent, as the API server sees it: it prunes nulls of non-nullable fields before it validates. */
export function isAbsent(value: unknown): value is undefined | null {
  return value === undefined || value === null;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function show(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function checkInteger(field: IntegerField, value: unknown, path: string, problems: FieldProblem[]): boolean {
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push({ path, message: `must be a whole number (got ${show(value)})` });
    return false;
  }
  const before = problems.length;
  if (field.minimum !== undefined && value < field.minimum) {
    problems.push({ path, message: `must be at least ${field.minimum} (got ${value})` });
  }
  if (field.maximum !== undefined && value > field.maximum) {
    problems.push({ path, message: `must be at most ${field.maximum} (got ${value})` });
  }
  return problems.length === before;
}

function checkString(field: StringField, value: unknown, path: string, problems: FieldProblem[]): boolean {
  if (typeof value !== 'string') {
    problems.push({ path, message: `must be a string (got ${show(value)})` });
    return false;
  }
  const before = problems.length;
  // Length in code points, as the API server counts it.
  const length = [...value].length;
  if (field.enum !== undefined && !field.enum.includes(value)) {
    problems.push({ path, message: `must be one of ${field.enum.join(', ')} (got ${show(value)})` });
  }
  if (field.minLength !== undefined && length < field.minLength) {
    problems.push({ path, message: `must be at least ${field.minLength} characters long` });
  }
  if (field.maxLength !== undefined && length > field.maxLength) {
    problems.push({ path, message: `must be at most ${field.maxLength} characters long (got ${length})` });
  }
  if (field.pattern !== undefined && !regExp(field.pattern).test(value)) {
    problems.push({ path, message: `${field.hint ?? `must match ${field.pattern}`} (got ${show(value)})` });
  }
  if (field.format === 'date-time' && !DATE_TIME.test(value)) {
    problems.push({ path, message: `must be an RFC 3339 time such as 2025-01-31T12:00:00Z (got ${show(value)})` });
  }
  return problems.length === before;
}

function checkObject(field: ObjectField, value: unknown, path: string, problems: FieldProblem[]): boolean {
  if (!isPlainObject(value)) {
    problems.push({ path, message: `must be an object (got ${show(value)})` });
    return false;
  }
  let valid = true;
  for (const name of field.required ?? []) {
    if (isAbsent(value[name])) {
      problems.push({ path: join(path, name), message: 'is required' });
      valid = false;
    }
  }
  // Keys the schema does not know are not errors: the API server prunes them.
  for (const [name, child] of Object.entries(field.properties)) {
    if (!isAbsent(value[name]) && !checkField(child, value[name], join(path, name), problems)) valid = false;
  }
  return valid;
}

function checkArray(field: ArrayField, value: unknown, path: string, problems: FieldProblem[]): boolean {
  if (!Array.isArray(value)) {
    problems.push({ path, message: `must be a list (got ${show(value)})` });
    return false;
  }
  let valid = true;
  if (field.minItems !== undefined && value.length < field.minItems) {
    problems.push({ path, message: `must have at least ${field.minItems} item(s)` });
    valid = false;
  }
  if (field.maxItems !== undefined && value.length > field.maxItems) {
    problems.push({ path, message: `must have at most ${field.maxItems} items (got ${value.length})` });
    valid = false;
  }
  value.forEach((item, index) => {
    if (!checkField(field.items, item, `${path}[${index}]`, problems)) valid = false;
  });
  if (valid && field.listType !== undefined) valid = checkUnique(field, value, path, problems);
  return valid;
}

/** How an item is told apart in a set (its value) or a map list (its keys), as text for the message too. */
function listKey(field: ArrayField, item: unknown): string {
  if (field.listType === 'set' || !isPlainObject(item)) return `value ${JSON.stringify(item)}`;
  return (field.listMapKeys ?? []).map((key) => `${key} ${JSON.stringify(item[key])}`).join(', ');
}

/** x-kubernetes-list-type set and map: the API server rejects a repeated value (set) or key (map). */
function checkUnique(field: ArrayField, value: readonly unknown[], path: string, problems: FieldProblem[]): boolean {
  const seen = new Set<string>();
  let valid = true;
  value.forEach((item, index) => {
    const key = listKey(field, item);
    if (seen.has(key)) {
      problems.push({ path: `${path}[${index}]`, message: `duplicate ${key}: each may appear once; remove one` });
      valid = false;
    }
    seen.add(key);
  });
  return valid;
}

/** Appends what is wrong with `value` (present, not null) to `problems`; true when nothing is. */
export function checkField(field: Field, value: unknown, path: string, problems: FieldProblem[]): boolean {
  switch (field.type) {
    case 'integer':
      return checkInteger(field, value, path, problems);
    case 'string':
      return checkString(field, value, path, problems);
    case 'boolean':
      if (typeof value === 'boolean') return true;
      problems.push({ path, message: `must be true or false (got ${show(value)})` });
      return false;
    case 'object':
      return checkObject(field, value, path, problems);
    case 'array':
      return checkArray(field, value, path, problems);
  }
}

/** `spec` + `image` -> `spec.image`; `spec.env` + `[0]` style indexes are added by the array check. */
export function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}
