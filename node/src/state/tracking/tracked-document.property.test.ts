// Property: any sequence of mutations applied both to a plain object (the model) and through a tracked document
// leaves snapshot() equal to the model, every path where the model changed between two takeChanges() calls is
// covered by what the second returned, dirty is false after it, and the snapshot survives msgpack unchanged.
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Packr } from 'msgpackr';
import { MSGPACK_OPTIONS } from '../../actor/serializer.ts';
import { coversPath, type DocumentPath } from './document-path.ts';
import { trackDocument } from './tracked-document.ts';

type Value = unknown;
type Rec = Record<string, Value>;
type Step = { readonly kind: 'key'; readonly key: string | number } | { readonly kind: 'member'; readonly at: number };
type Container = { readonly value: object; readonly route: readonly Step[] };

// --- values ---

const RECORD_KEYS = ['a', 'b', 'c', 'd'] as const;
const MAP_KEYS = ['k1', 'k2', 1, 2] as const;

const leaf = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.string({ maxLength: 3 }),
  fc.boolean(),
  fc.constant(null),
  fc.bigInt({ min: -(2n ** 62n), max: 2n ** 62n }),
  fc.integer({ min: 0, max: 2 ** 40 }).map((ms) => new Date(ms)),
  fc.uint8Array({ maxLength: 3 }),
);

const value: fc.Memo<Value> = fc.memo((n) =>
  n <= 1
    ? leaf
    : fc.oneof(
        { weight: 3, arbitrary: leaf },
        { weight: 2, arbitrary: record(n - 1) },
        { weight: 2, arbitrary: fc.array(value(n - 1), { maxLength: 3 }) },
        {
          weight: 1,
          arbitrary: fc
            .array(fc.tuple(fc.constantFrom(...MAP_KEYS), value(n - 1)), { maxLength: 3 })
            .map((entries) => new Map<string | number, Value>(entries)),
        },
        {
          weight: 1,
          arbitrary: fc
            .array(fc.oneof(fc.integer({ min: 0, max: 4 }), record(n - 1)), { maxLength: 3 })
            .map((members) => new Set(members)),
        },
      ),
);

function record(n: number): fc.Arbitrary<Rec> {
  return fc.dictionary(fc.constantFrom(...RECORD_KEYS), value(n), { maxKeys: 3 });
}

/** A deep copy written independently of the code under test, so model and document never share an object. */
function clone(v: Value): Value {
  if (typeof v !== 'object' || v === null) return v;
  if (v instanceof Date) return new Date(v.getTime());
  if (v instanceof Uint8Array) return v.slice();
  if (Array.isArray(v)) return v.map(clone);
  if (v instanceof Map) return new Map([...v].map(([k, item]) => [k, clone(item)]));
  if (v instanceof Set) return new Set([...v].map(clone));
  return Object.fromEntries(Object.entries(v).map(([k, item]) => [k, clone(item)]));
}

function kindOf(v: Value): string {
  if (typeof v !== 'object' || v === null) return 'primitive';
  if (v instanceof Date) return 'date';
  if (v instanceof Uint8Array) return 'bytes';
  if (Array.isArray(v)) return 'array';
  if (v instanceof Map) return 'map';
  if (v instanceof Set) return 'set';
  return 'record';
}

