// A state store in process memory, for tests: the same fencing rules and batch checks as the SQL stores, and
// documents kept encoded so a loaded document is a copy, never the object that was saved.
import { StoreUnavailableError } from '../errors.ts';
import type { LoadRequest, LoadResult, SaveRequest, SaveResult, StateStore } from '../state-store.ts';
import { decodeDocument, storedBytes } from './document-codec.ts';
import { fenceAfterLoad, isNewerWrite, type StoredFence } from './fence-rules.ts';
import { checkSaveBatch, spreadLoadResults, uniqueLoads } from './state-batch.ts';

interface MemoryRow extends StoredFence {
  /** undefined until the first save (a load alone creates the row, as in the SQL stores). */
  readonly bytes: Uint8Array | undefined;
}

export class MemoryStateStore implements StateStore {
  readonly kind = 'memory' as const;
  private readonly rowsByKind = new Map<string, Map<string, MemoryRow>>();
  private closed = false;

  async start(): Promise<void> {
    this.checkOpen();
  }

  async load(requests: readonly LoadRequest[]): Promise<LoadResult[]> {
    this.checkOpen();
    const loads = uniqueLoads(requests);
    const results = loads.requests.map((request): LoadResult => {
      const row = this.row(request.kind, request.id);
      const fence = fenceAfterLoad(row, request.epoch);
      if (fence === undefined) return { ok: false, reason: 'stale', storedEpoch: (row as MemoryRow).epoch };
      const bytes = row?.bytes;
      this.setRow(request.kind, request.id, { epoch: fence.epoch, version: fence.version, bytes });
      const doc = bytes === undefined ? undefined : decodeDocument(request, bytes);
      return { ok: true, doc, version: fence.version };
    });
    return spreadLoadResults(requests, loads, results);
  }

  async save(requests: readonly SaveRequest[]): Promise<SaveResult[]> {
    this.checkOpen();
    checkSaveBatch(requests);
    // Encode the whole batch first: one bad document fails the batch with nothing written, as in the SQL stores.
    const encoded = requests.map(storedBytes);
    return requests.map((request, index): SaveResult => {
      const row = this.row(request.kind, request.id);
      if (!isNewerWrite(row, request.epoch, request.version)) {
        const stored = row as MemoryRow;
        return { ok: false, reason: 'stale', storedEpoch: stored.epoch, storedVersion: stored.version };
      }
      this.setRow(request.kind, request.id, {
        epoch: request.epoch,
        version: request.version,
        bytes: encoded[index],
      });
      return { ok: true };
    });
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  /** Every saved document of `kind`, decoded: what tests and tools check, also after close(). */
  documents(kind: string): Map<string, unknown> {
    const documents = new Map<string, unknown>();
    for (const [id, row] of this.rowsByKind.get(kind) ?? []) {
      if (row.bytes !== undefined) documents.set(id, decodeDocument({ kind, id }, row.bytes));
    }
    return documents;
  }

  private row(kind: string, id: string): MemoryRow | undefined {
    return this.rowsByKind.get(kind)?.get(id);
  }

  private setRow(kind: string, id: string, row: MemoryRow): void {
    let rows = this.rowsByKind.get(kind);
    if (rows === undefined) {
      rows = new Map();
      this.rowsByKind.set(kind, rows);
    }
    rows.set(id, row);
  }

  private checkOpen(): void {
    if (this.closed) throw new StoreUnavailableError('the memory state store is closed: create a new one');
  }
}
