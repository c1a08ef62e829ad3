// The last pushes of a session, kept as encoded PUSH frames so a resume re-sends the very bytes: a ring of at most
// `capacity` frames with consecutive seq numbers. Trimmed by the client's ACKs; when full the oldest frame goes,
// and a resume from before it is no longer possible.

export class PushRing {
  readonly capacity: number;
  private readonly frames: (Uint8Array | undefined)[];
  /** Index of the oldest retained frame. */
  private head = 0;
  private count = 0;
  /** Seq of the newest frame appended (0: none yet). */
  private lastSeq: number;
  /** Every seq up to this one is gone from the ring (acknowledged or evicted). */
  private goneThrough: number;

  /** `startSeq`: the seq the next frame follows (frames up to it count as delivered). */
  constructor(capacity: number, startSeq = 0) {
    this.capacity = capacity;
    // Grown on demand (writes land at head + count, so it stays dense): most sessions never fill the capacity,
    // and reserving it up front cost ~2 KB per connection (gate.ccu).
    this.frames = [];
    this.lastSeq = startSeq;
    this.goneThrough = startSeq;
  }

  get size(): number {
    return this.count;
  }

  get seq(): number {
    return this.lastSeq;
  }

  /** Appends the frame of push `seq`, which must be seq + 1; evicts the oldest frame when full. */
  append(seq: number, frame: Uint8Array): void {
    if (seq !== this.lastSeq + 1) throw new RangeError(`push seq ${seq} does not follow ${this.lastSeq}`);
    if (this.count === this.capacity) this.dropOldest();
    this.frames[(this.head + this.count) % this.capacity] = frame;
    this.count++;
    this.lastSeq = seq;
  }

  /** The client has every push up to `seq`: forget them. */
  ack(seq: number): void {
    const through = Math.min(seq, this.lastSeq);
    while (this.count > 0 && this.goneThrough < through) this.dropOldest();
  }

  /** The frames after `seq`, oldest first; null when some of them are gone (or `seq` is from the future). */
  since(seq: number): Uint8Array[] | null {
    if (seq < this.goneThrough || seq > this.lastSeq) return null;
    const skip = seq - this.goneThrough;
    const out: Uint8Array[] = [];
    for (let i = skip; i < this.count; i++) out.push(this.frames[(this.head + i) % this.capacity]!);
    return out;
  }

  private dropOldest(): void {
    this.frames[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    this.goneThrough++;
  }
}
