// Lease-based leader election (coordination.k8s.io/v1), so several operator replicas run and one reconciles. A
// replica leads while it holds the Lease: it renews every retry period, and if it cannot renew within the renew
// deadline it stops leading (its caller exits, as a controller must not act on a stale belief). A follower takes
// the Lease once it has seen the same record unchanged for a whole lease duration, measured on its own clock, so
// clock skew between replicas does not matter (the same rule client-go follows). Every write carries the
// resourceVersion it read: two replicas racing for the Lease get one success and one 409.
import type { CoordinationV1Api, V1Lease } from '@kubernetes/client-node';

export interface LeaderElectionOptions {
  readonly api: CoordinationV1Api;
  readonly namespace: string;
  readonly name: string;
  /** This replica's identity (its pod name). */
  readonly identity: string;
  readonly leaseDurationMs: number;
  /** A leader that has not renewed for this long stops leading (default: 2/3 of the lease duration). */
  readonly renewDeadlineMs?: number;
  /** How often to try to acquire or renew (default: 1/5 of the lease duration). */
  readonly retryPeriodMs?: number;
  readonly onStartedLeading: () => void;
  readonly onStoppedLeading: () => void;
  readonly log?: (line: Record<string, unknown>) => void;
  readonly now?: () => number;
}

export class LeaderElection {
  private readonly options: LeaderElectionOptions;
  private readonly renewDeadlineMs: number;
  private readonly retryPeriodMs: number;
  private readonly now: () => number;
  private leading = false;
  private stopped = false;
  private timer: NodeJS.Timeout | null = null;
  private lastRenewMs = 0;
  /** The record last read and when this replica first saw it (for expiry on our own clock). */
  private observed: { readonly key: string; readonly sinceMs: number } | null = null;
  private running: Promise<void> | null = null;

  constructor(options: LeaderElectionOptions) {
    this.options = options;
    this.renewDeadlineMs = options.renewDeadlineMs ?? Math.floor((options.leaseDurationMs * 2) / 3);
    this.retryPeriodMs = options.retryPeriodMs ?? Math.max(100, Math.floor(options.leaseDurationMs / 5));
    this.now = options.now ?? Date.now;
  }

  get isLeader(): boolean {
    return this.leading;
  }

  /** Starts trying to acquire the Lease (returns at once). */
  start(): void {
    this.schedule(0);
  }

  /** Stops; a leader releases the Lease so another replica takes over without waiting for it to expire. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) clearTimeout(this.timer);
    await this.running;
    if (this.leading) {
      this.leading = false;
      await this.release().catch(() => undefined);
      this.options.onStoppedLeading();
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.running = this.tick().finally(() => {
        this.running = null;
      });
    }, delayMs);
  }

  private async tick(): Promise<void> {
    let held = false;
    try {
      held = await this.tryAcquireOrRenew();
    } catch (error) {
      this.options.log?.({ level: 'warn', msg: 'lease request failed', error: String(error) });
    }
    if (this.stopped) return;
    const now = this.now();
    if (held) {
      this.lastRenewMs = now;
      if (!this.leading) {
        this.leading = true;
        this.options.log?.({
          level: 'info',
          msg: 'leading',
          lease: this.options.name,
          identity: this.options.identity,
        });
        this.options.onStartedLeading();
      }
    } else if (this.leading && now - this.lastRenewMs >= this.renewDeadlineMs) {
      this.leading = false;
      this.options.log?.({ level: 'error', msg: 'lost the lease', lease: this.options.name });
      this.options.onStoppedLeading();
    }
    this.schedule(this.retryPeriodMs);
  }

  /** One attempt: true when this replica holds the Lease afterwards. */
  private async tryAcquireOrRenew(): Promise<boolean> {
    const { api, namespace, name, identity } = this.options;
    const now = new Date(this.now());
    const durationSeconds = Math.max(1, Math.round(this.options.leaseDurationMs / 1000));
    let lease: V1Lease;
    try {
      lease = await api.readNamespacedLease({ name, namespace });
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
      try {
        await api.createNamespacedLease({
          namespace,
          body: {
            apiVersion: 'coordination.k8s.io/v1',
            kind: 'Lease',
            metadata: { name, namespace },
            spec: {
              holderIdentity: identity,
              leaseDurationSeconds: durationSeconds,
              acquireTime: now,
              renewTime: now,
              leaseTransitions: 0,
            },
          },
        });
        return true;
      } catch (createError) {
        if (statusOf(createError) === 409) return false;
        throw createError;
      }
    }
    const spec = lease.spec ?? {};
    const holder = spec.holderIdentity ?? '';
    const key = `${holder}|${spec.renewTime?.toISOString?.() ?? String(spec.renewTime)}|${lease.metadata?.resourceVersion}`;
    if (this.observed?.key !== key) this.observed = { key, sinceMs: this.now() };
    const heldByOther = holder !== '' && holder !== identity;
    const leaseMs = (spec.leaseDurationSeconds ?? durationSeconds) * 1000;
    if (heldByOther && this.now() - this.observed.sinceMs < leaseMs) return false;
    const transitions = (spec.leaseTransitions ?? 0) + (holder === identity ? 0 : 1);
    try {
      await api.replaceNamespacedLease({
        name,
        namespace,
        body: {
          ...lease,
          spec: {
            holderIdentity: identity,
            leaseDurationSeconds: durationSeconds,
            acquireTime: holder === identity ? (spec.acquireTime ?? now) : now,
            renewTime: now,
            leaseTransitions: transitions,
          },
        },
      });
      return true;
    } catch (error) {
      if (statusOf(error) === 409) return false;
      throw error;
    }
  }

  /** Gives the Lease up: empty holder, so a follower acquires it at its next try. */
  private async release(): Promise<void> {
    const { api, namespace, name, identity } = this.options;
    const lease = await api.readNamespacedLease({ name, namespace });
    if (lease.spec?.holderIdentity !== identity) return;
    await api.replaceNamespacedLease({
      name,
      namespace,
      body: {
        ...lease,
        spec: { ...lease.spec, holderIdentity: '', leaseDurationSeconds: 1, renewTime: new Date(this.now()) },
      },
    });
  }
}

/** The HTTP status of a failed API call (the client's ApiException carries it as `code`). */
export function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'number' ? code : undefined;
}
