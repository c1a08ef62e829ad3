// The asks sent to one peer that still wait for their response, by the request id the transport gave them.
// Ids are per peer and wrap before 2^31 so they stay small msgpack integers; settled entries (the caller's
// deadline passed) are swept periodically so the table never leaks.
import type { OutboundRecord } from './outbound-record.ts';

/** The caller's side of an ask: the transport settles or fails it once; `settled` says it no longer waits. */
export interface PendingAsk {
  readonly settled: boolean;
  settle(value: unknown): void;
  fail(error: unknown): void;
}

const MAX_REQUEST_ID = 0x7fff_ffff;

export class PendingAsks {
  private readonly byId = new Map<number, OutboundRecord>();
  private lastId = 0;

  get size(): number {
    return this.byId.size;
  }

  /** Gives the ask record its request id and remembers it. */
  add(record: OutboundRecord): number {
    let id = this.lastId;
    do {
      id = id === MAX_REQUEST_ID ? 1 : id + 1;
    } while (this.byId.has(id));
    this.lastId = id;
    record.requestId = id;
    this.byId.set(id, record);
    return id;
  }

  /** Removes and returns the ask `requestId` answers; undefined for unknown (failed, swept) ids. */
  take(requestId: number): OutboundRecord | undefined {
    const record = this.byId.get(requestId);
    if (record !== undefined) this.byId.delete(requestId);
    return record;
  }

  delete(record: OutboundRecord): void {
    if (this.byId.get(record.requestId) === record) this.byId.delete(record.requestId);
  }

  /** Fails (and forgets) every ask written on stream `generation`: they may or may not have been handled. */
  failWritten(generation: number, error: () => unknown): number {
    let failed = 0;
    let shared: unknown;
    for (const [id, record] of this.byId) {
      if (record.writtenOn !== generation) continue;
      this.byId.delete(id);
      if (record.pending!.settled) continue;
      shared ??= error();
      record.pending!.fail(shared);
      failed++;
    }
    return failed;
  }

  /** Fails and forgets every ask, written or still queued. */
  failAll(error: unknown): number {
    let failed = 0;
    for (const record of this.byId.values()) {
      if (record.pending!.settled) continue;
      record.pending!.fail(error);
      failed++;
    }
    this.byId.clear();
    return failed;
  }

  /** Forgets asks whose caller no longer waits; returns how many. */
  sweep(): number {
    let removed = 0;
    for (const [id, record] of this.byId) {
      if (!record.pending!.settled) continue;
      this.byId.delete(id);
      removed++;
    }
    return removed;
  }
}
