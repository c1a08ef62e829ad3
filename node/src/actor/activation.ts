// One live instance of a virtual actor: its mailbox, its turns (one at a time, plus admitted reentrant calls of
// the chain it is serving) and its lifecycle (activating -> active -> deactivating -> deactivated).
// It is also the actor's `ctx`, so an activation costs the actor object, this object and its mailbox.
import { AsyncResource } from 'node:async_hooks';
import { GameclusterError } from '../errors/index.ts';
import type { TimingWheel } from '../timer/index.ts';
import type { Actor } from './actor.ts';
import type { ActorContext, ActorTimer, ActorTimerOptions, ClientPush } from './actor-context.ts';
import { type ActorKind, isAsyncFunction } from './actor-kind.ts';
import type { ActorClass, ActorRef } from './actor-ref.ts';
import type { ActorSystem } from './actor-system.ts';
import { ActorTimerEntry } from './actor-timer.ts';
import type { ActorTracer, TraceContext } from './actor-tracer.ts';
import type { Dispatcher, Runnable } from './dispatcher.ts';
import { ActivationFailedError, DeadlockError, MailboxFullError, NoGateError } from './errors.ts';
import { Mailbox } from './mailbox.ts';
import { AskMessage, type Message, type MessageParty, type TellMessage } from './message.ts';
import { enterSyncTurn, noteTurnFrame, turnStorage } from './turn-context.ts';
import { waitPath, waitsFor } from './wait-for-graph.ts';

/** What an activation needs from its ActorSystem. */
export interface ActivationHost {
  readonly dispatcher: Dispatcher;
  readonly wheel: TimingWheel;
  nextChain(): number;
  ref<A extends Actor>(kind: ActorClass<A>, id: string | number | bigint): ActorRef<A>;
  /** Turns what a handler threw into the error its caller receives. */
  handlerError(activation: Activation, message: Message, error: unknown): Error;
  /** A tell's handler failed: nobody waits for it, so the system reports it. */
  reportError(activation: Activation, what: string, error: unknown): void;
  /** The activation is gone; messages that arrived while it deactivated go to a new one. */
  deactivated(activation: Activation, leftover: Message[]): void;
  /**
   * Shared continuations of async turns: they find their activation through the turn context, so an async
   * turn allocates no closures (see Activation.runTurn).
   */
  readonly turnFulfilled: (value: unknown) => void;
  readonly turnRejected: (error: unknown) => void;
  /** Distributed tracing; null when off (then only messages that carry a trace cost more than a field check). */
  readonly tracer: ActorTracer | null;
}

export const Phase = { Activating: 0, Active: 1, Deactivating: 2, Deactivated: 3 } as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

export class Activation implements ActorContext, Runnable, MessageParty {
  readonly host: ActivationHost;
  readonly actorKind: ActorKind;
  readonly id: string;
  readonly actor: Actor;
  epoch: number;
  /** Index in the kind's slot table while this is the kind's activation for `id`; set by the ActorSystem. */
  slot: number;
  phase: Phase;
  scheduled: boolean;
  /** Turns running now: 0 idle, 1 a turn, more with admitted reentrant calls. */
  running: number;
  chain: number;
  /** Collector sweeps this activation has stayed idle through; reset by every message. */
  idleSweeps: number;
  waitingOn: MessageParty[] | null;
  /** The span of the running traced turn (or of the activation while it activates): what its sends carry. */
  turnTrace: TraceContext | null;
  /** The queued (non-reentrant) message whose async turn is running. */
  private current: Message | null;
  private readonly mailbox: Mailbox<Message>;
  private reentrant: Message[] | null;
  private timers: Set<ActorTimerEntry> | null;
  private deactivateRequested: boolean;
  private whenDeactivated: (() => void)[] | null;
  /** This activation's context frame, made on its first async turn (sync-only actors never pay for it). */
  private scope: AsyncResource | null;

  constructor(host: ActivationHost, kind: ActorKind, id: string) {
    this.host = host;
    this.actorKind = kind;
    this.id = id;
    this.epoch = 0;
    this.slot = 0;
    this.phase = Phase.Activating;
    this.scheduled = false;
    this.running = 0;
    this.chain = 0;
    this.idleSweeps = 0;
    this.waitingOn = null;
    this.turnTrace = null;
    this.current = null;
    this.mailbox = new Mailbox();
    this.reentrant = null;
    this.timers = null;
    this.deactivateRequested = false;
    this.whenDeactivated = null;
    this.scope = null;
    const actor = new kind.actorClass();
    (actor as { ctx: ActorContext }).ctx = this;
    this.actor = actor;
  }

