// Write-behind for persistent actors (DESIGN §3): one service per ActorSystem. An activation loads its document
// with a fenced load (its epoch becomes the document's), works on a tracked copy in memory, and dirty documents
// are saved in batches: after the kind's flush interval, on persist() (durable before it returns), on
// deactivation (before the directory entry is released), on drain and on shutdown. A save refused for a stale
// epoch makes the activation a zombie: it stops serving. Saves that fail for an unavailable store stay dirty and
// are retried with backoff; past a bound on pending documents, writers get a back-pressure error.
import type { ActorSystem } from '../../actor/actor-system.ts';
import { currentTrace, type TraceContext } from '../../actor/actor-tracer.ts';
import { PersistenceBackpressureError, StaleEpochError, StoreUnavailableError } from '../errors.ts';
import { type TrackedDocument, trackDocument } from '../tracking/index.ts';
import { PersistenceStats } from './persistence-stats.ts';
import type { StateBackend } from './state-backend.ts';

export interface PersistenceOptions {
  readonly backend: StateBackend;
  /** A dirty document is saved at most this long after its first unsaved write (default: 5000). */
  readonly flushIntervalMs?: number;
  /** Dirty documents not yet saved before persist() and new activations are refused (default: 10_000). */
  readonly maxPendingDocuments?: number;
  /** Backoff of retried saves while the store is unavailable (default: 100 ms doubling to 5000 ms). */
  readonly retryInitialMs?: number;
  readonly retryMaxMs?: number;
  /** How often dirty documents are looked for (default: 250 ms). */
  readonly sweepIntervalMs?: number;
  /** Failures nobody waits for (a background save that will be retried, a zombie detected). */
  readonly onError?: (error: unknown, where: string) => void;
}

/** What a persistent actor is to the service: its identity, its document field, and how to stop it. */
export interface PersistentTarget {
  readonly ctx: { readonly kind: string; readonly id: string; readonly epoch: number; deactivate(): void };
  state: object;
}

interface Waiter {
  readonly revision: number;
  resolve(): void;
  reject(error: unknown): void;
}

class DocumentRecord {
  readonly target: PersistentTarget;
  readonly kind: string;
  readonly id: string;
  readonly epoch: number;
  readonly tracked: TrackedDocument<object>;
  /** Version of the last save sent; the store accepts only increasing versions within an epoch. */
  version: number;
  /** tracked.revision that the store has acknowledged. */
  ackedRevision: number;
  inFlight: Promise<void> | null = null;
  /** When the first write not yet saved was noticed (0: clean). */
  dirtySince = 0;
  failures = 0;
  retryAt = 0;
  zombie = false;
  waiters: Waiter[] = [];

  constructor(target: PersistentTarget, tracked: TrackedDocument<object>, version: number) {
    this.target = target;
    this.kind = target.ctx.kind;
    this.id = target.ctx.id;
    this.epoch = target.ctx.epoch;
    this.tracked = tracked;
    this.version = version;
    this.ackedRevision = tracked.revision;
  }

  get dirty(): boolean {
    return this.tracked.revision > this.ackedRevision;
  }

  /** dirty without applying pending deletes first: O(1), for the sweep over every live document. */
  get writtenSinceAck(): boolean {
    return this.tracked.writeRevision > this.ackedRevision;
  }
}

const services = new WeakMap<ActorSystem, Persistence>();

export class Persistence {
  /** What write-behind counted so far (the node's metrics read it). */
  readonly stats = new PersistenceStats();
  private readonly backend: StateBackend;
  private readonly flushIntervalMs: number;
  private readonly maxPendingDocuments: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;
  private readonly onError: (error: unknown, where: string) => void;
  private readonly records = new Map<PersistentTarget, DocumentRecord>();
  private readonly sweeper: NodeJS.Timeout;
  private pending = 0;
  /** The system this service is attached to: its tracer records flushes. */
  private system: ActorSystem | null = null;

  constructor(options: PersistenceOptions) {
    this.backend = options.backend;
    this.flushIntervalMs = options.flushIntervalMs ?? 5_000;
    this.maxPendingDocuments = options.maxPendingDocuments ?? 10_000;
    this.retryInitialMs = options.retryInitialMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 5_000;
    this.onError = options.onError ?? (() => {});
    this.sweeper = setInterval(() => this.sweep(), options.sweepIntervalMs ?? 250);
    this.sweeper.unref();
  }

  /** Makes this service the one persistent actors of `system` use. */
  attachTo(system: ActorSystem): this {
    services.set(system, this);
    this.system = system;
    return this;
  }

