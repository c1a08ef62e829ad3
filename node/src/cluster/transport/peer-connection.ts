// One peer of this node: its outbox (peer-outbox.ts) and the pair's one stream, dialled with reconnect backoff
// when this node's id sorts lower, accepted otherwise. Reads the peer's frames and settles the asks they answer.
// A broken stream fails the asks written on it; queued messages wait for the next stream.
import type * as grpc from '@grpc/grpc-js';
import { status } from '@grpc/grpc-js';
import type { Envelope } from '../../actor/envelope.ts';
import { type ErrorData, fromErrorData } from '../../errors/index.ts';
import { MeshProtocolError, PeerUnavailableError } from '../errors.ts';
import { reconnectDelayMs } from './mesh-backoff.ts';
import { deliverFrame, type MeshFrameDecoder, type MeshFrameSink } from './mesh-frame-decoder.ts';
import { closeMeshStream, createMeshClient, type MeshStream, openMeshStream, readAccepted } from './mesh-grpc.ts';
import type { PeerState } from './mesh-stats.ts';
import { type OutboxHost, PeerOutbox } from './peer-outbox.ts';

/** What a peer connection needs from its transport. */
export interface PeerHost extends OutboxHost {
  readonly decoder: MeshFrameDecoder;
  /** This node's current member id. */
  selfId(): string;
  /** Hands an inbound tell or ask to the handler. */
  deliver(from: string, envelope: Envelope, hops: number): void;
  /** The connection of a non-member lost its stream: nothing refers to it any more. */
  forget(peer: PeerConnection): void;
}

export class PeerConnection implements MeshFrameSink {
  readonly id: string;
  address: string;
  /** Named by the last updatePeers; false for a peer that dialled in before this node's membership view named it. */
  member: boolean;
  /** This node dials the pair's stream (its id sorts lower). */
  readonly dialer: boolean;
  readonly outbox: PeerOutbox;
  private readonly host: PeerHost;
  private stream: MeshStream | undefined;
  /** Bumped per attached stream; an ask remembers the generation it was written on. */
  private generation = 0;
  private dialing: grpc.ClientDuplexStream<Buffer, Buffer> | undefined;
  private client: grpc.Client | undefined;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Failed dial attempts since the last accepted stream. */
  private attempts = 0;
  private lastDialFailure: string | undefined;
  private closed = false;

  constructor(host: PeerHost, id: string, address: string, member: boolean, dialer: boolean) {
    this.host = host;
    this.id = id;
    this.address = address;
    this.member = member;
    this.dialer = dialer;
    this.outbox = new PeerOutbox(host, id);
  }

  get connected(): boolean {
    return this.stream !== undefined;
  }

  get state(): PeerState {
    if (this.stream !== undefined) return 'connected';
    return this.dialing !== undefined ? 'connecting' : 'disconnected';
  }

  // ---- receiving (MeshFrameSink) ----

  private receive(frame: Buffer, stream: MeshStream): void {
    if (this.closed) return;
    const counters = this.host.counters;
    counters.framesReceived++;
    counters.bytesReceived += frame.length;
    const slots = this.host.decoder.decode(frame);
    if (typeof slots === 'string') {
      counters.protocolErrors++;
      const details = `undecodable frame from member ${this.id}: ${slots}`;
      this.host.options.onError(
        new MeshProtocolError(`${details}; its stream was closed and the peer reconnects`),
        `mesh stream with ${this.id}`,
      );
      if (stream === this.stream) this.streamEnded(stream, details, status.INTERNAL);
      else closeMeshStream(stream, status.INTERNAL, details);
      return;
    }
    counters.envelopesReceived += deliverFrame(slots, this);
  }

  envelope(envelope: Envelope, hops: number): void {
    this.host.deliver(this.id, envelope, hops);
  }

  response(requestId: number, ok: boolean, payload: unknown): void {
    const record = this.outbox.pending.take(requestId);
    if (record === undefined || record.pending!.settled) return;
    this.host.counters.askSeconds.observe((performance.now() - record.queuedAtMs) / 1000);
    if (ok) record.pending!.settle(payload);
    else record.pending!.fail(fromErrorData(payload as ErrorData));
  }

  // ---- the stream ----

  /** Dials the pair's stream if this node is the dialer and none is open, being opened or waiting to be retried. */
  dial(): void {
    if (this.closed || !this.member || !this.dialer) return;
    if (this.stream !== undefined || this.dialing !== undefined || this.reconnectTimer !== undefined) return;
    const client = createMeshClient(this.host.options, this.address);
    const call = openMeshStream(client, this.host.selfId(), this.id);
    this.client = client;
    this.dialing = call;
    this.watch(call);
    call.on('metadata', (metadata: grpc.Metadata) => {
      if (this.dialing !== call) return;
      const accepted = readAccepted(metadata);
      if (accepted === '') return; // a refusal: its status follows as an error
      if (accepted !== this.id) {
        call.cancel();
        return;
      }
      this.dialing = undefined;
      this.host.counters.streamsDialed++;
      this.attach(call, true);
    });
  }