  get kind(): string {
    return this.actorKind.name;
  }

  get system(): ActorSystem {
    return this.host as ActorSystem;
  }

  get queued(): number {
    return this.mailbox.length + (this.reentrant?.length ?? 0);
  }

  // ---- ActorContext ----

  ref<A extends Actor>(kind: ActorClass<A>, id: string | number | bigint): ActorRef<A> {
    return this.host.ref(kind, id);
  }

  self<A extends Actor>(kind: ActorClass<A>): ActorRef<A> {
    return this.host.ref(kind, this.id);
  }

  client(playerId: string): ClientPush {
    return this.clients([playerId]);
  }

  clients(playerIds: readonly string[]): ClientPush {
    const service = this.system.clientPush;
    return {
      push: (event: string, data?: unknown) => {
        if (service === null) {
          throw new NoGateError(
            'this node has no gate service: pushes need the gate layer installed on the node (GameNode installs it)',
          );
        }
        service.push(playerIds, event, data);
      },
    };
  }

  setTimer(delayMs: number, callback: () => unknown, options?: ActorTimerOptions): ActorTimer {
    const timer = new ActorTimerEntry(this, this.host.wheel, callback, delayMs, options?.repeatMs ?? 0);
    if (this.timers === null) this.timers = new Set();
    this.timers.add(timer);
    return timer;
  }

  /** Called by an ActorTimerEntry when it is cancelled or done. */
  forgetTimer(timer: ActorTimerEntry): void {
    this.timers?.delete(timer);
  }

  deactivate(): void {
    this.deactivateRequested = true;
    // Between turns the dispatcher's next visit deactivates (inside this actor's turn context).
    if (this.running === 0 && this.phase === Phase.Active) this.host.dispatcher.schedule(this);
  }

  currentChain(): number {
    if (this.chain === 0 && this.running > 0) this.chain = this.host.nextChain();
    return this.chain;
  }

  // ---- receiving ----

  /** Accepts a message, or returns why not (the caller rejects the ask or throws for a tell). */
  post(message: Message): Error | undefined {
    return message instanceof AskMessage ? this.postAsk(message) : this.postTell(message);
  }

  /** post() for a tell, the hot path: no sender, so no wait edge and no deadlock check. */
  postTell(message: TellMessage): Error | undefined {
    if (message.chain !== 0 && this.running > 0 && message.chain === this.chain && this.phase === Phase.Active) {
      this.admitReentrant(message);
      return undefined;
    }
    const mailbox = this.mailbox;
    if (mailbox.length >= this.actorKind.options.mailboxCapacity) return this.mailboxFull();
    mailbox.push(message);
    if (this.running === 0 && !this.scheduled && this.phase !== Phase.Deactivated) this.host.dispatcher.schedule(this);
    return undefined;
  }

  private postAsk(ask: AskMessage): Error | undefined {
    const sender = ask.sender;
    if (ask.chain !== 0 && this.running > 0 && ask.chain === this.chain && this.phase === Phase.Active) {
      ask.takenBy(this);
      this.admitReentrant(ask);
      return undefined;
    }
    if (this.mailbox.length >= this.actorKind.options.mailboxCapacity) return this.mailboxFull();
    if (sender !== undefined && this.running > 0 && waitsFor(this, sender)) {
      const path = waitPath<MessageParty>(this, sender).map((p) => `${p.kind}/${p.id}`);
      this.actorKind.stats.deadlocks++;
      return new DeadlockError(
        `${sender.kind}/${sender.id} asked ${this.kind}/${this.id}.${ask.method.name}, but ${path.join(' -> ')} ` +
          `already waits for it on another call chain; neither can proceed. Use tell for one of the calls, or make ` +
          'the calls part of one chain',
        { details: { cycle: [`${sender.kind}/${sender.id}`, ...path] } },
      );
    }
    ask.takenBy(this);
    this.mailbox.push(ask);
    if (this.running === 0 && this.phase !== Phase.Deactivated) this.host.dispatcher.schedule(this);
    return undefined;
  }

  // Call-chain reentrancy: this chain is already inside the actor (A -> B -> A); queueing would deadlock.
  private admitReentrant(message: Message): void {
    if (this.reentrant === null) this.reentrant = [message];
    else this.reentrant.push(message);
    this.host.dispatcher.schedule(this);
  }

