// Delivers messages of clustered kinds (DESIGN §3 virtual actors): `directory` kinds go to the member that holds
// the actor's directory entry, or to one chosen by the placement strategy, which then claims it; `hash` kinds go
// to the rendezvous owner among the kind's members; messages from other nodes arrive here too and are served,
// or redirected when this node is not the owner. Also the gate of activations (claim → epoch) and of serving
// (lease valid).
import type { Activation } from '../actor/activation.ts';
import type { ActorKind } from '../actor/actor-kind.ts';
import type { ActorRouter } from '../actor/actor-router.ts';
import type { ActorSystem } from '../actor/actor-system.ts';
import type { Envelope } from '../actor/envelope.ts';
import { ActorSystemStoppedError, UnknownActorKindError, UnknownMethodError } from '../actor/errors.ts';
import { AskMessage, argumentsOf, type Message } from '../actor/message.ts';
import { toErrorData } from '../errors/index.ts';
import type { ClusterProvider, DirectoryEntry } from './cluster-provider.ts';
import { DirectoryCache, keyOf, TENTATIVE_EPOCH } from './directory/directory-cache.ts';
import { NodeFencedError, NoEligibleMemberError, RoutingLoopError } from './errors.ts';
import { inboundAsk, inboundTell } from './inbound-message.ts';
import type { MemberInfo } from './member.ts';
import { drainingCandidates, type PlacementStrategy, placementCandidates, rendezvousOwner } from './placement/index.ts';
import type { MeshHandler, MeshTransport } from './transport/mesh-transport.ts';

export interface ClusterRouterOptions {
  readonly system: ActorSystem;
  readonly provider: ClusterProvider;
  readonly transport: MeshTransport;
  readonly placement: PlacementStrategy;
  /** Node-to-node redirects one message may take before it fails with RoutingLoopError (default: 4). */
  readonly maxHops?: number;
  readonly directoryCacheSize?: number;
}

export const DEFAULT_MAX_HOPS = 4;

export class ClusterRouter implements ActorRouter, MeshHandler {
  private readonly system: ActorSystem;
  private readonly provider: ClusterProvider;
  private readonly transport: MeshTransport;
  private readonly placement: PlacementStrategy;
  private readonly maxHops: number;
  readonly cache: DirectoryCache;
  /** Directory claims this node made, and those another member had won (the node's metrics read them). */
  readonly claimStats = { claims: 0, conflicts: 0 };
  /** Messages waiting for a directory lookup, per actor: one lookup in flight per actor. */
  private readonly resolving = new Map<string, { kind: ActorKind; messages: Message[] }>();
  /** Releases in flight, per actor: a new claim of the same actor waits for them. */
  private readonly releasing = new Map<string, Promise<void>>();
  /** The directory entry each local activation holds. */
  private readonly held = new Map<Activation, DirectoryEntry>();
  /** Redirects already taken by messages that arrived from other nodes (only those that may be redirected). */
  private readonly hops = new WeakMap<Message, number>();
  /** Members eligible for new placements of each kind, recomputed when the member set changes. */
  private readonly candidates = new Map<ActorKind, MemberInfo[]>();
  /** Set while the node stops: the lease's revocation releases every entry at once. */
  private leaving = false;
  /** Set while the node drains or stops: nothing new activates here. */
  private refusingActivations = false;
  private memberSignature = '';

  constructor(options: ClusterRouterOptions) {
    this.system = options.system;
    this.provider = options.provider;
    this.transport = options.transport;
    this.placement = options.placement;
    this.maxHops = options.maxHops ?? DEFAULT_MAX_HOPS;
    this.cache = new DirectoryCache(options.directoryCacheSize);
    this.provider.on('members', (members) => this.membersChanged(members));
    this.provider.on('claimed', (entry) => this.cache.claimed(entry));
    this.provider.on('removed', (entry) => this.cache.removed(entry));
    this.provider.on('fenced', () => this.fenced());
  }

  private get selfId(): string {
    return this.provider.self?.id ?? '';
  }

  // ---- ActorRouter ----

  routes(kind: ActorKind): boolean {
    return kind.options.placement !== 'local';
  }

  canServe(kind: ActorKind): boolean {
    return kind.options.placement !== 'directory' || this.provider.canServe();
  }

  route(kind: ActorKind, id: string, message: Message): void {
    if (kind.options.placement === 'hash') {
      const key = `${kind.name}/${id}`;
      const owner =
        rendezvousOwner(key, this.candidatesOf(kind)) ??
        rendezvousOwner(key, drainingCandidates(this.provider.members().values(), kind.options.roles));
      if (owner === undefined) this.refuse(message, this.noMember(kind));
      else this.deliver(kind, id, message, owner.id);
      return;
    }
    // An activation here (serving, or still claiming) takes the message; it re-routes it if the claim is lost.
    if (kind.activations.has(id)) {
      this.deliver(kind, id, message, this.selfId);
      return;
    }
    const entry = this.cache.get(kind.name, id);
    if (entry !== undefined) {
      this.deliver(kind, id, message, entry.owner);
      return;
    }
    this.lookupThenDeliver(kind, id, message);
  }