  /** The service attached to `system`. */
  static of(system: ActorSystem): Persistence {
    const service = services.get(system);
    if (service === undefined) {
      throw new StoreUnavailableError(
        'this ActorSystem has no persistence: create a Persistence and attachTo(system) before persistent actors run',
      );
    }
    return service;
  }

  /** Dirty documents whose latest state the store has not acknowledged. */
  pendingWrites(): number {
    let pending = 0;
    for (const record of this.records.values()) if (!record.zombie && record.writtenSinceAck) pending++;
    return pending;
  }

  /** The sweep's count says the limit is reached: confirm with a fresh count (saves may have landed since). */
  private overPendingLimit(): boolean {
    if (this.pending < this.maxPendingDocuments) return false;
    this.pending = this.pendingWrites();
    return this.pending >= this.maxPendingDocuments;
  }

  /** Live persistent activations. */
  get size(): number {
    return this.records.size;
  }

  /** Fenced load of the actor's document; installs the tracked document as `target.state`. */
  async activate(target: PersistentTarget): Promise<void> {
    if (this.overPendingLimit()) throw this.backpressure();
    const { kind, id, epoch } = target.ctx;
    const result = await this.backend.load({ kind, id, epoch }).catch((error: unknown) => {
      this.stats.storeErrors++;
      throw error;
    });
    if (!result.ok) {
      this.stats.staleEpochRejections++;
      throw new StaleEpochError(
        `${kind}/${id}: a newer activation (epoch ${result.storedEpoch}) owns the document, this one has epoch ` +
          `${epoch}; it will not serve. Retry: the call is routed to the current owner`,
        { details: { kind, id, epoch, storedEpoch: result.storedEpoch } },
      );
    }
    const document = (result.doc ?? target.state ?? {}) as object;
    const tracked = trackDocument(document);
    target.state = tracked.root;
    this.records.set(target, new DocumentRecord(target, tracked, result.version));
  }

  /** Makes the current state durable; resolves once the store acknowledged a save that includes it. */
  persist(target: PersistentTarget): Promise<void> {
    const record = this.recordOf(target);
    if (record.zombie) return Promise.reject(this.staleError(record));
    if (!record.dirty) return Promise.resolve();
    if (this.overPendingLimit()) return Promise.reject(this.backpressure());
    return this.persistRecord(record);
  }

  /** Last save before the activation ends: resolves once it is durable (retrying while the store is down). */
  async deactivate(target: PersistentTarget): Promise<void> {
    const record = this.records.get(target);
    if (record === undefined) return;
    try {
      if (!record.zombie) await this.persistRecord(record);
    } finally {
      this.records.delete(target);
    }
  }

  /** Saves every dirty document now (drain, shutdown); resolves when all are durable or `timeoutMs` passed. */
  async flushAll(timeoutMs = 10_000): Promise<{ flushed: number; unsaved: number }> {
    const dirty = [...this.records.values()].filter((record) => record.dirty && !record.zombie);
    let timer: NodeJS.Timeout | undefined;
    const outcomes = await Promise.race([
      Promise.allSettled(dirty.map((record) => this.persistRecord(record))),
      new Promise<undefined>((resolve) => {
        timer = setTimeout(() => resolve(undefined), timeoutMs);
      }),
    ]);
    clearTimeout(timer);
    const flushed = outcomes?.filter((outcome) => outcome.status === 'fulfilled').length ?? 0;
    return { flushed, unsaved: dirty.length - flushed };
  }

  stop(): void {
    clearInterval(this.sweeper);
  }

  // ---- internals ----

  private persistRecord(record: DocumentRecord): Promise<void> {
    const revision = record.tracked.revision;
    if (revision <= record.ackedRevision) return Promise.resolve();
    const done = new Promise<void>((resolve, reject) => record.waiters.push({ revision, resolve, reject }));
    this.flush(record);
    return done;
  }

  private recordOf(target: PersistentTarget): DocumentRecord {
    const record = this.records.get(target);
    if (record === undefined) {
      throw new StoreUnavailableError(
        `${target.ctx.kind}/${target.ctx.id} has no loaded document: persist() works between onActivate and ` +
          'onDeactivate of a PersistentActor (call super.onActivate() first when you override it)',
      );
    }
    return record;
  }