  private mailboxFull(): MailboxFullError {
    return new MailboxFullError(
      `mailbox of ${this.kind}/${this.id} is full (${this.actorKind.options.mailboxCapacity} messages); ` +
        'the actor cannot keep up: slow down the sender or raise mailboxCapacity for the kind',
    );
  }

  /** Queues a timer's firing as a message of its own (never concurrent with a handler). */
  postTimer(message: Message): boolean {
    if (this.phase !== Phase.Active) return false;
    const refused = this.post(message);
    if (refused === undefined) return true;
    this.host.reportError(this, `timer of ${this.kind}/${this.id}`, refused);
    return false;
  }

  // ---- running ----

  runVisit(budget: number): void {
    if (this.phase === Phase.Activating) {
      if (this.running === 0) this.beginActivation();
      return;
    }
    const reentrant = this.reentrant;
    if (reentrant !== null) {
      this.reentrant = null;
      for (const message of reentrant) this.runReentrantTurn(message);
    }
    this.runQueued(budget, false);
  }

  /** `inFrame`: already running inside this activation's context frame (a continuation of its async turn). */
  private runQueued(budget: number, inFrame: boolean): void {
    const dispatcher = this.host.dispatcher;
    const mailbox = this.mailbox;
    if (mailbox.length > 0) this.idleSweeps = 0;
    // Synchronous handlers find their activation here; set once for the whole run of turns, not per message.
    const previous = enterSyncTurn(this);
    // A node that lost its lease stops serving at once: the next visit deactivates instead of running turns.
    const router = this.actorKind.router;
    if (router !== null && this.phase === Phase.Active && !router.canServe(this.actorKind)) {
      this.deactivateRequested = true;
    }
    while (this.running === 0) {
      if (this.phase !== Phase.Active || this.deactivateRequested) {
        if (this.deactivateRequested && this.phase === Phase.Active) this.beginDeactivation();
        break;
      }
      if (mailbox.length === 0) break;
      if (budget-- <= 0 || !dispatcher.admit()) {
        dispatcher.schedule(this);
        break;
      }
      const message = mailbox.shift()!;
      if (!(message instanceof AskMessage && message.settled)) this.runTurn(message, inFrame);
    }
    enterSyncTurn(previous);
  }

  /** Runs one queued message; called by runQueued, which has published this activation as the turn's owner. */
  private runTurn(message: Message, inFrame: boolean): void {
    this.running++;
    // One turn in TURN_SAMPLE_EVERY is timed for the kind's duration histogram (endTurn stops the clock).
    const stats = this.actorKind.stats;
    if (--stats.untilSample <= 0) stats.sampleTurn(message);
    if (message.chain !== 0) this.chain = message.chain;
    if (message.trace !== null) this.beginTracedTurn(message);
    if (message.method.isAsync) {
      if (inFrame) this.startAsyncTurn(message);
      else this.turnScope().runInAsyncScope(this.startAsyncTurn, this, message);
      return;
    }
    let result: unknown;
    try {
      result = invoke(this.actor, message);
    } catch (error) {
      this.endTurn(message, error, true);
      return;
    }
    if (isThenable(result)) {
      // A plain method that returned a promise: still one turn until it settles.
      this.current = message;
      result.then(
        (value) => this.finishCurrent(value, false, false),
        (error: unknown) => this.finishCurrent(error, true, false),
      );
      return;
    }
    this.endTurn(message, result, false);
  }

  // Runs inside this activation's frame: awaits in the handler keep it, and so do the continuations below,
  // which are shared by all activations and find this one again through the turn context (no closures).
  private startAsyncTurn(message: Message): void {
    let result: unknown;
    try {
      result = invoke(this.actor, message);
    } catch (error) {
      this.endTurn(message, error, true);
      return;
    }
    if (isThenable(result)) {
      this.current = message;
      result.then(this.host.turnFulfilled, this.host.turnRejected);
      return;
    }
    this.endTurn(message, result, false);
  }

  /** Continuation of the current async turn; `inFrame` when it runs in this activation's context frame. */
  finishCurrent(outcome: unknown, failed: boolean, inFrame: boolean): void {
    const message = this.current!;
    this.current = null;
    this.endTurn(message, outcome, failed);
    if (this.running === 0) this.afterTurn(inFrame);
  }

