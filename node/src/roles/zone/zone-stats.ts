// What the zone role measures on a node for its metrics: the tick durations of every scene here in one histogram
// (Scene._tick feeds it). The scenes and their players are counted at scrape time (install-zone.ts localScenes).
import type { ActorSystem } from '../../actor/actor-system.ts';
import { BucketHistogram } from '../../observability/bucket-histogram.ts';
import { TICK_SECONDS_BUCKETS } from '../../observability/metric-buckets.ts';

export class ZoneStats {
  /** Scene ticks on this node: the simulation step, the deltas and their pushes. */
  readonly tickSeconds = new BucketHistogram(TICK_SECONDS_BUCKETS);

  /** The zone stats of `system` (made on first use). */
  static of(system: ActorSystem): ZoneStats {
    let stats = statsBySystem.get(system);
    if (stats === undefined) {
      stats = new ZoneStats();
      statsBySystem.set(system, stats);
    }
    return stats;
  }
}

const statsBySystem = new WeakMap<ActorSystem, ZoneStats>();
