// A registered kind: its class, resolved options, message table and generated ref classes, plus the local
// activations of it. Built once by ActorSystem.register.

import type { Activation } from './activation.ts';
import { ACTOR_BASE_MEMBERS, Actor, FRAMEWORK_BASE } from './actor.ts';
import {
  type ActorClass,
  buildRefClasses,
  REF_RESERVED_NAMES,
  type RefConstructor,
  type RefDispatch,
  type RefKind,
} from './actor-ref.ts';
import type { ActorRouter } from './actor-router.ts';
import { InvalidKindError } from './errors.ts';
import { type KindOptions, type ResolvedKindOptions, resolveKindOptions } from './kind-options.ts';
import { KindStats } from './kind-stats.ts';

export type MessageFunction = (this: Actor, ...args: unknown[]) => unknown;

/** One message of a kind. */
export interface MethodInfo {
  readonly name: string;
  /** `<Kind>.<method>`: the name of a traced turn's span, made once here rather than per span. */
  readonly spanName: string;
  readonly fn: MessageFunction;
  /** On the kind's client allow-list. */
  readonly clientCallable: boolean;
  /** Declared `async`: its turns run inside the activation's context frame so awaits keep the call chain. */
  readonly isAsync: boolean;
  /** The kind's counters (an ask that times out counts there); null for a timer's callback. */
  readonly kindStats: KindStats | null;
}

const AsyncFunction = (async () => {}).constructor;

/** True for functions declared `async`. */
export function isAsyncFunction(fn: unknown): boolean {
  return fn instanceof AsyncFunction;
}

export class ActorKind implements RefKind<MethodInfo> {
  readonly name: string;
  readonly actorClass: ActorClass;
  readonly options: ResolvedKindOptions;
  readonly methods: ReadonlyMap<string, MethodInfo>;
  readonly askTimeoutMs: number;
  readonly dispatch: RefDispatch<MethodInfo>;
  readonly RefClass: RefConstructor<MethodInfo>;
  /** Live local activations by id. */
  readonly activations = new Map<string, Activation>();
  /**
   * The same activations by slot (Activation.slot), kept in step with `activations` by the ActorSystem: refs
   * remember their actor's slot, and an array read beats hashing the id on every send.
   */
  readonly slots: (Activation | undefined)[] = [];
  readonly freeSlots: number[] = [];
  /** The cluster router when it routes this kind (set by ActorSystem.setRouter); null = purely local. */
  router: ActorRouter | null = null;
  /** What the runtime counts for this kind on this node (the node's metrics read it). */
  readonly stats = new KindStats();

  constructor(
    actorClass: ActorClass,
    options: KindOptions,
    systemAskTimeoutMs: number,
    dispatch: RefDispatch<MethodInfo>,
  ) {
    if (typeof actorClass !== 'function' || !(actorClass.prototype instanceof Actor)) {
      throw new InvalidKindError('register() takes a class that extends Actor');
    }
    const functions = messageFunctions(actorClass);
    this.options = resolveKindOptions(actorClass.name, options, systemAskTimeoutMs, new Set(functions.keys()));
    this.name = this.options.name;
    this.actorClass = actorClass;
    this.askTimeoutMs = this.options.askTimeoutMs;
    this.dispatch = dispatch;
    const methods = new Map<string, MethodInfo>();
    for (const [name, fn] of functions) {
      methods.set(name, {
        name,
        spanName: `${this.name}.${name}`,
        fn,
        clientCallable: this.options.clientMethods.has(name),
        isAsync: isAsyncFunction(fn),
        kindStats: this.stats,
      });
    }
    this.methods = methods;
    this.RefClass = buildRefClasses(methods).RefClass;
  }
}

/**
 * The message functions of a class: own and inherited methods below Actor (or below a framework base such as
 * PersistentActor), except accessors and `_helpers`.
 */
function messageFunctions(actorClass: ActorClass): Map<string, MessageFunction> {
  const found = new Map<string, MessageFunction>();
  for (
    let proto = actorClass.prototype;
    proto !== Actor.prototype && proto !== null && !Object.hasOwn(proto, FRAMEWORK_BASE);
    proto = Object.getPrototypeOf(proto)
  ) {
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === 'constructor' || name.startsWith('_') || found.has(name) || ACTOR_BASE_MEMBERS.has(name)) continue;
      const descriptor = Object.getOwnPropertyDescriptor(proto, name);
      if (descriptor === undefined || typeof descriptor.value !== 'function') continue;
      if (REF_RESERVED_NAMES.has(name)) {
        throw new InvalidKindError(
          `${actorClass.name}.${name}: '${name}' is reserved by actor refs (${[...REF_RESERVED_NAMES].join(', ')}); rename the method`,
        );
      }
      found.set(name, descriptor.value as MessageFunction);
    }
  }
  return found;
}
