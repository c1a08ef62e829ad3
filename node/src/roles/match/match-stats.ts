// What the match role counts on a node for its metrics, per queue: how long tickets waited until their match's
// room opened, matches made, tickets timed out. Queue sizes are read from the local Matchmakers at scrape time
// (install-match.ts queueSizes). Queue names are the registered ones only, so the `queue` label stays bounded.
import type { ActorSystem } from '../../actor/actor-system.ts';
import { BucketHistogram } from '../../observability/bucket-histogram.ts';
import { QUEUE_WAIT_SECONDS_BUCKETS } from '../../observability/metric-buckets.ts';

export class QueueStats {
  /** Per ticket: from enqueue to the match's room being open (match.found). */
  readonly waitSeconds = new BucketHistogram(QUEUE_WAIT_SECONDS_BUCKETS);
  /** Matches whose room opened. */
  matches = 0;
  /** Tickets dropped for waiting longer than the queue's timeoutMs. */
  timeouts = 0;
}

export class MatchStats {
  readonly queues = new Map<string, QueueStats>();

  /** The stats of queue `name` (made on first use). */
  queue(name: string): QueueStats {
    let stats = this.queues.get(name);
    if (stats === undefined) {
      stats = new QueueStats();
      this.queues.set(name, stats);
    }
    return stats;
  }

  /** The match stats of `system` (made on first use). */
  static of(system: ActorSystem): MatchStats {
    let stats = statsBySystem.get(system);
    if (stats === undefined) {
      stats = new MatchStats();
      statsBySystem.set(system, stats);
    }
    return stats;
  }
}

const statsBySystem = new WeakMap<ActorSystem, MatchStats>();
