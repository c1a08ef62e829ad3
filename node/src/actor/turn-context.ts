// The call-chain context of the running turn. Synchronous turns publish their activation in a plain variable
// (no cost beyond a write); async turns run inside their activation's own AsyncLocalStorage frame, entered
// through a cached AsyncResource, so the context survives awaits in handlers without a new frame per message.

import { AsyncLocalStorage } from 'node:async_hooks';
import type { TraceContext } from './actor-tracer.ts';

/** What the turn context exposes: the activation running, its chain and its trace. */
export interface TurnOwner {
  /** The chain of the running turn, allocating one if the turn started without a chain. */
  currentChain(): number;
  /** The span of the running traced turn (or activation), which messages sent from it carry; null: untraced. */
  readonly turnTrace: TraceContext | null;
}

export const turnStorage = new AsyncLocalStorage<TurnOwner>();

// The activation whose synchronous handler is on the stack right now. Single-threaded, and always restored
// by the code that set it, so it never outlives the call.
let syncOwner: TurnOwner | undefined;

/** Publishes `owner` for the duration of a synchronous handler call; returns the previous one to restore. */
export function enterSyncTurn(owner: TurnOwner | undefined): TurnOwner | undefined {
  const previous = syncOwner;
  syncOwner = owner;
  return previous;
}

// Whether any async turn frame was ever entered. Until then no code can run inside one, so sends from outside
// any turn (the common case of sync-only kinds) skip getStore. It never goes back to false: a frame's
// continuations (timers, detached promises) may outlive its turn, and tracking those is what getStore is for.
let framesEntered = false;

/** Called before code first runs inside a turn's context frame. */
export function noteTurnFrame(): void {
  framesEntered = true;
}

/** The activation whose turn this code runs in, if any. */
export function currentTurnOwner(): TurnOwner | undefined {
  if (syncOwner !== undefined) return syncOwner;
  return framesEntered ? turnStorage.getStore() : undefined;
}

/** The call-chain id of the turn this code runs in, or 0 outside any actor turn. */
export function currentCallChain(): number {
  const owner = currentTurnOwner();
  return owner === undefined ? 0 : owner.currentChain();
}
