// A FIFO ring buffer for an activation's queued messages (and the dispatcher's ready queue): O(1) push and shift
// without Array#shift's copying, grown by doubling, never shrunk; the capacity bound is enforced by the
// activation so the error names the kind.

const EMPTY: readonly never[] = [];

export class Mailbox<T> {
  private items: (T | undefined)[];
  private head: number;
  private count: number;

  constructor() {
    this.items = EMPTY as unknown as (T | undefined)[];
    this.head = 0;
    this.count = 0;
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    const items = this.items;
    if (this.count === items.length) {
      this.grow();
      this.items[(this.head + this.count) & (this.items.length - 1)] = item;
    } else {
      items[(this.head + this.count) & (items.length - 1)] = item;
    }
    this.count++;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const items = this.items;
    const item = items[this.head];
    items[this.head] = undefined;
    this.head = (this.head + 1) & (items.length - 1);
    this.count--;
    return item;
  }

  peek(): T | undefined {
    return this.count === 0 ? undefined : this.items[this.head];
  }

  /** Removes and returns everything queued, oldest first. */
  drain(): T[] {
    const out: T[] = [];
    for (let item = this.shift(); item !== undefined; item = this.shift()) out.push(item);
    return out;
  }

  private grow(): void {
    const old = this.items;
    const next = new Array<T | undefined>(old.length === 0 ? 4 : old.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = old[(this.head + i) & (old.length - 1)];
    this.items = next;
    this.head = 0;
  }
}
