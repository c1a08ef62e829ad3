// The per-process actor runtime: registers kinds, hands out typed refs, activates actors on their first
// message, routes asks and tells to mailboxes, and stops cleanly. In a cluster, a router (cluster layer) takes
// over delivery for the kinds it routes; messages that arrive from other nodes come in through postLocal.
import { fromErrorData, GameclusterError, toErrorData } from '../errors/index.ts';
import type { TimingWheel } from '../timer/index.ts';
import { Activation, type ActivationHost, Phase } from './activation.ts';
import type { Actor } from './actor.ts';
import type { ClientPushService } from './actor-context.ts';
import type { ActorKind, MethodInfo } from './actor-kind.ts';
import { ActorKind as Kind } from './actor-kind.ts';
import type { ActorClass, ActorRef, ActorRefBase, MessageName, RefDispatch } from './actor-ref.ts';
import type { ActorRouter } from './actor-router.ts';
import {
  type ActorSystemOptions,
  type ResolvedActorSystemOptions,
  resolveActorSystemOptions,
} from './actor-system-options.ts';
import { type ActorTracer, ambientTrace, type TraceContext } from './actor-tracer.ts';
import { CallChainIds } from './call-chain.ts';
import { Dispatcher } from './dispatcher.ts';
import {
  ActorHandlerError,
  ActorSystemStoppedError,
  InvalidKindError,
  UnknownActorKindError,
  UnknownMethodError,
} from './errors.ts';
import { IdleCollector } from './idle-collector.ts';
import type { KindOptions } from './kind-options.ts';
import { AskMessage, argumentsOf, type Message, TellMessage } from './message.ts';
import { decodeEnvelope, decodeResponse, encodeEnvelope, encodeResponse } from './serializer.ts';
import { currentTurnOwner, turnStorage } from './turn-context.ts';

const SystemState = { Running: 0, Stopping: 1, Stopped: 2 } as const;
type SystemState = (typeof SystemState)[keyof typeof SystemState];

export class ActorSystem implements ActivationHost, RefDispatch<MethodInfo> {
  readonly options: ResolvedActorSystemOptions;
  readonly dispatcher: Dispatcher;
  readonly wheel: TimingWheel;
  private readonly kindsByClass = new Map<ActorClass, ActorKind>();
  private readonly kindsByName = new Map<string, ActorKind>();
  private readonly collectors = new Map<ActorKind, IdleCollector>();
  private readonly chains = new CallChainIds();
  private state: SystemState = SystemState.Running;
  private router: ActorRouter | null = null;
  /** How actors reach game clients: installed by the gate layer (null: this node cannot push). */
  clientPush: ClientPushService | null = null;
  /** Distributed tracing, installed by the observability layer before the node starts (null: tracing off). */
  tracer: ActorTracer | null = null;
  private requestIds = 0;
  /** options.forceSerialization, read on every send. */
  private readonly serialize: boolean;
  readonly turnFulfilled = (value: unknown): void => {
    (turnStorage.getStore() as Activation).finishCurrent(value, false, true);
  };
  readonly turnRejected = (error: unknown): void => {
    (turnStorage.getStore() as Activation).finishCurrent(error, true, true);
  };

  constructor(options: ActorSystemOptions = {}) {
    this.options = resolveActorSystemOptions(options);
    this.wheel = this.options.wheel;
    this.serialize = this.options.forceSerialization;
    this.dispatcher = new Dispatcher({ turnBudget: this.options.turnBudget, sliceMs: this.options.sliceMs });
  }

  /** Registers an actor class as a kind; its public methods become its messages. */
  register<A extends Actor>(actorClass: ActorClass<A>, options: KindOptions<MessageName<A>> = {}): ActorKind {
    const kind = new Kind(actorClass as ActorClass, options, this.options.askTimeoutMs, this);
    if (this.kindsByClass.has(kind.actorClass) || this.kindsByName.has(kind.name)) {
      throw new InvalidKindError(`kind ${kind.name} is already registered; register each class once`);
    }
    this.kindsByClass.set(kind.actorClass, kind);
    this.kindsByName.set(kind.name, kind);
    if (this.router?.routes(kind)) kind.router = this.router;
    if (kind.options.idleTimeoutMs > 0) {
      this.collectors.set(kind, new IdleCollector(kind.activations, kind.options.idleTimeoutMs, this.wheel));
    }
    return kind;
  }

