// Gets a connection its session (DESIGN §4 "session resume"): posts `attach` to a Session activation on THIS node,
// which claims the player's directory entry. When another node holds the entry, the router forwards the attach
// there; that activation hands its session (or stray pushes) over and deactivates, and this gate waits until the
// entry is released and tries again with what it collected. Pushes that land in strays during the move are
// collected by the next attempt, so none is lost; the loop ends when this node's claim wins.
import type { Activation } from '../actor/activation.ts';
import { Phase } from '../actor/activation.ts';
import type { ActorKind, MethodInfo } from '../actor/actor-kind.ts';
import type { ActorSystem } from '../actor/actor-system.ts';
import { AskMessage } from '../actor/message.ts';
import type { DirectoryEntry } from '../cluster/cluster-provider.ts';
import { SessionUnavailableError } from './errors.ts';
import type { SessionConnection } from './session-connection.ts';
import {
  type AttachRequest,
  type AttachResult,
  EMPTY_HANDOVER,
  type Handover,
  mergeHandovers,
} from './session-handover.ts';
import type { SessionRegistry } from './session-registry.ts';

/** Reads the directory and hears of removed entries (a ClusterProvider is one). */
export interface DirectoryReader {
  lookup(kind: string, id: string): Promise<DirectoryEntry | undefined>;
  on(event: 'removed', listener: (entry: DirectoryEntry) => void): void;
  off(event: 'removed', listener: (entry: DirectoryEntry) => void): void;
}

export interface AttachDeps {
  readonly system: ActorSystem;
  readonly sessionKind: ActorKind;
  readonly registry: SessionRegistry;
  /** Absent on a node without a cluster: releases are then local and awaited through the activation. */
  readonly directory: DirectoryReader | undefined;
}

export interface ResumeClaim {
  /** The session the client resumes (its resume token was verified); null for a new session. */
  readonly sessionId: string | null;
  readonly lastSeq: number;
}

const FIRST_RETRY_MS = 5;
const MAX_RETRY_MS = 200;

/**
 * Resolves once the session started on `connection` (its WELCOME is sent by then) or the connection went away;
 * rejects with SessionUnavailableError when `deadline` (performance.now() ms) passes first.
 */
export async function attachSession(
  deps: AttachDeps,
  connection: SessionConnection & { readonly waitingForSession: boolean },
  playerId: string,
  resume: ResumeClaim,
  deadline: number,
): Promise<void> {
  const { system, sessionKind, registry } = deps;
  const attachMethod = sessionKind.methods.get('attach') as MethodInfo;
  let collected: Handover = EMPTY_HANDOVER;
  let retryMs = FIRST_RETRY_MS;
  let lastError: unknown;
  let attempts = 0;
  while (connection.waitingForSession) {
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      throw new SessionUnavailableError(
        `could not take over the session of player ${playerId} in time (${attempts} attempts${lastError === undefined ? '' : `, last error: ${describe(lastError)}`}); reconnect and resume`,
        { cause: lastError },
      );
    }
    attempts++;
    await localDeactivation(system.localActivation(sessionKind, playerId));
    const request: AttachRequest = {
      attachKey: registry.newSessionId(),
      origin: registry.origin,
      sessionId: resume.sessionId,
      lastSeq: resume.lastSeq,
    };
    registry.addPending(request.attachKey, { playerId, connection, handover: collected });
    let result: AttachResult;
    try {
      result = (await askLocal(system, sessionKind, playerId, attachMethod, request, remaining)) as AttachResult;
    } catch (error) {
      // The previous gate is unreachable, the directory is changing, the cluster store is down: retry until the
      // deadline, with backoff.
      lastError = error;
      await sleep(Math.min(retryMs, Math.max(0, deadline - performance.now())));
      retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
      continue;
    } finally {
      registry.removePending(request.attachKey);
    }
    if (result.attached) return;
    if (result.handover === null) continue;
    collected = mergeHandovers(collected, result.handover);
    await released(deps.directory, sessionKind.name, playerId, result.handover.epoch, deadline);
  }
}

/** An ask posted straight to this node's activation of kind/id (activating it here, which claims the entry). */
function askLocal(
  system: ActorSystem,
  kind: ActorKind,
  id: string,
  method: MethodInfo,
  arg: unknown,
  timeoutMs: number,
): Promise<unknown> {
  const message = new AskMessage(method, null, arg, 0, undefined);
  const answer = new Promise<unknown>((resolve, reject) => {
    message.resolve = resolve;
    message.reject = reject;
  });
  system.wheel.scheduleCoarse(message, Math.max(1, Math.ceil(timeoutMs)));
  const refused = system.postLocal(kind, id, message);
  if (refused !== undefined) message.fail(refused);
  return answer;
}

/** A local activation on its way out takes no attach: wait until it is gone (its entry released locally). */
async function localDeactivation(activation: Activation | undefined): Promise<void> {
  if (activation !== undefined && activation.phase === Phase.Deactivating) await activation.deactivateAndWait();
}

/**
 * Waits until the directory entry of the activation that handed over (its epoch) is gone, or the deadline. The
 * removal event ends the wait at once — the shorter the gap before this node claims, the fewer pushes land in
 * strays meanwhile; lookups back it up in case the event came before the listener.
 */
async function released(
  directory: DirectoryReader | undefined,
  kind: string,
  id: string,
  epoch: number,
  deadline: number,
): Promise<void> {
  if (directory === undefined) return;
  let wake: () => void = () => {};
  let gone = false;
  const onRemoved = (entry: DirectoryEntry): void => {
    if (entry.kind === kind && entry.id === id && entry.epoch === epoch) {
      gone = true;
      wake();
    }
  };
  directory.on('removed', onRemoved);
  try {
    let delayMs = 5;
    while (!gone && performance.now() < deadline) {
      let entry: DirectoryEntry | undefined;
      try {
        entry = await directory.lookup(kind, id);
      } catch {
        entry = { kind, id, owner: '', epoch };
      }
      if (gone || entry === undefined || entry.epoch !== epoch) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(delayMs, Math.max(0, deadline - performance.now())));
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      delayMs = Math.min(delayMs * 2, 100);
    }
  } finally {
    directory.off('removed', onRemoved);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  return error instanceof Error
    ? `${(error as { code?: string }).code ?? error.name}: ${error.message}`
    : String(error);
}
