// Keeps one etcd lease alive by hand (not etcd3's autoKeepAlive, which hides when renewals were sent and answered):
// one renewal every interval, never two at once, each with a deadline, and a record of what they proved, from which
// leaseVerdict() decides whether the node may serve.
import type { Etcd3 } from 'etcd3';
import { isLeaseGoneError } from './etcd-errors.ts';
import { type LeaseEvidence, type LeaseVerdict, leaseVerdict } from './lease-verdict.ts';

export interface LeaseKeeperTiming {
  readonly leaseTtlMs: number;
  readonly keepaliveIntervalMs: number;
  readonly keepaliveTimeoutMs: number;
  readonly serveMarginMs: number;
  readonly outageGraceMs: number;
  readonly now: () => number;
}

export interface LeaseKeeperHandlers {
  /** A renewal was answered: the lease lives. */
  renewed(): void;
  /** A renewal got no answer (etcd down, paused or cut off). */
  unreachable(error: unknown): void;
  /** etcd says the lease is gone. The keeper has stopped. */
  lost(reason: string): void;
  /** The serve deadline passed with no witnessed outage (the process stalled). The keeper has stopped. */
  expired(): void;
}

type RenewalOutcome =
  | { readonly type: 'renewed'; readonly ttlSeconds: number }
  | { readonly type: 'gone'; readonly reason: string }
  | { readonly type: 'failed'; readonly error: unknown };

export class LeaseKeeper {
  readonly leaseId: string;
  private readonly client: Etcd3;
  private readonly timing: LeaseKeeperTiming;
  private readonly handlers: LeaseKeeperHandlers;
  private evidence: LeaseEvidence = { serveDeadline: 0, lastRenewalFailed: false, lastFailureSentAt: 0 };
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(client: Etcd3, leaseId: string, timing: LeaseKeeperTiming, handlers: LeaseKeeperHandlers) {
    this.client = client;
    this.leaseId = leaseId;
    this.timing = timing;
    this.handlers = handlers;
  }

  /** Starts renewing; `grantSentAt` is when the grant was sent (the grant itself proves the lease until TTL). */
  start(grantSentAt: number): void {
    this.evidence = {
      serveDeadline: grantSentAt + this.timing.leaseTtlMs - this.timing.serveMarginMs,
      lastRenewalFailed: false,
      lastFailureSentAt: 0,
    };
    this.schedule(grantSentAt);
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  verdict(now: number): LeaseVerdict {
    return leaseVerdict(this.evidence, now, this.timing.outageGraceMs);
  }

  private schedule(lastSentAt: number): void {
    if (this.stopped) return;
    const delay = Math.max(0, lastSentAt + this.timing.keepaliveIntervalMs - this.timing.now());
    this.timer = setTimeout(() => void this.renew(), delay);
  }

  private async renew(): Promise<void> {
    if (this.stopped) return;
    const sentAt = this.timing.now();
    // A late timer is the first sign of a stall: check before renewing, so a renewal that now succeeds cannot
    // hide that the node went unproven for a while.
    if (this.verdict(sentAt) === 'expired') {
      this.stop();
      this.handlers.expired();
      return;
    }
    const outcome = await renewOnce(this.client, this.leaseId, this.timing.keepaliveTimeoutMs);
    if (this.stopped) return;
    switch (outcome.type) {
      case 'renewed': {
        const ttlMs = Math.min(this.timing.leaseTtlMs, outcome.ttlSeconds * 1000);
        this.evidence = {
          serveDeadline: Math.max(this.evidence.serveDeadline, sentAt + ttlMs - this.timing.serveMarginMs),
          lastRenewalFailed: false,
          lastFailureSentAt: this.evidence.lastFailureSentAt,
        };
        this.handlers.renewed();
        break;
      }
      case 'gone':
        this.stop();
        this.handlers.lost(outcome.reason);
        return;
      case 'failed':
        this.evidence = { ...this.evidence, lastRenewalFailed: true, lastFailureSentAt: sentAt };
        this.handlers.unreachable(outcome.error);
        break;
    }
    this.schedule(sentAt);
  }
}

/** One LeaseKeepAlive round trip on its own short stream, settled within `timeoutMs`. */
async function renewOnce(client: Etcd3, leaseId: string, timeoutMs: number): Promise<RenewalOutcome> {
  let stream: Awaited<ReturnType<Etcd3['leaseClient']['leaseKeepAlive']>>;
  try {
    stream = await client.leaseClient.leaseKeepAlive({ deadline: Date.now() + timeoutMs });
  } catch (error) {
    return { type: 'failed', error };
  }
  return new Promise<RenewalOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: RenewalOutcome): void => {
      if (settled) return;
      settled = true;
      clearTimeout(backstop);
      resolve(outcome);
    };
    // The gRPC deadline ends the stream; this only covers a stream that never reports back at all.
    const backstop = setTimeout(() => {
      settle({ type: 'failed', error: new Error(`lease keepalive got no answer within ${timeoutMs} ms`) });
      stream.cancel();
    }, timeoutMs + 100);
    stream.on('data', (response) => {
      const ttlSeconds = Number(response.TTL);
      settle(
        ttlSeconds > 0
          ? { type: 'renewed', ttlSeconds }
          : { type: 'gone', reason: `etcd reports lease ${leaseId} expired or revoked (TTL ${response.TTL})` },
      );
      stream.end(); // half-close: the server then ends the call cleanly (a cancel would count as a failure)
    });
    stream.on('error', (error) => {
      settle(
        isLeaseGoneError(error)
          ? { type: 'gone', reason: `etcd reports lease ${leaseId} not found` }
          : { type: 'failed', error },
      );
    });
    stream.on('end', () => settle({ type: 'failed', error: new Error('lease keepalive stream ended with no answer') }));
    stream.write({ ID: leaseId });
  });
}
