// What write-behind counts on this node, for the node's metrics: how long document saves take (queued to
// acknowledged), saves and loads refused for a stale epoch, and store failures. Dirty documents are counted at
// scrape time (Persistence.pendingWrites).
import { BucketHistogram } from '../../observability/bucket-histogram.ts';
import { ROUND_TRIP_SECONDS_BUCKETS } from '../../observability/metric-buckets.ts';

export class PersistenceStats {
  /** Document saves from sending to the store's answer, acknowledged or refused (failures are not in it). */
  readonly flushSeconds = new BucketHistogram(ROUND_TRIP_SECONDS_BUCKETS);
  /** Loads and saves the store refused because a newer activation owns the document. */
  staleEpochRejections = 0;
  /** Loads and saves that failed (store or shard unreachable, store error); saves are retried. */
  storeErrors = 0;
}
