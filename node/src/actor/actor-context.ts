// What an actor sees of the runtime (`this.ctx`): its identity, refs to other actors, timers into its own
// mailbox, and deactivation. Implemented by the activation, so an actor costs no extra object.
import type { Actor } from './actor.ts';
import type { ActorClass, ActorRef } from './actor-ref.ts';
import type { ActorSystem } from './actor-system.ts';

export interface ActorTimerOptions {
  /** Fire again every this many ms after the first firing (default: once). */
  readonly repeatMs?: number;
}

/** A scheduled actor timer; `cancel()` is safe to call more than once. */
export interface ActorTimer {
  cancel(): void;
}

/** Pushes to game clients (the gate's sessions); see ActorContext.client. */
export interface ClientPush {
  /** Sends `event` with `data` to the player's session, wherever its gate is; dropped if it has none. */
  push(event: string, data?: unknown): void;
}

/** What the gate layer installs on an ActorSystem so actors can reach game clients. */
export interface ClientPushService {
  push(playerIds: readonly string[], event: string, data: unknown): void;
}

export interface ActorContext {
  readonly id: string;
  /** Registered kind name. */
  readonly kind: string;
  /**
   * Activation epoch: 0 in a single process; the cluster's directory sets it from the claim's revision, and
   * persistence uses it as the fencing token.
   */
  readonly epoch: number;
  /**
   * The ActorSystem this actor runs in: the way to node services that other layers attach to it (persistence
   * finds its per-system service through it).
   */
  readonly system: ActorSystem;
  /** Call-chain id of the turn running now (0 between turns). */
  readonly chain: number;
  /** A typed reference to any actor; calls made inside a turn carry this turn's call chain. */
  ref<A extends Actor>(kind: ActorClass<A>, id: string | number | bigint): ActorRef<A>;
  /** A reference to this actor itself. */
  self<A extends Actor>(this: ActorContext, kind: ActorClass<A>): ActorRef<A>;
  /**
   * Runs `callback` as a message in this actor's mailbox after `delayMs` (never concurrently with a handler).
   * Timers are cancelled on deactivation.
   */
  setTimer(delayMs: number, callback: () => unknown, options?: ActorTimerOptions): ActorTimer;
  /** Pushes to one player's client (through the gate that holds its session). */
  client(playerId: string): ClientPush;
  /** Pushes to many players at once; deliveries are batched per gate. */
  clients(playerIds: readonly string[]): ClientPush;
  /** Deactivates this actor once the current turn ends; later messages activate it again. */
  deactivate(): void;
}
