// The gRPC mesh between game nodes (DESIGN §3 Transport): one bidirectional stream per peer pair, messages
// batched per event-loop turn into compact frames, a bounded queue per peer, reconnect with backoff, asks on a
// dead peer failed at once, optional mutual TLS. Delivery is at most once: a message on a stream that breaks
// may or may not have been handled, and nothing is retried here.
import type * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import type { Envelope } from '../../actor/envelope.ts';
import { toErrorData } from '../../errors/index.ts';
import type { BucketHistogram } from '../../observability/bucket-histogram.ts';
import { InvalidClusterConfigError, PeerUnavailableError } from '../errors.ts';
import { MeshFrameDecoder } from './mesh-frame-decoder.ts';
import { MeshFrameEncoder } from './mesh-frame-encoder.ts';
import { acceptedMetadata, createMeshServer, readHello, serverCredentials } from './mesh-grpc.ts';
import { decideHello, dialsTo } from './mesh-handshake.ts';
import { MeshCounters, type MeshStats, type PeerState } from './mesh-stats.ts';
import {
  type MeshPeer,
  type MeshTransportOptions,
  type ResolvedMeshTransportOptions,
  resolveMeshTransportOptions,
} from './mesh-transport-options.ts';
import { PeerConnection, type PeerHost } from './peer-connection.ts';
import type { MeshResponse } from './peer-outbox.ts';
import type { PendingAsk } from './pending-asks.ts';

export type { MeshStats, PeerState } from './mesh-stats.ts';
export type { MeshHandler, MeshPeer, MeshTlsOptions, MeshTransportOptions } from './mesh-transport-options.ts';
export type { MeshResponse } from './peer-outbox.ts';
export type { PendingAsk } from './pending-asks.ts';

/** Member ids that left, remembered so a late stream from one is refused (ids are per incarnation). */
const MAX_DEPARTED_REMEMBERED = 10_000;
/** Longest close() waits for peers to finish the streams it ended before cutting them. */
const CLOSE_GRACE_MS = 1000;

export class MeshTransport {
  private readonly options: ResolvedMeshTransportOptions;
  private selfId: string;
  private readonly peers = new Map<string, PeerConnection>();
  private readonly departed = new Map<string, true>();
  private readonly counters = new MeshCounters();
  private readonly host: PeerHost;
  private server: grpc.Server | undefined;
  private listening: Promise<string> | undefined;
  private readonly sweepTimer: NodeJS.Timeout;
  private closed = false;

  constructor(options: MeshTransportOptions) {
    this.options = resolveMeshTransportOptions(options);
    this.selfId = options.selfId;
    const handler = this.options.handler;
    this.host = {
      options: this.options,
      counters: this.counters,
      encoder: new MeshFrameEncoder(),
      decoder: new MeshFrameDecoder(),
      selfId: () => this.selfId,
      deliver: (from, envelope, hops) => {
        try {
          handler.onEnvelope(from, envelope, hops);
        } catch (error) {
          this.handlerFailed(from, envelope, error);
        }
      },
      forget: (peer) => {
        if (this.peers.get(peer.id) === peer) this.peers.delete(peer.id);
      },
    };
    this.sweepTimer = setInterval(() => this.sweep(), this.options.sweepIntervalMs);
    this.sweepTimer.unref();
  }

  /** Starts the mesh server; resolves with the bound "host:port" (the address to publish as a member). */
  listen(): Promise<string> {
    this.listening ??= this.startServer();
    return this.listening;
  }

  /** This node rejoined as a new member: every peer of the old incarnation is dropped (updatePeers follows). */
  setSelfId(id: string): void {
    if (id === this.selfId) return;
    const previous = this.selfId;
    this.selfId = id;
    for (const peer of this.peers.values()) {
      peer.shutdown(
        `this node rejoined as member ${id} (was ${previous}); messages of the old incarnation were dropped; a ` +
          'retry routes afresh',
      );
    }
    this.peers.clear();
  }

  /** The current member set (self is skipped): new members are dialled, members gone fail what waits for them. */
  updatePeers(peers: Iterable<MeshPeer>): void {
    if (this.closed) return;
    const named = new Set<string>();
    for (const { id, address } of peers) {
      if (id === this.selfId) continue;
      named.add(id);
      const known = this.peers.get(id);
      if (known !== undefined) {
        known.member = true;
        known.moveTo(address);
        known.dial();
        continue;
      }
      this.departed.delete(id);
      const peer = new PeerConnection(this.host, id, address, true, dialsTo(this.selfId, id));
      this.peers.set(id, peer);
      peer.dial();
    }
    for (const [id, peer] of this.peers) {
      if (!peer.member || named.has(id)) continue;
      this.peers.delete(id);
      this.rememberDeparted(id);
      peer.shutdown(
        `member ${id} left the cluster or was declared dead; an ask sent to it may or may not have been handled; ` +
          'a retry routes afresh',
      );
    }
  }

  /** Sends a one-way message. Throws PeerUnavailableError, PeerOverloadedError or SerializationError. */
  tell(peerId: string, envelope: Envelope, hops: number): void {
    this.memberPeer(peerId).outbox.tell(envelope, hops);
  }

