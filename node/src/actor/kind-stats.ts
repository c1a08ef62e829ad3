// What the runtime counts per actor kind on this node, for the node's metrics: plain fields bumped where things
// happen, and turn durations timed for one turn in TURN_SAMPLE_EVERY (reading the clock costs about as much as a
// turn, so timing every one would halve throughput). The admin side reads them at scrape time.
import { BucketHistogram } from '../observability/bucket-histogram.ts';
import { TURN_SECONDS_BUCKETS } from '../observability/metric-buckets.ts';

/** One turn in this many is timed; each timed turn stands for the turns counted since the previous one. */
export const TURN_SAMPLE_EVERY = 64;
/** A timed turn still running this many turns later is recorded as it stands (a lower bound) and replaced. */
const ABANDON_SAMPLE_AFTER_TURNS = 64 * TURN_SAMPLE_EVERY;

export class KindStats {
  /** Activations created (activated or not: a lost claim counts, and its removal counts as a deactivation). */
  activations = 0;
  /** Activations removed (deactivated, failed to activate, lost their claim). */
  deactivations = 0;
  /** Asks to this kind whose caller on this node stopped waiting at the deadline. */
  askTimeouts = 0;
  /** Asks to this kind refused because they would close a wait-for cycle. */
  deadlocks = 0;
  /** Turns left until the next timed one; at or below 0 while a timed turn is still running. */
  untilSample = 1;
  /** The message whose turn is being timed; null when none is. */
  sampled: object | null = null;
  readonly turnSeconds = new BucketHistogram(TURN_SECONDS_BUCKETS);
  private sampleStartMs = 0;
  private sampleWeight = 0;
  /** untilSample's value when the countdown last started: turns counted since = countdownFrom - untilSample. */
  private countdownFrom = 1;

  /** A turn is due to be timed (untilSample reached 0): times `message` unless another timed turn still runs. */
  sampleTurn(message: object): void {
    if (this.sampled !== null) {
      if (this.untilSample > -ABANDON_SAMPLE_AFTER_TURNS) return;
      this.endSample();
    }
    this.sampleWeight = this.countdownFrom - this.untilSample;
    this.untilSample = TURN_SAMPLE_EVERY;
    this.countdownFrom = TURN_SAMPLE_EVERY;
    this.sampled = message;
    this.sampleStartMs = performance.now();
  }

  /** The timed turn ended. */
  endSample(): void {
    this.turnSeconds.observe((performance.now() - this.sampleStartMs) / 1000, this.sampleWeight);
    this.sampled = null;
  }
}