  /** Runs a lifecycle hook in this actor's turn context, the way runTurn runs a message. */
  private runHook(hook: () => unknown): unknown {
    if (isAsyncFunction(hook)) return this.turnScope().runInAsyncScope(hook, this.actor);
    const previous = enterSyncTurn(this);
    try {
      return hook.call(this.actor);
    } finally {
      enterSyncTurn(previous);
    }
  }

  private turnScope(): AsyncResource {
    if (this.scope === null) {
      noteTurnFrame();
      this.scope = turnStorage.run(this, () => new AsyncResource('gamecluster.turn', { requireManualDestroy: true }));
    }
    return this.scope;
  }

  // Admitted reentrant calls run beside the suspended turn, so each keeps its own continuation.
  private runReentrantTurn(message: Message): void {
    this.running++;
    if (message.trace !== null) this.beginTracedTurn(message);
    this.turnScope().runInAsyncScope(this.startReentrantTurn, this, message);
  }

  private startReentrantTurn(message: Message): void {
    let result: unknown;
    try {
      result = invoke(this.actor, message);
    } catch (error) {
      this.endTurn(message, error, true);
      return;
    }
    if (!isThenable(result)) {
      this.endTurn(message, result, false);
      return;
    }
    result.then(
      (value) => {
        this.endTurn(message, value, false);
        if (this.running === 0) this.afterTurn(true);
      },
      (error: unknown) => {
        this.endTurn(message, error, true);
        if (this.running === 0) this.afterTurn(true);
      },
    );
  }

  private endTurn(message: Message, outcome: unknown, failed: boolean): void {
    const stats = this.actorKind.stats;
    if (stats.sampled === message) stats.endSample();
    this.running--;
    if (this.running === 0) this.chain = 0;
    if (!(message instanceof AskMessage)) {
      if (failed) this.host.reportError(this, `${this.kind}.${message.method.name} on ${this.id}`, outcome);
    } else if (failed) {
      message.fail(this.host.handlerError(this, message, outcome));
    } else {
      message.settle(outcome);
    }
    if (message.trace !== null) this.endTracedTurn(message, outcome, failed);
  }

  /** A traced message's turn begins: its span, a child of the sender's, is what the turn's own sends carry. */
  private beginTracedTurn(message: Message): void {
    const tracer = this.host.tracer;
    const span =
      tracer === null
        ? null
        : tracer.startTurn(message.trace!, message.method.spanName, this.id, message instanceof AskMessage);
    message.trace = span;
    // An admitted reentrant call leaves the suspended turn's trace in place: both are one call chain.
    if (this.turnTrace === null) this.turnTrace = span;
  }

  private endTracedTurn(message: Message, outcome: unknown, failed: boolean): void {
    const span = message.trace!;
    if (this.turnTrace === span) this.turnTrace = null;
    this.host.tracer?.endSpan(span, failed, outcome);
  }

  /** After an async turn: go on with the queue while the budget lasts, else wait for the dispatcher. */
  private afterTurn(inFrame: boolean): void {
    if (this.reentrant !== null || this.mailbox.length > 0 || this.deactivateRequested) {
      if (this.scheduled) return;
      if (this.reentrant !== null) this.host.dispatcher.schedule(this);
      else this.runQueued(this.host.dispatcher.turnBudget, inFrame);
    }
  }

  // ---- lifecycle ----

  private beginActivation(): void {
    const tracer = this.host.tracer;
    if (tracer !== null) {
      // The claim, the load and onActivate, in the trace of the message that caused them (its own trace if none).
      this.turnTrace = tracer.startSpan(`activate ${this.kind}`, this.mailbox.peek()?.trace ?? null, {
        'gamecluster.actor.kind': this.kind,
        'gamecluster.actor.id': this.id,
      });
    }
    const router = this.actorKind.router;
    if (router === null) {
      this.runOnActivate();
      return;
    }
    // No turn runs until the cluster says this node owns the actor; `running` holds the dispatcher off meanwhile.
    this.running = 1;
    router.claim(this).then(
      (epoch) => {
        this.running = 0;
        if (epoch === null) this.claimLost();
        else {
          this.epoch = epoch;
          this.runOnActivate();
        }
      },
      (error: unknown) => this.activationFailed(error),
    );
  }

  private runOnActivate(): void {
    this.chain = this.mailbox.peek()?.chain ?? 0;
    this.runLifecycleHook(
      this.actor.onActivate,
      () => this.activated(),
      (error) => this.activationFailed(error),
    );
  }

