// Typed references: `ref.buy('sword')` asks, `ref.tell.grant(10)` tells. A ref class is generated once per kind
// with one plain method per message (no Proxy trap per call), so call sites stay monomorphic.
import type { Actor, FRAMEWORK_MEMBERS } from './actor.ts';
import { NO_ARGS } from './message.ts';

/** A concrete actor class with a no-argument constructor. */
export type ActorClass<A extends Actor = Actor> = new () => A;

type AnyFunction = (...args: never[]) => unknown;

/** The message names of actor type A: its public methods, minus Actor's own members and `_`-prefixed helpers. */
/** Methods a framework base (e.g. PersistentActor) declares as its own, not messages. */
type FrameworkMemberNames<A> = A extends { readonly [FRAMEWORK_MEMBERS]?: infer N } ? N : never;

export type MessageName<A> = {
  [K in keyof A]-?: K extends keyof Actor | `_${string}` | FrameworkMemberNames<A>
    ? never
    : A[K] extends AnyFunction
      ? K
      : never;
}[keyof A] &
  string;

/** Ask side: each message returns a Promise of the handler's (awaited) result. */
export type AskMethods<A> = {
  readonly [K in MessageName<A>]: A[K] extends (...args: infer P) => infer R
    ? (...args: P) => Promise<Awaited<R>>
    : never;
};

/** Tell side: each message is one-way and returns nothing. */
export type TellMethods<A> = {
  readonly [K in MessageName<A>]: A[K] extends (...args: infer P) => unknown ? (...args: P) => void : never;
};

export type ActorRef<A> = AskMethods<A> & {
  /** One-way sends: no response, no deadline, errors reported on the target's side. */
  readonly tell: TellMethods<A>;
  /** Registered kind name. */
  readonly kind: string;
  readonly id: string;
  /** The same ref with another ask deadline. */
  withTimeout(timeoutMs: number): ActorRef<A>;
};

/** Member names a message may not take, because refs use them. */
export const REF_RESERVED_NAMES: ReadonlySet<string> = new Set(['tell', 'kind', 'id', 'withTimeout', 'constructor']);

/** How refs hand calls to the runtime; implemented by the ActorSystem. */
export interface RefDispatch<M> {
  /** `args` is null when the call has exactly one argument, passed as `arg` (no array allocated). */
  ask(ref: ActorRefBase<M>, method: M, args: readonly unknown[] | null, arg: unknown): Promise<unknown>;
  tell(ref: ActorRefBase<M>, method: M, args: readonly unknown[] | null, arg: unknown): void;
}

/** What a ref needs to know of its kind. */
export interface RefKind<M> {
  readonly name: string;
  readonly dispatch: RefDispatch<M>;
  readonly askTimeoutMs: number;
  readonly RefClass: RefConstructor<M>;
}

export type RefConstructor<M> = new (kind: RefKind<M>, id: string, timeoutMs: number) => ActorRefBase<M>;

export class ActorRefBase<M> {
  readonly actorKind: RefKind<M>;
  readonly id: string;
  readonly timeoutMs: number;
  tellView: TellBase<M> | undefined;
  /**
   * Where this ref last found its activation in the kind's slot table: a hint the runtime checks (slot entry
   * with this id) before falling back to the by-id map. A number, so a held ref never keeps a deactivated
   * actor's state alive.
   */
  slot: number;

  constructor(kind: RefKind<M>, id: string, timeoutMs: number) {
    this.actorKind = kind;
    this.id = id;
    this.timeoutMs = timeoutMs;
    this.tellView = undefined;
    this.slot = 0;
  }

  get kind(): string {
    return this.actorKind.name;
  }

  withTimeout(timeoutMs: number): ActorRefBase<M> {
    return new this.actorKind.RefClass(this.actorKind, this.id, timeoutMs);
  }

  toString(): string {
    return `${this.actorKind.name}/${this.id}`;
  }

  toJSON(): { kind: string; id: string } {
    return { kind: this.actorKind.name, id: this.id };
  }
}

export class TellBase<M> {
  readonly ref: ActorRefBase<M>;
  constructor(ref: ActorRefBase<M>) {
    this.ref = ref;
  }
}

/** Builds the ref and tell classes of one kind: one generated method per message. */
export function buildRefClasses<M>(methods: ReadonlyMap<string, M>): {
  RefClass: RefConstructor<M>;
  TellClass: new (ref: ActorRefBase<M>) => TellBase<M>;
} {
  class KindTell extends TellBase<M> {}
  class KindRef extends ActorRefBase<M> {
    get tell(): TellBase<M> {
      if (this.tellView === undefined) this.tellView = new KindTell(this);
      return this.tellView;
    }
  }
  for (const [name, method] of methods) {
    // `arguments` rather than a rest parameter: a one-argument call (the common case) then allocates no array.
    // Only `arguments.length` and `arguments[i]` are used, so V8 never materialises the arguments object.
    Object.defineProperty(KindRef.prototype, name, {
      value: function ask(this: ActorRefBase<M>, arg?: unknown): Promise<unknown> {
        // biome-ignore lint/complexity/noArguments: see above
        const count = arguments.length;
        if (count === 1) return this.actorKind.dispatch.ask(this, method, null, arg);
        const args = count === 0 ? NO_ARGS : new Array<unknown>(count);
        // biome-ignore lint/complexity/noArguments: see above
        for (let i = 0; i < count; i++) (args as unknown[])[i] = arguments[i];
        return this.actorKind.dispatch.ask(this, method, args, undefined);
      },
      writable: false,
      enumerable: false,
      configurable: false,
    });
    Object.defineProperty(KindTell.prototype, name, {
      value: function tell(this: TellBase<M>, arg?: unknown): void {
        const ref = this.ref;
        // biome-ignore lint/complexity/noArguments: see above
        const count = arguments.length;
        if (count === 1) {
          ref.actorKind.dispatch.tell(ref, method, null, arg);
          return;
        }
        const args = count === 0 ? NO_ARGS : new Array<unknown>(count);
        // biome-ignore lint/complexity/noArguments: see above
        for (let i = 0; i < count; i++) (args as unknown[])[i] = arguments[i];
        ref.actorKind.dispatch.tell(ref, method, args, undefined);
      },
      writable: false,
      enumerable: false,
      configurable: false,
    });
  }
  return { RefClass: KindRef, TellClass: KindTell };
}
