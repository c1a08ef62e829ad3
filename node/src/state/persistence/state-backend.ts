// Where write-behind sends loads and saves: straight to a StateStore in this process (DirectBackend), or to the
// db role's StoreShard actors across the cluster (roles/db). One document per call; backends batch.
import type { DocumentKey, LoadRequest, LoadResult, SaveRequest, SaveResult, StateStore } from '../state-store.ts';
import { TurnBatcher } from './turn-batcher.ts';

export interface StateBackend {
  load(request: LoadRequest): Promise<LoadResult>;
  save(request: SaveRequest): Promise<SaveResult>;
}

/** Batches the loads and saves of each event-loop turn into one statement on a store in this process. */
export class DirectBackend implements StateBackend {
  private readonly loads: TurnBatcher<LoadRequest, LoadResult>;
  private readonly saves: TurnBatcher<SaveRequest, SaveResult>;

  constructor(store: StateStore, maxBatch?: number) {
    this.loads = new TurnBatcher({
      run: (batch) => inStatementsWithoutDuplicates((b) => store.load(b), batch),
      maxBatch,
    });
    this.saves = new TurnBatcher({
      run: (batch) => inStatementsWithoutDuplicates((b) => store.save(b), batch),
      maxBatch,
    });
  }

  load(request: LoadRequest): Promise<LoadResult> {
    return this.loads.submit(request);
  }

  save(request: SaveRequest): Promise<SaveResult> {
    return this.saves.submit(request);
  }
}

/**
 * A store statement may hold each key once (an upsert cannot touch a row twice): requests for a key already in
 * the batch go in a following statement, in order. Rare: a document is loaded once per activation and saved one
 * flush at a time, so only racing activations repeat a key.
 */
async function inStatementsWithoutDuplicates<Request extends DocumentKey, Result>(
  run: (batch: Request[]) => Promise<Result[]>,
  batch: Request[],
): Promise<Result[]> {
  const results: Result[] = new Array(batch.length);
  let remaining = batch.map((request, index) => ({ request, index }));
  while (remaining.length > 0) {
    const seen = new Set<string>();
    const now: typeof remaining = [];
    const later: typeof remaining = [];
    for (const item of remaining) {
      const key = `${item.request.kind}\u0000${item.request.id}`;
      if (seen.has(key)) later.push(item);
      else {
        seen.add(key);
        now.push(item);
      }
    }
    const outcomes = await run(now.map((item) => item.request));
    for (let i = 0; i < now.length; i++) results[now[i]!.index] = outcomes[i]!;
    remaining = later;
  }
  return results;
}

export { inStatementsWithoutDuplicates };