  /**
   * Makes `stream` the pair's stream (a newer stream from the same peer replaces the old one). `watched`: its
   * end-of-stream listeners are registered already (the dialer registers them before the peer accepts).
   */
  attach(stream: MeshStream, watched: boolean): void {
    if (this.closed) {
      closeMeshStream(stream, status.UNAVAILABLE, `member ${this.id} is no longer a peer of this node`);
      return;
    }
    if (this.stream !== undefined) {
      this.detach(this.stream, 'replaced by a newer stream from the same member', status.ABORTED);
    }
    this.stream = stream;
    this.generation++;
    this.attempts = 0;
    this.lastDialFailure = undefined;
    if (!watched) this.watch(stream);
    stream.on('data', (frame: Buffer) => this.receive(frame, stream));
    stream.on('drain', () => this.outbox.drained(stream));
    this.outbox.open(stream, this.generation);
  }

  /** Registers the end-of-stream listeners (once per stream). */
  private watch(stream: MeshStream): void {
    stream.on('error', (error: Error & { details?: string }) =>
      this.streamEnded(stream, error.details ?? error.message, status.UNAVAILABLE),
    );
    stream.on('end', () => this.streamEnded(stream, 'the peer ended the stream', status.OK));
    stream.on('close', () => this.streamEnded(stream, 'the stream closed', status.OK));
    stream.on('cancelled', () => this.streamEnded(stream, 'the peer cancelled the stream', status.CANCELLED));
  }

  private streamEnded(stream: MeshStream, reason: string, code: status): void {
    if (stream === this.stream) {
      this.detach(stream, reason, code);
      if (this.dialer) {
        this.closeClient();
        this.scheduleReconnect();
      } else if (!this.member) {
        this.shutdown(`member ${this.id} is not (yet) in this node's membership view and its stream closed`);
        this.host.forget(this);
      }
      return;
    }
    if (stream !== this.dialing) return;
    this.dialing = undefined;
    this.host.counters.dialFailures++;
    // Each new reason is reported once, not every retry.
    if (reason !== this.lastDialFailure && !this.closed) {
      this.lastDialFailure = reason;
      this.host.options.onError(
        new PeerUnavailableError(
          `cannot open the mesh stream to member ${this.id} at ${this.address}: ${reason}; retrying with backoff`,
        ),
        `mesh dial to ${this.id}`,
      );
    }
    this.closeClient();
    this.scheduleReconnect();
  }

  /** The pair's stream is gone: asks written on it fail at once; queued messages wait for the next stream. */
  private detach(stream: MeshStream, reason: string, code: status): void {
    this.stream = undefined;
    this.host.counters.asksFailed += this.outbox.detach(
      () =>
        new PeerUnavailableError(
          `the mesh stream to member ${this.id} broke (${reason}); an ask sent on it may or may not have been ` +
            'handled; a retry routes afresh',
        ),
    );
    closeMeshStream(stream, code, reason);
  }

  private scheduleReconnect(): void {
    if (this.closed || !this.member || !this.dialer || this.reconnectTimer !== undefined) return;
    this.attempts++;
    const { reconnectInitialMs, reconnectMaxMs } = this.host.options;
    const delay = reconnectDelayMs(this.attempts, reconnectInitialMs, reconnectMaxMs, Math.random());
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.dial();
    }, delay);
    this.reconnectTimer.unref();
  }

  /** The peer moved (same member id, new address): reconnect there. */
  moveTo(address: string): void {
    if (address === this.address) return;
    this.address = address;
    if (!this.dialer) return;
    if (this.stream !== undefined) this.detach(this.stream, `member moved to ${address}`, status.UNAVAILABLE);
    if (this.dialing !== undefined) {
      const dialing = this.dialing;
      this.dialing = undefined;
      dialing.cancel();
    }
    this.closeClient();
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.dial();
  }

  /**
   * The peer is gone for this node (left, declared dead, or this node closes or rejoins): every pending ask and
   * queued message fails or is dropped at once, and the stream closes. `graceful`: queued messages are written
   * out first where a stream is open, and the stream ends cleanly.
   */
  shutdown(reason: string, graceful = false): void {
    if (this.closed) return;
    if (graceful) this.outbox.flushAll();
    this.closed = true;
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = undefined;
    this.outbox.discard(new PeerUnavailableError(reason));
    const stream = this.stream;
    this.stream = undefined;
    if (stream !== undefined) closeMeshStream(stream, graceful ? status.OK : status.UNAVAILABLE, reason);
    if (this.dialing !== undefined) {
      this.dialing.cancel();
      this.dialing = undefined;
    }
    // A closed channel lets calls already started run to their end, so an ended stream still delivers its frames.
    this.closeClient();
  }

  private closeClient(): void {
    this.client?.close();
    this.client = undefined;
  }
}
