// Keeps pushes exactly-once and in order across reconnects: remembers the last sequence number delivered, drops
// anything at or below it (the gate re-sends what a resumed session may have missed), and says when to ACK.

export class PushSequencer {
  /** Sequence number of the last push delivered to handlers. */
  lastSeq = 0;
  /** The last sequence number acknowledged to the gate. */
  ackedSeq = 0;
  /** Pushes that skipped numbers (should stay 0: the gate sends every number once, in order). */
  gaps = 0;

  /** A new session starts numbering afresh from the WELCOME's lastSeq. */
  reset(lastSeq: number): void {
    this.lastSeq = lastSeq;
    this.ackedSeq = lastSeq;
  }

  /** True when the push is new and must be delivered; false for a duplicate. */
  accept(seq: number): boolean {
    if (seq <= this.lastSeq) return false;
    if (seq !== this.lastSeq + 1) this.gaps++;
    this.lastSeq = seq;
    return true;
  }

  unacked(): number {
    return this.lastSeq - this.ackedSeq;
  }
}