  /** Runs onActivate or onDeactivate as a turn of its own, then `done` or `failed` once it settles. */
  private runLifecycleHook(hook: () => unknown, done: () => void, failed: (error: unknown) => void): void {
    this.running = 1;
    let result: unknown;
    try {
      result = this.runHook(hook);
    } catch (error) {
      failed(error);
      return;
    }
    if (isThenable(result)) result.then(done, failed);
    else done();
  }

  private activated(): void {
    this.running = 0;
    this.chain = 0;
    this.phase = Phase.Active;
    if (this.turnTrace !== null) this.endActivationSpan(false, undefined);
    this.afterTurn(false);
  }

  private endActivationSpan(failed: boolean, error: unknown): void {
    const span = this.turnTrace!;
    this.turnTrace = null;
    this.host.tracer?.endSpan(span, failed, error);
  }

  /** Another node owns the actor: this activation never ran; its messages are routed again, to the owner. */
  private claimLost(): void {
    this.phase = Phase.Deactivated;
    if (this.turnTrace !== null) this.endActivationSpan(false, undefined);
    this.host.deactivated(this, this.takeWaiting());
    this.notifyDeactivated();
  }

  private activationFailed(error: unknown): void {
    this.running = 0;
    this.chain = 0;
    this.phase = Phase.Deactivated;
    if (this.turnTrace !== null) this.endActivationSpan(true, error);
    this.cancelTimers();
    // A gamecluster error (e.g. the cluster is unavailable) reaches the callers as itself; anything else thrown by
    // onActivate is wrapped so callers can tell a failed activation from a failed handler.
    const failure =
      error instanceof GameclusterError
        ? error
        : new ActivationFailedError(
            `${this.kind}/${this.id} failed to activate: ${error instanceof Error ? error.message : String(error)}; ` +
              'the next message retries the activation',
            { cause: error },
          );
    for (const message of this.takeWaiting()) {
      if (message instanceof AskMessage) message.fail(failure);
      else this.host.reportError(this, `activation of ${this.kind}/${this.id}`, failure);
    }
    this.host.deactivated(this, []);
    this.notifyDeactivated();
  }

  /** Starts deactivation now if idle, else after the running turn; resolves when deactivated. */
  deactivateAndWait(): Promise<void> {
    if (this.phase === Phase.Deactivated) return Promise.resolve();
    const done = new Promise<void>((resolve) => {
      if (this.whenDeactivated === null) this.whenDeactivated = [resolve];
      else this.whenDeactivated.push(resolve);
    });
    this.deactivate();
    return done;
  }

  /** Begins deactivation from outside a turn (idle collector): runs onDeactivate in this actor's context. */
  collect(): void {
    if (this.running === 0 && this.phase === Phase.Active && this.mailbox.length === 0 && this.reentrant === null) {
      this.beginDeactivation();
    }
  }

  private beginDeactivation(): void {
    this.phase = Phase.Deactivating;
    this.deactivateRequested = false;
    this.cancelTimers();
    this.runLifecycleHook(
      this.actor.onDeactivate,
      () => this.finishDeactivation(),
      (error) => {
        this.host.reportError(this, `onDeactivate of ${this.kind}/${this.id}`, error);
        this.finishDeactivation();
      },
    );
  }

  private finishDeactivation(): void {
    this.running = 0;
    this.chain = 0;
    this.phase = Phase.Deactivated;
    this.host.deactivated(this, this.takeWaiting());
    this.notifyDeactivated();
  }

  /** Removes and returns every message not yet run: admitted reentrant ones first, then the queue in order. */
  private takeWaiting(): Message[] {
    const waiting = [...(this.reentrant ?? []), ...this.mailbox.drain()];
    this.reentrant = null;
    return waiting;
  }

  private notifyDeactivated(): void {
    const waiters = this.whenDeactivated;
    this.whenDeactivated = null;
    if (waiters !== null) for (const resolve of waiters) resolve();
  }

  private cancelTimers(): void {
    const timers = this.timers;
    if (timers === null) return;
    this.timers = null;
    for (const timer of timers) timer.cancel();
  }
}

/** Calls the message's handler on the actor; a one-argument message needs no array. */
function invoke(actor: Actor, message: Message): unknown {
  const args = message.args;
  return args === null ? message.method.fn.call(actor, message.arg) : message.method.fn.apply(actor, args as unknown[]);
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as PromiseLike<unknown>).then === 'function';
}
