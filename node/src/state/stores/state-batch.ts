// Checks and orders the batches a store receives, before anything is sent: a bad request fails the batch at
// once with InvalidDocumentError (retrying it could never succeed) instead of failing the statement, which
// the caller would take for an outage and retry forever.
import { InvalidDocumentError } from '../errors.ts';
import type { DocumentKey, LoadRequest, LoadResult, SaveRequest } from '../state-store.ts';
import { describeKey } from './document-codec.ts';

/** A load batch reduced to one request per key (the highest epoch asked), with where each request went. */
export interface UniqueLoads {
  readonly requests: readonly LoadRequest[];
  /** For each original request, the index of its key in `requests`. */
  readonly slotOf: readonly number[];
}

/** Throws InvalidDocumentError when a key repeats or a key, epoch or version cannot be stored. */
export function checkSaveBatch(requests: readonly SaveRequest[]): void {
  const seen = new Set<string>();
  for (const request of requests) {
    checkKey(request, 'save');
    checkCounter(request, 'save', 'epoch', request.epoch);
    checkCounter(request, 'save', 'version', request.version);
    const identity = keyIdentity(request);
    if (seen.has(identity)) {
      throw new InvalidDocumentError(
        `save batch holds ${describeKey(request)} more than once: a key appears at most once per batch; send only its latest version`,
        { details: { kind: request.kind, id: request.id } },
      );
    }
    seen.add(identity);
  }
}

/**
 * Checks a load batch and merges repeated keys: the highest epoch asked is the one sent, as if the loads ran one
 * after another; lower epochs of the same key then come back stale.
 */
export function uniqueLoads(requests: readonly LoadRequest[]): UniqueLoads {
  const slotByKey = new Map<string, number>();
  const unique: LoadRequest[] = [];
  const slotOf: number[] = [];
  for (const request of requests) {
    checkKey(request, 'load');
    checkCounter(request, 'load', 'epoch', request.epoch);
    const identity = keyIdentity(request);
    const slot = slotByKey.get(identity);
    if (slot === undefined) {
      slotByKey.set(identity, unique.length);
      slotOf.push(unique.length);
      unique.push(request);
    } else {
      slotOf.push(slot);
      if (request.epoch > (unique[slot] as LoadRequest).epoch) unique[slot] = request;
    }
  }
  return { requests: unique, slotOf };
}

/**
 * The result of every original request from the results of its unique load: a request that asked a lower epoch
 * than the one sent for its key lost to it, so it is stale.
 */
export function spreadLoadResults(
  requests: readonly LoadRequest[],
  loads: UniqueLoads,
  results: readonly LoadResult[],
): LoadResult[] {
  return requests.map((request, index) => {
    const slot = loads.slotOf[index] as number;
    const result = results[slot] as LoadResult;
    const sent = loads.requests[slot] as LoadRequest;
    if (request.epoch === sent.epoch) return result;
    return { ok: false, reason: 'stale', storedEpoch: result.ok ? sent.epoch : result.storedEpoch };
  });
}

/**
 * Request indexes in (kind, id) order. Every node writes rows in this one order, so two batches that share keys
 * take their row locks in the same order and cannot deadlock each other.
 */
export function keyOrder(requests: readonly DocumentKey[]): number[] {
  const order = requests.map((_, index) => index);
  return order.sort((a, b) => compareKeys(requests[a] as DocumentKey, requests[b] as DocumentKey));
}

function compareKeys(a: DocumentKey, b: DocumentKey): number {
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return 0;
}

function keyIdentity(key: DocumentKey): string {
  // A NUL cannot appear in a key (checkKey), so it separates kind from id unambiguously.
  return `${key.kind}\u0000${key.id}`;
}

function checkKey(key: DocumentKey, operation: string): void {
  if (typeof key.kind !== 'string' || typeof key.id !== 'string' || key.kind === '') {
    throw new InvalidDocumentError(
      `${operation} of ${String(key.kind)}/${String(key.id)}: kind must be a non-empty string and id a string`,
      { details: { kind: key.kind, id: key.id } },
    );
  }
  // PostgreSQL text cannot hold NUL; failing the statement would look like an outage.
  if (key.kind.includes('\u0000') || key.id.includes('\u0000')) {
    throw new InvalidDocumentError(
      `${operation} of ${JSON.stringify(describeKey(key))}: kind and id cannot contain the NUL character`,
      { details: { kind: key.kind, id: key.id } },
    );
  }
}

function checkCounter(key: DocumentKey, operation: string, name: string, value: number): void {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new InvalidDocumentError(
      `${operation} of ${describeKey(key)} has ${name} ${String(value)}: epochs and versions are whole numbers from 0 to 2^53-1`,
      { details: { kind: key.kind, id: key.id, [name]: String(value) } },
    );
  }
}