  async claim(activation: Activation): Promise<number | null> {
    const kind = activation.actorKind;
    if (kind.options.placement !== 'directory') return 0;
    const key = keyOf(kind.name, activation.id);
    const release = this.releasing.get(key);
    if (release !== undefined) await release;
    this.claimStats.claims++;
    const entry = await this.provider.claim(kind.name, activation.id);
    this.cache.set(entry);
    if (entry.owner !== this.selfId) {
      this.claimStats.conflicts++;
      return null;
    }
    this.held.set(activation, entry);
    return entry.epoch;
  }

  released(activation: Activation): void {
    const entry = this.held.get(activation);
    if (entry === undefined) return;
    this.held.delete(activation);
    this.cache.removed(entry);
    // Leaving revokes the lease, and a fenced node's lease is gone: either way the entry goes with the lease.
    if (this.leaving || !this.provider.canServe()) return;
    const key = keyOf(entry.kind, entry.id);
    const release = this.provider
      .release(entry)
      .catch((error: unknown) => {
        // Left behind, the entry still rides this node's lease: the next activation here reuses it, and it goes
        // with the lease otherwise. Nothing else can claim the actor meanwhile, which is the safe side.
        this.system.options.onError(error, `release of ${entry.kind}/${entry.id}`);
      })
      .finally(() => {
        if (this.releasing.get(key) === release) this.releasing.delete(key);
      });
    this.releasing.set(key, release);
  }

  // ---- MeshHandler: envelopes from other nodes ----

  onEnvelope(from: string, envelope: Envelope, hops: number): void {
    const isAsk = envelope.requestId !== 0;
    const kind = this.system.kind(envelope.kind);
    if (kind === undefined) {
      const error = new UnknownActorKindError(
        `kind ${envelope.kind} is not registered on member ${this.selfId}; register it on every node that may host it`,
      );
      if (isAsk) this.transport.respond(from, envelope.requestId, { ok: false, error: toErrorData(error) });
      return;
    }
    const method = kind.methods.get(envelope.method);
    if (method === undefined) {
      const error = new UnknownMethodError(`${kind.name} has no message ${envelope.method} on member ${this.selfId}`);
      if (isAsk) this.transport.respond(from, envelope.requestId, { ok: false, error: toErrorData(error) });
      return;
    }
    const message = isAsk
      ? inboundAsk(method, envelope, from, this.transport, this.system.wheel)
      : inboundTell(method, envelope);
    // The sender's span, when it was sampled and this node traces too: the turn here becomes its child.
    if (envelope.trace !== '') message.trace = this.system.tracer?.fromTraceparent(envelope.trace) ?? null;
    const id = envelope.id;
    if (kind.options.placement === 'directory' && this.provider.health() === 'fenced') {
      this.refuse(
        message,
        new NodeFencedError(
          `member ${this.selfId} lost its lease and serves no actors until it rejoins (${kind.name}/${id}); retry: ` +
            'the call is routed to the new owner',
        ),
      );
      return;
    }
    if (kind.options.placement === 'directory' && !kind.activations.has(id)) {
      // Not active here: the sender's view may be stale. Redirect to the owner this node knows, or claim it here.
      this.hops.set(message, hops + 1);
      const entry = this.cache.get(kind.name, id);
      if (entry !== undefined && entry.owner !== this.selfId && entry.epoch !== TENTATIVE_EPOCH) {
        this.deliver(kind, id, message, entry.owner);
        return;
      }
      if (this.refusingActivations) {
        this.refuse(message, this.notActivatingHere(kind, id));
        return;
      }
    }
    this.deliverLocally(kind, id, message);
  }

  // ---- node lifecycle ----

  /** The node drains or stops: no new activations here (messages for them fail; callers retry elsewhere). */
  refuseNewActivations(): void {
    this.refusingActivations = true;
  }

  /** The node stops and revokes its lease right after: skip releasing entries one by one. */
  leaveWithLease(): void {
    this.leaving = true;
    this.refusingActivations = true;
  }

  // ---- internals ----

  private deliver(kind: ActorKind, id: string, message: Message, owner: string): void {
    if (owner === this.selfId) {
      this.deliverLocally(kind, id, message);
      return;
    }
    const hops = this.hops.get(message) ?? 0;
    if (hops > this.maxHops) {
      this.refuse(
        message,
        new RoutingLoopError(
          `${kind.name}/${id}.${message.method.name} was redirected ${hops} times while the directory changed; ` +
            'retry: the directory settles within a lease TTL',
        ),
      );
      return;
    }
    const envelope: Envelope = {
      kind: kind.name,
      id,
      method: message.method.name,
      args: argumentsOf(message),
      requestId: 0,
      timeoutMs: message instanceof AskMessage ? this.system.wheel.remainingMs(message) : 0,
      chain: message.chain,
      trace: message.trace === null ? '' : (this.system.tracer?.toTraceparent(message.trace) ?? ''),
    };
    if (message instanceof AskMessage) {
      try {
        this.transport.ask(owner, envelope, hops, message);
      } catch (error) {
        this.cache.forget(kind.name, id);
        message.fail(error);
      }
    } else {
      // A refused tell throws to its sender, as a full local mailbox does.
      this.transport.tell(owner, envelope, hops);
    }
  }

