// Counters of a MeshTransport (for metrics and tests): totals since start plus the current gauges.
import { BucketHistogram } from '../../observability/bucket-histogram.ts';
import { BATCH_SIZE_BUCKETS, ROUND_TRIP_SECONDS_BUCKETS } from '../../observability/metric-buckets.ts';

/** Running totals, shared by the transport and its peer connections. */
export class MeshCounters {
  framesSent = 0;
  /** Records written: tells, asks and responses. */
  envelopesSent = 0;
  bytesSent = 0;
  framesReceived = 0;
  envelopesReceived = 0;
  bytesReceived = 0;
  /** Streams this node opened as dialer and the peer accepted. */
  streamsDialed = 0;
  /** Streams peers opened to this node that it accepted. */
  streamsAccepted = 0;
  /** Incoming streams refused by the handshake (wrong member id, version, dial rule, departed member). */
  streamsRejected = 0;
  /** Dial attempts that ended without an accepted stream. */
  dialFailures = 0;
  /** Tells that were queued but never written (the peer left, the transport closed, unencodable). */
  tellsDropped = 0;
  /** Responses that could not be sent (the asker is gone or its queue is full). */
  responsesDropped = 0;
  /** Asks failed because their stream broke or their peer left. */
  asksFailed = 0;
  /** Messages refused because their payload cannot be encoded. */
  encodeFailures = 0;
  /** Frames from peers that could not be decoded (each closed its stream). */
  protocolErrors = 0;
  /** Inbound messages whose handler threw. */
  handlerErrors = 0;
  /** Records per frame written. */
  readonly batchSizes = new BucketHistogram(BATCH_SIZE_BUCKETS);
  /** Asks from queueing to their response (error responses too; asks that failed or timed out are not in it). */
  readonly askSeconds = new BucketHistogram(ROUND_TRIP_SECONDS_BUCKETS);
}

/** Where a member peer's stream stands: open, being dialled, or neither (backoff, or awaiting the peer's dial). */
export type PeerState = 'connected' | 'connecting' | 'disconnected';

export interface MeshStats {
  /** Members this node knows (the last updatePeers, minus self). */
  readonly peers: number;
  /** Streams open right now, dialled and accepted: one per connected peer pair. */
  readonly streams: number;
  /** Messages waiting to be written, over all peers. */
  readonly queued: number;
  /** Asks waiting for their response, over all peers. */
  readonly pendingAsks: number;
  readonly framesSent: number;
  readonly envelopesSent: number;
  readonly bytesSent: number;
  readonly framesReceived: number;
  readonly envelopesReceived: number;
  readonly bytesReceived: number;
  readonly streamsDialed: number;
  readonly streamsAccepted: number;
  readonly streamsRejected: number;
  readonly dialFailures: number;
  readonly tellsDropped: number;
  readonly responsesDropped: number;
  readonly asksFailed: number;
  readonly encodeFailures: number;
  readonly protocolErrors: number;
  readonly handlerErrors: number;
}