  /** A typed reference to actor `id` of a registered kind; the actor activates on its first message. */
  ref<A extends Actor>(actorClass: ActorClass<A>, id: string | number | bigint): ActorRef<A> {
    const kind = this.kindsByClass.get(actorClass as ActorClass);
    if (kind === undefined) {
      throw new UnknownActorKindError(`${actorClass.name} is not registered; call system.register(${actorClass.name})`);
    }
    return new kind.RefClass(
      kind,
      typeof id === 'string' ? id : String(id),
      kind.askTimeoutMs,
    ) as unknown as ActorRef<A>;
  }

  /**
   * Installs the cluster router: from now on it delivers messages of the kinds it routes (already registered ones
   * and later ones). Install it before the first message to such a kind.
   */
  setRouter(router: ActorRouter): void {
    this.router = router;
    for (const kind of this.kindsByName.values()) kind.router = router.routes(kind) ? router : null;
  }

  /** Every registered kind. */
  kinds(): IterableIterator<ActorKind> {
    return this.kindsByName.values();
  }

  /**
   * Posts a message to the local activation of kind/id, activating it if needed: the router's way in, for messages
   * it decided this node serves (its own callers' and those that arrived from other nodes). Returns why not, as
   * Activation.post does.
   */
  postLocal(kind: ActorKind, id: string, message: Message): Error | undefined {
    if (this.state === SystemState.Stopped) return this.stoppedError();
    return this.activationFor(kind, id).post(message);
  }

  /** The local activation of kind/id, if there is one. */
  localActivation(kind: ActorKind, id: string): Activation | undefined {
    return kind.activations.get(id);
  }

  /** The registered kind of this name, for envelopes arriving from elsewhere. */
  kind(name: string): ActorKind | undefined {
    return this.kindsByName.get(name);
  }

  /** Local activations, in total or of one kind. */
  activationCount(kind?: ActorClass): number {
    if (kind !== undefined) return this.kindsByClass.get(kind)?.activations.size ?? 0;
    let total = 0;
    for (const k of this.kindsByName.values()) total += k.activations.size;
    return total;
  }

  // ---- RefDispatch: the paths refs call ----

  ask(
    ref: ActorRefBase<MethodInfo>,
    method: MethodInfo,
    args: readonly unknown[] | null,
    arg: unknown,
  ): Promise<unknown> {
    const sender = currentTurnOwner() as Activation | undefined;
    if (this.state !== SystemState.Running && (sender === undefined || this.state === SystemState.Stopped)) {
      return Promise.reject(this.stoppedError());
    }
    const chain = sender === undefined ? 0 : sender.currentChain();
    const timeoutMs = ref.timeoutMs;
    let message: AskMessage;
    let answer: Promise<unknown>;
    if (this.serialize) {
      try {
        message = this.askThroughSerializer(ref, method, argumentsOf({ args, arg }), chain, sender);
      } catch (error) {
        return Promise.reject(error);
      }
      answer = answerThroughSerializer(message, this.requestIds);
    } else {
      message = new AskMessage(method, args, arg, chain, sender);
      answer = new Promise<unknown>((resolve, reject) => {
        message.resolve = resolve;
        message.reject = reject;
      });
    }
    const tracer = this.tracer;
    if (tracer !== null) message.trace = this.outgoingTrace(tracer, sender);
    this.wheel.scheduleCoarse(message, timeoutMs);
    const kind = ref.actorKind as ActorKind;
    if (kind.router !== null) {
      kind.router.route(kind, ref.id, message);
      return answer;
    }
    const refused = this.activationOf(ref).post(message);
    if (refused !== undefined) message.fail(refused);
    return answer;
  }

