// The message as it crosses a process boundary: what the cluster transport carries and what the
// forced-serialization mode round-trips locally, so remote semantics are testable in one process.
import type { ErrorData } from '../errors/index.ts';

export interface Envelope {
  /** Registered kind name of the target actor. */
  readonly kind: string;
  readonly id: string;
  readonly method: string;
  readonly args: readonly unknown[];
  /** Correlates the response; 0 for a one-way tell. */
  readonly requestId: number;
  /**
   * Time left until the ask's deadline when sent, in ms (0 for tells). Relative, like gRPC's grpc-timeout, so the
   * clock skew between nodes does not shorten or stretch deadlines.
   */
  readonly timeoutMs: number;
  /** Call-chain id: reentrancy admits messages of the chain an actor is already serving. */
  readonly chain: number;
  /** W3C traceparent of the caller's span; '' when not traced. */
  readonly trace: string;
}

export interface ResponseEnvelope {
  readonly requestId: number;
  readonly ok: boolean;
  /** The handler's result when ok. */
  readonly value?: unknown;
  /** The typed error as data when not ok. */
  readonly error?: ErrorData;
}