/** Strict structural equality; `orderedKeys: false` for data that went through msgpack (object key order). */
function same(a: Value, b: Value, orderedKeys = true): boolean {
  const kind = kindOf(a);
  if (kind !== kindOf(b)) return false;
  switch (kind) {
    case 'primitive':
      return Object.is(a, b);
    case 'date':
      return (a as Date).getTime() === (b as Date).getTime();
    case 'bytes':
      return Buffer.compare(a as Uint8Array, b as Uint8Array) === 0;
    case 'array': {
      const [x, y] = [a as Value[], b as Value[]];
      return x.length === y.length && x.every((item, i) => same(item, y[i], orderedKeys));
    }
    case 'map': {
      const [x, y] = [[...(a as Map<Value, Value>)], [...(b as Map<Value, Value>)]];
      return x.length === y.length && x.every(([k, item], i) => k === y[i]![0] && same(item, y[i]![1], orderedKeys));
    }
    case 'set': {
      const [x, y] = [[...(a as Set<Value>)], [...(b as Set<Value>)]];
      return x.length === y.length && x.every((item, i) => same(item, y[i], orderedKeys));
    }
    default: {
      const [x, y] = [a as Rec, b as Rec];
      const [kx, ky] = [Object.keys(x), Object.keys(y)];
      if (kx.length !== ky.length) return false;
      if (orderedKeys && kx.some((k, i) => k !== ky[i])) return false;
      return kx.every((k) => Object.hasOwn(y, k) && same(x[k], y[k], orderedKeys));
    }
  }
}

/** Every path at which `after` differs from `before`; a container whose shape changed counts as a whole. */
function differences(before: Value, after: Value, path: DocumentPath = [], out: DocumentPath[] = []): DocumentPath[] {
  const kind = kindOf(before);
  if (kind !== kindOf(after)) out.push(path);
  else if (kind === 'record') {
    const [x, y] = [before as Rec, after as Rec];
    for (const key of new Set([...Object.keys(x), ...Object.keys(y)])) {
      if (Object.hasOwn(x, key) && Object.hasOwn(y, key)) differences(x[key], y[key], [...path, key], out);
      else out.push([...path, key]);
    }
  } else if (kind === 'array') {
    const [x, y] = [before as Value[], after as Value[]];
    if (x.length !== y.length) out.push(path);
    else for (let i = 0; i < x.length; i++) differences(x[i], y[i], [...path, i], out);
  } else if (kind === 'map') {
    const [x, y] = [before as Map<string | number, Value>, after as Map<string | number, Value>];
    if (x.size !== y.size || [...x.keys()].some((k) => !y.has(k))) out.push(path);
    else for (const [k, item] of x) differences(item, y.get(k), [...path, k], out);
  } else if (!same(before, after)) out.push(path);
  return out;
}

/** msgpack with MSGPACK_OPTIONS decodes a Map as a plain object (keys as strings): what to compare against. */
function afterMsgpack(v: Value): Value {
  switch (kindOf(v)) {
    case 'array':
      return (v as Value[]).map(afterMsgpack);
    case 'map':
      return Object.fromEntries([...(v as Map<Value, Value>)].map(([k, item]) => [String(k), afterMsgpack(item)]));
    case 'set':
      return new Set([...(v as Set<Value>)].map(afterMsgpack));
    case 'record':
      return Object.fromEntries(Object.entries(v as Rec).map(([k, item]) => [k, afterMsgpack(item)]));
    default:
      return v;
  }
}

// --- mutations: the same code runs on the model and on the document's faces ---

function containers(v: Value, route: Step[] = [], out: Container[] = []): Container[] {
  const kind = kindOf(v);
  if (kind === 'record') {
    out.push({ value: v as object, route });
    for (const [k, item] of Object.entries(v as Rec)) containers(item, [...route, { kind: 'key', key: k }], out);
  } else if (kind === 'array') {
    out.push({ value: v as object, route });
    for (const [i, item] of (v as Value[]).entries()) containers(item, [...route, { kind: 'key', key: i }], out);
  } else if (kind === 'map') {
    out.push({ value: v as object, route });
    for (const [k, item] of v as Map<string | number, Value>)
      containers(item, [...route, { kind: 'key', key: k }], out);
  } else if (kind === 'set') {
    out.push({ value: v as object, route });
    for (const [at, item] of [...(v as Set<Value>)].entries()) {
      containers(item, [...route, { kind: 'member', at }], out);
    }
  }
  return out;
}