  tell(ref: ActorRefBase<MethodInfo>, method: MethodInfo, args: readonly unknown[] | null, arg: unknown): void {
    const sender = currentTurnOwner() as Activation | undefined;
    if (this.state !== SystemState.Running && (sender === undefined || this.state === SystemState.Stopped)) {
      throw this.stoppedError();
    }
    const chain = sender === undefined ? 0 : sender.currentChain();
    const message = this.serialize
      ? this.tellSerialized(ref, method, argumentsOf({ args, arg }), chain)
      : new TellMessage(method, args, arg, chain);
    const tracer = this.tracer;
    if (tracer !== null) message.trace = this.outgoingTrace(tracer, sender);
    const kind = ref.actorKind as ActorKind;
    if (kind.router !== null) {
      kind.router.route(kind, ref.id, message);
      return;
    }
    const refused = this.activationOf(ref).postTell(message);
    if (refused !== undefined) throw refused;
  }

  // The remote path in miniature for a tell: the envelope crosses the serializer.
  private tellSerialized(ref: ActorRefBase<MethodInfo>, method: MethodInfo, args: unknown[], chain: number) {
    const kind = ref.actorKind as ActorKind;
    const decoded = decodeEnvelope(encodeEnvelope(this.envelope(kind, ref.id, method, args, 0, 0, chain)));
    return new TellMessage(this.methodOf(kind, decoded.method), decoded.args, undefined, chain);
  }

  /** The trace context a message sent now carries (tracing on): the sending turn's, else the ambient one. */
  private outgoingTrace(tracer: ActorTracer, sender: Activation | undefined): TraceContext | null {
    const trace = sender === undefined ? ambientTrace() : sender.turnTrace;
    // Forced serialization: the context crosses as its traceparent, as it does in the envelope between nodes.
    if (trace === null || !this.serialize) return trace;
    return tracer.fromTraceparent(tracer.toTraceparent(trace));
  }

  // ---- ActivationHost ----

  nextChain(): number {
    return this.chains.next();
  }

  handlerError(activation: Activation, message: Message, error: unknown): Error {
    if (error instanceof GameclusterError) return error;
    const text = error instanceof Error ? error.message : String(error);
    return new ActorHandlerError(`${activation.kind}.${message.method.name} on ${activation.id} failed: ${text}`, {
      cause: error,
      details: { name: error instanceof Error ? error.name : typeof error },
    });
  }

  reportError(_activation: Activation, what: string, error: unknown): void {
    this.options.onError(error, what);
  }

  deactivated(activation: Activation, leftover: Message[]): void {
    const kind = activation.actorKind;
    if (kind.activations.get(activation.id) === activation) {
      kind.activations.delete(activation.id);
      kind.stats.deactivations++;
      kind.slots[activation.slot] = undefined;
      kind.freeSlots.push(activation.slot);
    }
    const router = kind.router;
    if (router !== null) router.released(activation);
    if (leftover.length === 0) return;
    if (this.state === SystemState.Stopped) {
      for (const message of leftover) if (message instanceof AskMessage) message.fail(this.stoppedError());
      return;
    }
    if (router !== null) {
      // Routed again: the actor may live elsewhere now (this node lost the claim, or its lease).
      for (const message of leftover) {
        if (message instanceof AskMessage && message.settled) continue;
        try {
          router.route(kind, activation.id, message);
        } catch (error) {
          this.options.onError(error, `${activation.kind}.${message.method.name} on ${activation.id}`);
        }
      }
      return;
    }
    // Messages that raced with deactivation are never lost: they activate the actor again, in their order.
    const next = this.activationFor(activation.actorKind, activation.id);
    for (const message of leftover) {
      if (message instanceof AskMessage && message.settled) continue;
      const refused = next.post(message);
      if (refused === undefined) continue;
      if (message instanceof AskMessage) message.fail(refused);
      else this.options.onError(refused, `${activation.kind}.${message.method.name} on ${activation.id}`);
    }
  }

