// The gate layer's per-node state that Session actors reach through their ActorSystem (as persistence does): the
// session options, the attaches a gate has pending for its connections (a connection is not data that can travel
// in a message, so the attach message names it by key), and the node's live sessions.
import { randomUUID } from 'node:crypto';
import type { ActorSystem } from '../actor/actor-system.ts';
import { InvalidGateConfigError } from './errors.ts';
import type { SessionConnection } from './session-connection.ts';
import type { Handover } from './session-handover.ts';
import { type ResolvedSessionOptions, resolveSessionOptions, type SessionOptions } from './session-options.ts';
import type { SessionRecord } from './session-record.ts';

/** A connection waiting for its session, and what earlier attempts collected for it. */
export interface PendingAttach {
  readonly playerId: string;
  readonly connection: SessionConnection;
  readonly handover: Handover;
}

const registries = new WeakMap<ActorSystem, SessionRegistry>();

export class SessionRegistry {
  readonly options: ResolvedSessionOptions;
  /** Identifies this node's registry in attach requests (see AttachRequest.origin). */
  readonly origin = randomUUID();
  /** Sessions whose activation lives on this node, by player id. */
  readonly live = new Map<string, SessionRecord>();
  private readonly pending = new Map<string, PendingAttach>();

  private constructor(options: ResolvedSessionOptions) {
    this.options = options;
  }

  /** Installs the registry on `system` (once per system). */
  static install(system: ActorSystem, options: SessionOptions = {}): SessionRegistry {
    if (registries.has(system)) {
      throw new InvalidGateConfigError('the gate layer is already installed on this ActorSystem; install it once');
    }
    const registry = new SessionRegistry(resolveSessionOptions(options));
    registries.set(system, registry);
    return registry;
  }

  static of(system: ActorSystem): SessionRegistry {
    const registry = registries.get(system);
    if (registry === undefined) {
      throw new InvalidGateConfigError(
        'Session actors need the gate layer on their node: call installGate(node, ...) before the node starts',
      );
    }
    return registry;
  }

  newSessionId(): string {
    return randomUUID();
  }

  addPending(attachKey: string, pending: PendingAttach): void {
    this.pending.set(attachKey, pending);
  }

  /** The pending attach of `attachKey` for this player, removed; undefined when there is none (any more). */
  takePending(playerId: string, attachKey: string): PendingAttach | undefined {
    const pending = this.pending.get(attachKey);
    if (pending === undefined || pending.playerId !== playerId) return undefined;
    this.pending.delete(attachKey);
    return pending;
  }

  removePending(attachKey: string): void {
    this.pending.delete(attachKey);
  }

  started(record: SessionRecord): void {
    this.live.set(record.playerId, record);
  }

  ended(record: SessionRecord): void {
    if (this.live.get(record.playerId) === record) this.live.delete(record.playerId);
  }
}