  private deliverLocally(kind: ActorKind, id: string, message: Message): void {
    const refused = this.system.postLocal(kind, id, message);
    if (refused !== undefined) this.refuse(message, refused);
  }

  /**
   * An actor this node knows nothing about. Placement picks a member first: when that is this node, the message
   * goes straight to a local activation, whose claim (one transaction: create if absent, else read) either wins
   * or names the owner; otherwise a lookup finds the owner, and only an actor active nowhere goes to the pick.
   */
  private lookupThenDeliver(kind: ActorKind, id: string, message: Message): void {
    const key = keyOf(kind.name, id);
    const waiting = this.resolving.get(key);
    if (waiting !== undefined) {
      waiting.messages.push(message);
      return;
    }
    const candidates = this.candidatesOf(kind);
    // No member takes new placements (all draining): the actor may still live on one, so look it up first.
    const pick = candidates.length === 0 ? undefined : this.placement.pick(candidates, kind.name, id).id;
    if (pick === this.selfId && !this.refusingActivations) {
      this.deliverLocally(kind, id, message);
      return;
    }
    this.resolving.set(key, { kind, messages: [message] });
    this.provider.lookup(kind.name, id).then(
      (entry) => {
        const messages = this.takeResolving(key);
        let owner: string;
        if (entry !== undefined) {
          this.cache.set(entry);
          owner = entry.owner;
        } else if (pick === undefined) {
          for (const waiting of messages) this.refuse(waiting, this.noMember(kind));
          return;
        } else {
          owner = pick;
          // Remember the choice until its claim shows up, so the next messages follow the first.
          this.cache.set({ kind: kind.name, id, owner, epoch: TENTATIVE_EPOCH });
        }
        for (const waiting of messages) this.deliverSafely(kind, id, waiting, owner);
      },
      (error: unknown) => {
        for (const waiting of this.takeResolving(key)) this.refuse(waiting, error);
      },
    );
  }

  private takeResolving(key: string): Message[] {
    const waiting = this.resolving.get(key);
    this.resolving.delete(key);
    return waiting?.messages ?? [];
  }

  /** deliver() outside the sender's call: a tell refused now can only be reported. */
  private deliverSafely(kind: ActorKind, id: string, message: Message, owner: string): void {
    try {
      this.deliver(kind, id, message, owner);
    } catch (error) {
      this.refuse(message, error);
    }
  }

  private refuse(message: Message, error: unknown): void {
    if (message instanceof AskMessage) message.fail(error);
    else this.system.options.onError(error, `tell ${message.method.name}`);
  }

  private candidatesOf(kind: ActorKind): MemberInfo[] {
    let candidates = this.candidates.get(kind);
    if (candidates === undefined) {
      candidates = placementCandidates(this.provider.members().values(), kind.options.roles);
      this.candidates.set(kind, candidates);
    }
    return candidates;
  }

  /** Re-reads the member set (after join and rejoin). */
  refreshMembers(): void {
    this.memberSignature = '';
    this.membersChanged(this.provider.members());
  }

  private membersChanged(members: ReadonlyMap<string, MemberInfo>): void {
    this.candidates.clear();
    // Load updates arrive every few seconds from every member; only a change of who is there matters below.
    let signature = this.selfId;
    for (const member of members.values()) signature += `|${member.id}:${member.status}:${member.address}`;
    if (signature === this.memberSignature) return;
    this.memberSignature = signature;
    const active = new Set<string>();
    for (const member of members.values()) if (member.status === 'active') active.add(member.id);
    this.cache.retainOwners(new Set(members.keys()), active);
    const self = this.selfId;
    const peers: { id: string; address: string }[] = [];
    for (const member of members.values()) if (member.id !== self) peers.push(member);
    this.transport.updatePeers(peers);
  }

  /** This node lost its lease: stop serving every directory activation now (they re-route their messages). */
  private fenced(): void {
    this.cache.clear();
    for (const kind of this.system.kinds()) {
      if (kind.options.placement !== 'directory') continue;
      for (const activation of kind.activations.values()) activation.deactivate();
    }
  }

  private noMember(kind: ActorKind): NoEligibleMemberError {
    const roles = kind.options.roles.length === 0 ? 'any role' : `roles ${kind.options.roles.join(', ')}`;
    return new NoEligibleMemberError(
      `no active member can host ${kind.name} (${roles}); start a node with one of those roles or wait for one to join`,
    );
  }

  private notActivatingHere(kind: ActorKind, id: string): ActorSystemStoppedError {
    return new ActorSystemStoppedError(
      `member ${this.selfId} is draining or stopping and activates nothing new (${kind.name}/${id}); retry: the ` +
        'next call places the actor on another member',
    );
  }
}