  /** Starts a save of the current state unless one is in flight (that one's completion starts the next). */
  private flush(record: DocumentRecord): void {
    if (record.inFlight !== null || record.zombie) return;
    const revision = record.tracked.revision;
    const version = ++record.version;
    const startedMs = performance.now();
    const span = this.flushSpan(record, version);
    const save = this.backend.save({
      kind: record.kind,
      id: record.id,
      epoch: record.epoch,
      version,
      doc: record.tracked.snapshot(),
    });
    record.inFlight = save.then(
      (result) => {
        record.inFlight = null;
        if (span !== null) this.endFlushSpan(span, result.ok ? undefined : this.staleError(record, result.storedEpoch));
        this.stats.flushSeconds.observe((performance.now() - startedMs) / 1000);
        if (result.ok) this.saved(record, revision);
        else {
          this.stats.staleEpochRejections++;
          this.becameZombie(record, this.staleError(record, result.storedEpoch));
        }
      },
      (error: unknown) => {
        record.inFlight = null;
        if (span !== null) this.endFlushSpan(span, error ?? 'save failed');
        this.stats.storeErrors++;
        this.saveFailed(record, error);
      },
    );
  }

  /** With tracing on: a span for the save, in the trace of the turn that asked for it (persist()), else its own. */
  private flushSpan(record: DocumentRecord, version: number): TraceContext | null {
    const tracer = this.system?.tracer ?? null;
    if (tracer === null) return null;
    return tracer.startSpan(`flush ${record.kind}`, currentTrace(), {
      'gamecluster.actor.kind': record.kind,
      'gamecluster.actor.id': record.id,
      'gamecluster.document.version': version,
    });
  }

  /** `failure`: why the save did not land (undefined: it did). */
  private endFlushSpan(span: TraceContext, failure: unknown): void {
    this.system?.tracer?.endSpan(span, failure !== undefined, failure);
  }

  private saved(record: DocumentRecord, revision: number): void {
    if (revision > record.ackedRevision) record.ackedRevision = revision;
    record.failures = 0;
    record.retryAt = 0;
    record.dirtySince = record.dirty ? performance.now() : 0;
    const still: Waiter[] = [];
    for (const waiter of record.waiters) {
      if (waiter.revision <= record.ackedRevision) waiter.resolve();
      else still.push(waiter);
    }
    record.waiters = still;
    // Writes made while the save was in flight, that someone waits for: save them right away.
    if (still.length > 0) this.flush(record);
  }

  private saveFailed(record: DocumentRecord, error: unknown): void {
    record.failures++;
    const backoff = Math.min(this.retryMaxMs, this.retryInitialMs * 2 ** (record.failures - 1));
    record.retryAt = performance.now() + backoff * (0.5 + Math.random() / 2);
    this.onError(error, `saving ${record.kind}/${record.id} (retry ${record.failures} in ${Math.round(backoff)} ms)`);
  }

  private becameZombie(record: DocumentRecord, error: StaleEpochError): void {
    record.zombie = true;
    for (const waiter of record.waiters) waiter.reject(error);
    record.waiters = [];
    this.onError(error, `saving ${record.kind}/${record.id}`);
    record.target.ctx.deactivate();
  }

  private sweep(): void {
    const now = performance.now();
    let pending = 0;
    // Polled for every live document: writes are seen at once; a delete alone on a plain object is seen with the
    // next write, persist(), deactivation or flushAll.
    for (const record of this.records.values()) {
      if (record.zombie || !record.writtenSinceAck) continue;
      pending++;
      if (record.inFlight !== null) continue;
      if (record.dirtySince === 0) record.dirtySince = now;
      const due = record.failures > 0 ? now >= record.retryAt : now - record.dirtySince >= this.flushIntervalMs;
      if (due || (record.waiters.length > 0 && record.failures === 0)) this.flush(record);
    }
    this.pending = pending;
  }

  private staleError(record: DocumentRecord, storedEpoch?: number): StaleEpochError {
    return new StaleEpochError(
      `${record.kind}/${record.id}: a newer activation${storedEpoch === undefined ? '' : ` (epoch ${storedEpoch})`} ` +
        `owns the document; this one (epoch ${record.epoch}) stopped serving and its write was not made. Retry: ` +
        'the call is routed to the current owner',
      { details: { kind: record.kind, id: record.id, epoch: record.epoch, storedEpoch } },
    );
  }

  private backpressure(): PersistenceBackpressureError {
    return new PersistenceBackpressureError(
      `${this.pending} documents wait to be saved (limit ${this.maxPendingDocuments}): the store is down or slow; ` +
        'retry later, or raise maxPendingDocuments if the store is merely slow',
    );
  }
}