  /**
   * Stops taking messages from outside actors, lets running and queued work finish, deactivates every actor
   * (onDeactivate: flush) and fails whatever is left, within `stopTimeoutMs`.
   */
  async stop(): Promise<void> {
    if (this.state !== SystemState.Running) return;
    this.state = SystemState.Stopping;
    const deadline = performance.now() + this.options.stopTimeoutMs;
    while (this.busyActivations() > 0 && performance.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const all: Promise<void>[] = [];
    for (const kind of this.kindsByName.values()) {
      for (const activation of kind.activations.values()) all.push(activation.deactivateAndWait());
    }
    let timer: NodeJS.Timeout | undefined;
    const remaining = Math.max(0, deadline - performance.now());
    await Promise.race([
      Promise.all(all),
      new Promise((resolve) => {
        timer = setTimeout(resolve, remaining);
      }),
    ]);
    clearTimeout(timer);
    this.state = SystemState.Stopped;
    for (const collector of this.collectors.values()) collector.stop();
    for (const kind of this.kindsByName.values()) {
      kind.activations.clear();
      kind.slots.length = 0;
      kind.freeSlots.length = 0;
    }
  }

  // ---- internals ----

  /** The ref's activation: its remembered slot if that still holds this id, else by id (activating it). */
  private activationOf(ref: ActorRefBase<MethodInfo>): Activation {
    const kind = ref.actorKind as ActorKind;
    const hinted = kind.slots[ref.slot];
    if (hinted !== undefined && hinted.id === ref.id) return hinted;
    const activation = this.activationFor(kind, ref.id);
    ref.slot = activation.slot;
    return activation;
  }

  private activationFor(kind: ActorKind, id: string): Activation {
    const existing = kind.activations.get(id);
    if (existing !== undefined) return existing;
    const activation = new Activation(this, kind, id);
    kind.activations.set(id, activation);
    kind.stats.activations++;
    const free = kind.freeSlots.pop();
    activation.slot = free ?? kind.slots.length;
    kind.slots[activation.slot] = activation;
    this.collectors.get(kind)?.ensureRunning();
    this.dispatcher.schedule(activation);
    return activation;
  }

  private busyActivations(): number {
    let busy = 0;
    for (const kind of this.kindsByName.values()) {
      for (const activation of kind.activations.values()) {
        if (activation.running > 0 || activation.queued > 0 || activation.phase === Phase.Activating) busy++;
      }
    }
    return busy;
  }

  private stoppedError(): ActorSystemStoppedError {
    return new ActorSystemStoppedError('the actor system is stopping or stopped; it takes no new messages');
  }

  private methodOf(kind: ActorKind, name: string): MethodInfo {
    const method = kind.methods.get(name);
    if (method === undefined) throw new UnknownMethodError(`${kind.name} has no message ${name}`);
    return method;
  }

  private envelope(
    kind: ActorKind,
    id: string,
    method: MethodInfo,
    args: unknown[],
    requestId: number,
    timeoutMs: number,
    chain: number,
  ) {
    return { kind: kind.name, id, method: method.name, args, requestId, timeoutMs, chain, trace: '' };
  }

  // The remote path in miniature for an ask: the envelope crosses the serializer (the answer too, see below).
  private askThroughSerializer(
    ref: ActorRefBase<MethodInfo>,
    method: MethodInfo,
    args: unknown[],
    chain: number,
    sender: Activation | undefined,
  ): AskMessage {
    const kind = ref.actorKind as ActorKind;
    const requestId = ++this.requestIds;
    const envelope = this.envelope(kind, ref.id, method, args, requestId, ref.timeoutMs, chain);
    const decoded = decodeEnvelope(encodeEnvelope(envelope));
    const target = this.kindsByName.get(decoded.kind);
    if (target === undefined) throw new UnknownActorKindError(`no kind ${decoded.kind} is registered here`);
    return new AskMessage(this.methodOf(target, decoded.method), decoded.args, undefined, decoded.chain, sender);
  }
}

/** The caller's side of a serialized ask: the result or the error (as data) crosses the serializer back. */
function answerThroughSerializer(message: AskMessage, requestId: number): Promise<unknown> {
  return new Promise<unknown>((resolve, reject) => {
    message.resolve = (value) => {
      try {
        resolve(decodeResponse(encodeResponse({ requestId, ok: true, value })).value);
      } catch (error) {
        reject(error);
      }
    };
    message.reject = (error) => {
      const response = decodeResponse(encodeResponse({ requestId, ok: false, error: toErrorData(error) }));
      reject(fromErrorData(response.error!));
    };
  });
}