  /**
   * Sends an ask; its response settles or fails `pending`. Throws PeerUnavailableError or PeerOverloadedError;
   * arguments that cannot be encoded fail `pending` with SerializationError. The envelope's requestId is replaced
   * by the transport's own (per peer).
   */
  ask(peerId: string, envelope: Envelope, hops: number, pending: PendingAsk): void {
    this.memberPeer(peerId).outbox.ask(envelope, hops, pending);
  }

  /** Answers ask `requestId` of `peerId`; dropped (and counted) if that peer is gone or its queue is full. */
  respond(peerId: string, requestId: number, response: MeshResponse): void {
    const peer = this.peers.get(peerId);
    if (peer === undefined) {
      this.counters.responsesDropped++;
      return;
    }
    peer.outbox.respond(requestId, response);
  }

  stats(): MeshStats {
    let peers = 0;
    let streams = 0;
    let queued = 0;
    let pendingAsks = 0;
    for (const peer of this.peers.values()) {
      if (peer.member) peers++;
      if (peer.connected) streams++;
      queued += peer.outbox.queued;
      pendingAsks += peer.outbox.pending.size;
    }
    const { batchSizes: _batchSizes, askSeconds: _askSeconds, ...totals } = this.counters;
    return { ...totals, peers, streams, queued, pendingAsks };
  }

  /** Member peers by the state of their stream (for the node's metrics). */
  peerStates(): Record<PeerState, number> {
    const states: Record<PeerState, number> = { connected: 0, connecting: 0, disconnected: 0 };
    for (const peer of this.peers.values()) if (peer.member) states[peer.state]++;
    return states;
  }

  /** Records per frame and ask round trips (live histograms: the node's metrics read them at scrape time). */
  histograms(): { readonly batchSizes: BucketHistogram; readonly askSeconds: BucketHistogram } {
    return this.counters;
  }

  /**
   * Writes what is queued where a stream is open, ends every stream, fails asks still pending with
   * PeerUnavailableError, and shuts the server down (cutting what has not finished after a short grace).
   */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.sweepTimer);
    for (const peer of this.peers.values()) {
      peer.shutdown(
        'this node closed its mesh transport; an ask sent to it may or may not have been handled; a retry routes afresh',
        true,
      );
    }
    this.peers.clear();
    const server = this.server;
    if (server === undefined) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        server.forceShutdown();
        resolve();
      }, CLOSE_GRACE_MS);
      server.tryShutdown(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  // ---- internals ----

  private async startServer(): Promise<string> {
    const server = createMeshServer(this.options, (call) => this.accept(call));
    this.server = server;
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    const wanted = `${host}:${this.options.port}`;
    const port = await new Promise<number>((resolve, reject) => {
      server.bindAsync(wanted, serverCredentials(this.options), (error, bound) =>
        error
          ? reject(
              new InvalidClusterConfigError(
                `the mesh server cannot listen on ${wanted}: ${error.message}; choose a free port (0 = any) or ` +
                  'another host',
                { cause: error },
              ),
            )
          : resolve(bound),
      );
    });
    return `${host}:${port}`;
  }

  private accept(call: grpc.ServerDuplexStream<Buffer, Buffer>): void {
    const hello = readHello(call.metadata);
    const decision = this.closed
      ? ({ accept: false, code: status.UNAVAILABLE, details: 'this node is closing its mesh transport' } as const)
      : decideHello(hello, this.selfId, (id) => this.departed.has(id));
    if (!decision.accept) {
      this.counters.streamsRejected++;
      call.emit('error', { code: decision.code, details: decision.details });
      return;
    }
    let peer = this.peers.get(hello.from);
    if (peer === undefined) {
      // Not in this node's membership view yet: accept it (the view may lag); it becomes a member when named.
      peer = new PeerConnection(this.host, hello.from, '', false, false);
      this.peers.set(hello.from, peer);
    }
    this.counters.streamsAccepted++;
    call.sendMetadata(acceptedMetadata(this.selfId));
    peer.attach(call, false);
  }

  private memberPeer(peerId: string): PeerConnection {
    const peer = this.peers.get(peerId);
    if (peer?.member) return peer;
    throw new PeerUnavailableError(
      this.closed
        ? `cannot send to member ${peerId}: this node closed its mesh transport`
        : `member ${peerId} is not a peer of this node (it left, was declared dead, or is not known yet); ` +
            'route the message afresh',
    );
  }

  private handlerFailed(from: string, envelope: Envelope, error: unknown): void {
    this.counters.handlerErrors++;
    if (envelope.requestId > 0) this.respond(from, envelope.requestId, { ok: false, error: toErrorData(error) });
    else this.options.onError(error, `mesh tell ${envelope.kind}.${envelope.method} from ${from}`);
  }

  private rememberDeparted(id: string): void {
    this.departed.set(id, true);
    if (this.departed.size <= MAX_DEPARTED_REMEMBERED) return;
    const oldest = this.departed.keys().next().value;
    if (oldest !== undefined) this.departed.delete(oldest);
  }

  private sweep(): void {
    for (const peer of this.peers.values()) peer.outbox.pending.sweep();
  }
}