/** Follows `route` from the root, reading through whatever `root` is (plain data or faces). */
function follow(root: Value, route: readonly Step[]): Value {
  let current = root;
  for (const step of route) {
    if (step.kind === 'member') current = [...(current as Set<Value>)][step.at];
    else if (current instanceof Map) current = current.get(step.key);
    else current = (current as Rec)[step.key as string];
  }
  return current;
}

const rank = (v: Value): number => (typeof v === 'number' ? v : typeof v === 'string' ? 5000 : 9000);

/** One side of the comparison: its root, and an object kept in hand across steps (as an actor may keep one). */
type Side = { root: Rec; hand: Value };

type Mutation = {
  readonly needs: string;
  readonly describe: string;
  readonly run: (target: never, side: Side) => void;
};

const pick = fc.nat();
const mutation: fc.Arbitrary<{ mutation: Mutation; target: number; take: boolean }> = fc.record({
  target: pick,
  take: fc.boolean(),
  mutation: fc.oneof(
    fc.record({ key: fc.constantFrom(...RECORD_KEYS), v: value(3) }).map(({ key, v }) => ({
      needs: 'record',
      describe: `set ${key}`,
      run: (o: Rec) => {
        o[key] = clone(v);
      },
    })),
    fc.constantFrom(...RECORD_KEYS).map((key) => ({
      needs: 'record',
      describe: `delete ${key}`,
      run: (o: Rec) => {
        delete o[key];
      },
    })),
    fc.tuple(fc.constantFrom(...RECORD_KEYS), fc.constantFrom(...RECORD_KEYS)).map(([from, to]) => ({
      needs: 'record',
      describe: `move ${from} to ${to}`,
      run: (o: Rec) => {
        if (!Object.hasOwn(o, from)) return;
        o[to] = o[from];
        if (from !== to) delete o[from];
      },
    })),
    fc.array(value(2), { maxLength: 3 }).map((vs) => ({
      needs: 'array',
      describe: 'push',
      run: (a: Value[]) => {
        a.push(...vs.map(clone));
      },
    })),
    fc.constantFrom('pop', 'shift', 'reverse', 'sort', 'rotate').map((name) => ({
      needs: 'array',
      describe: name,
      run: (a: Value[]) => {
        if (name === 'pop') a.pop();
        else if (name === 'shift') a.shift();
        else if (name === 'reverse') a.reverse();
        else if (name === 'sort') a.sort((x, y) => rank(x) - rank(y));
        else if (a.length > 0) a.push(a.shift());
      },
    })),
    fc
      .record({ start: fc.integer({ min: -3, max: 4 }), count: fc.nat(3), vs: fc.array(value(2), { maxLength: 2 }) })
      .map(({ start, count, vs }) => ({
        needs: 'array',
        describe: `splice ${start} ${count} +${vs.length}`,
        run: (a: Value[]) => {
          a.splice(start, count, ...vs.map(clone));
        },
      })),
    fc.constant({
      needs: 'array',
      describe: 'move the last element to the root and keep it in hand',
      run: (a: Value[], side: Side) => {
        if (a.length === 0) return;
        side.hand = a[a.length - 1];
        side.root.moved = side.hand;
        a.pop();
      },
    }),
    fc.integer().map((n) => ({
      needs: 'hand',
      describe: `write ${n} through the object in hand`,
      run: (_: unknown, side: Side) => {
        if (kindOf(side.hand) === 'record') (side.hand as Rec).touched = n;
      },
    })),
    fc.array(value(2), { maxLength: 2 }).map((vs) => ({
      needs: 'array',
      describe: 'unshift',
      run: (a: Value[]) => {
        a.unshift(...vs.map(clone));
      },
    })),
    fc.record({ at: fc.nat(), v: value(2) }).map(({ at, v }) => ({
      needs: 'array',
      describe: 'index write',
      run: (a: Value[]) => {
        a[at % (a.length + 1)] = clone(v);
      },
    })),
    pick.map((at) => ({
      needs: 'array',
      describe: 'truncate',
      run: (a: Value[]) => {
        a.length = at % (a.length + 1);
      },
    })),
    fc.record({ key: fc.constantFrom(...MAP_KEYS), v: value(2) }).map(({ key, v }) => ({
      needs: 'map',
      describe: `map set ${key}`,
      run: (m: Map<Value, Value>) => {
        m.set(key, clone(v));
      },
    })),
    fc.constantFrom(...MAP_KEYS).map((key) => ({
      needs: 'map',
      describe: `map delete ${key}`,
      run: (m: Map<Value, Value>) => {
        m.delete(key);
      },
    })),
    fc.constant({
      needs: 'map',
      describe: 'map clear',
      run: (m: Map<Value, Value>) => m.clear(),
    }),
    fc.oneof(fc.integer({ min: 0, max: 4 }), record(2)).map((v) => ({
      needs: 'set',
      describe: 'set add',
      run: (s: Set<Value>) => {
        s.add(clone(v));
      },
    })),
    pick.map((at) => ({
      needs: 'set',
      describe: 'set delete',
      run: (s: Set<Value>) => {
        if (s.size > 0) s.delete([...s][at % s.size]);
      },
    })),
  ) as fc.Arbitrary<Mutation>,
});

