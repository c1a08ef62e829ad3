// Bucket bounds of the node's histograms, in base units (seconds, messages), chosen once so every node exposes the
// same buckets and dashboards can aggregate them across the cluster. docs/metrics.md lists which metric uses which.

/** One actor turn: 10 µs (a state update) to 5 s (a turn that awaits a slow store). */
export const TURN_SECONDS_BUCKETS: readonly number[] = [
  0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 1, 5,
];

/** A round trip over the network (mesh asks) or to the store (flushes): 100 µs to 10 s. */
export const ROUND_TRIP_SECONDS_BUCKETS: readonly number[] = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10,
];

/** Messages per mesh frame: powers of two up to the default batch limit. */
export const BATCH_SIZE_BUCKETS: readonly number[] = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

/** One scene tick: 50 µs to 250 ms (at 20 Hz a tick has 50 ms). */
export const TICK_SECONDS_BUCKETS: readonly number[] = [
  0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25,
];

/** A player's wait in a matchmaking queue: 1 s to 10 min. */
export const QUEUE_WAIT_SECONDS_BUCKETS: readonly number[] = [1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120, 180, 300, 600];