type PlanStep = { mutation: Mutation; target: number; take: boolean } | { replaceWith: Rec };

const plan = fc.record({
  initial: record(3),
  steps: fc.array(
    fc.oneof(
      { weight: 12, arbitrary: mutation as fc.Arbitrary<PlanStep> },
      { weight: 1, arbitrary: record(3).map((replaceWith): PlanStep => ({ replaceWith })) },
    ),
    { minLength: 10, maxLength: 40 },
  ),
});

const packr = new Packr(MSGPACK_OPTIONS);

describe('tracked document against a plain model', () => {
  it('snapshot equals the model, changes cover every difference, dirty clears, msgpack keeps the snapshot', () => {
    let applied = 0;
    fc.assert(
      fc.property(plan, ({ initial, steps }) => {
        let model = clone(initial) as Rec;
        const doc = trackDocument(clone(initial) as Rec);
        let atLastTake = clone(model);
        let revision = doc.revision;
        const modelSide: Side = { root: model, hand: undefined };
        const docSide: Side = { root: doc.root, hand: undefined };

        const take = (): void => {
          const differ = differences(atLastTake, model);
          const wasDirty = doc.dirty;
          const changes = doc.takeChanges();
          for (const path of differ) {
            if (!changes.some((change) => coversPath(change, path))) {
              throw new Error(`change at ${JSON.stringify(path)} not covered by ${JSON.stringify(changes)}`);
            }
          }
          if (differ.length > 0) {
            expect(wasDirty).toBe(true);
            expect(doc.revision).toBeGreaterThan(revision);
          }
          expect(doc.dirty).toBe(false);
          const snapshot = doc.snapshot();
          expect(same(snapshot, model)).toBe(true);
          expect(same(packr.unpack(packr.pack(snapshot)), afterMsgpack(model), false)).toBe(true);
          atLastTake = clone(model);
          revision = doc.revision;
        };

        for (const step of steps) {
          if ('replaceWith' in step) {
            model = clone(step.replaceWith) as Rec;
            doc.replace(clone(step.replaceWith) as Rec);
            take();
            continue;
          }
          modelSide.root = model;
          if (step.mutation.needs === 'hand') {
            step.mutation.run(undefined as never, modelSide);
            step.mutation.run(undefined as never, docSide);
          } else {
            const eligible = containers(model).filter((c) => kindOf(c.value) === step.mutation.needs);
            if (eligible.length === 0) continue;
            const { value: target, route } = eligible[step.target % eligible.length]!;
            step.mutation.run(target as never, modelSide);
            step.mutation.run(follow(doc.root, route) as never, docSide);
          }
          applied++;
          if (step.take) take();
        }
        take();
      }),
      { numRuns: 400 },
    );
    // The plans really mutate: most steps find a container of the kind they need.
    expect(applied).toBeGreaterThan(2000);
  });
});
