// A hierarchical timing wheel: O(1) schedule and cancel of intrusive TimerEntry nodes, driven by one Node timer
// for the whole wheel. It carries every ask deadline and actor timer of a process (DESIGN §3: every ask has one).
import { IntervalHandle } from './interval-handle.ts';
import { TimerEntry } from './timer-entry.ts';
import { TimerHandle } from './timer-handle.ts';
import {
  type ResolvedTimingWheelOptions,
  resolveTimingWheelOptions,
  type TimingWheelOptions,
} from './timing-wheel-options.ts';

/**
 * Slots are circular intrusive lists with a sentinel head; level 0 holds one tick per slot, level n holds
 * `firstLevelSlots × upperLevelSlots^(n-1)` ticks per slot and is cascaded down when the lower levels wrap
 * (the classic Linux timer-wheel scheme). Ticks count from the wheel's creation, so they stay small integers.
 */
// Young entries are linked in bulk at the next tick, or sooner once this many wait (bounds what they keep alive).
const YOUNG_FLUSH_AT = 4096;

export class TimingWheel {
  readonly options: ResolvedTimingWheelOptions;
  /** @internal Bumped by `stop()`, so an interval firing at that moment knows not to re-arm itself. */
  stopCount: number;

  private readonly nowFn: () => number;
  private readonly tickMs: number;
  private readonly originMs: number;
  private readonly firstLevelSlots: number;
  private readonly firstLevelMask: number;
  private readonly upperLevelMask: number;
  private readonly levelCount: number;
  /** Ticks covered by the whole wheel: entries further out are parked in the top level and re-cascaded. */
  private readonly rangeTicks: number;
  /** Per level: first slot in `slots`, bit shift of its slot index, and the tick distance it covers. */
  private readonly levelOffset: number[];
  private readonly levelShift: number[];
  private readonly levelLimit: number[];
  private readonly slots: TimerEntry[];
  /** Scratch list: a slot's entries are moved here before firing or cascading, so re-inserts cannot loop. */
  private readonly firing: TimerEntry;
  /**
   * Entries from scheduleCoarse not yet linked into a slot (wheel set, prev/next null). Most are ask deadlines
   * cancelled within microseconds, so they never pay for a link and unlink; the rest are linked at the next tick
   * or when the list reaches YOUNG_FLUSH_AT.
   */
  private readonly young: TimerEntry[];
  /** The next tick to process; every tick before it has fired. */
  private nextTick: number;
  /** The latest clock reading the wheel made (its driver reads the clock every tick while it holds entries). */
  private lastClockMs: number;
  private count: number;
  private advancing: boolean;
  private driver: NodeJS.Timeout | undefined;
  private readonly driveBound: () => void;

  constructor(options?: TimingWheelOptions) {
    const resolved = resolveTimingWheelOptions(options);
    this.options = resolved;
    this.stopCount = 0;
    this.nowFn = resolved.now;
    this.tickMs = resolved.tickMs;
    this.originMs = resolved.now();
    this.lastClockMs = this.originMs;
    this.young = [];
    this.firstLevelSlots = resolved.firstLevelSlots;
    this.firstLevelMask = resolved.firstLevelSlots - 1;
    this.upperLevelMask = resolved.upperLevelSlots - 1;
    this.levelCount = resolved.levels;
    this.levelOffset = [];
    this.levelShift = [];
    this.levelLimit = [];
    const firstBits = Math.log2(resolved.firstLevelSlots);
    const upperBits = Math.log2(resolved.upperLevelSlots);
    let offset = 0;
    for (let level = 0; level < resolved.levels; level++) {
      const shift = level === 0 ? 0 : firstBits + (level - 1) * upperBits;
      this.levelOffset.push(offset);
      this.levelShift.push(shift);
      this.levelLimit.push(2 ** (firstBits + level * upperBits));
      offset += level === 0 ? resolved.firstLevelSlots : resolved.upperLevelSlots;
    }
    this.rangeTicks = this.levelLimit[resolved.levels - 1]!;
    this.slots = [];
    for (let i = 0; i < offset; i++) this.slots.push(sentinel());
    this.firing = sentinel();
    this.nextTick = 1;
    this.count = 0;
    this.advancing = false;
    this.driver = undefined;
    this.driveBound = () => this.drive();
  }

  /** Number of scheduled entries. */
  get size(): number {
    return this.count;
  }

  /** The wheel's clock, in ms: the time base of `scheduleAt` and `advanceTo`. */
  now(): number {
    return this.nowFn();
  }

  /**
   * Schedules `entry` to fire `delayMs` from now, rounded up to a tick (never early); a scheduled entry is moved.
   * A delay ≤ 0 (or NaN) fires on the next tick.
   */
  schedule(entry: TimerEntry, delayMs: number): void {
    const now = this.nowFn();
    this.lastClockMs = now;
    this.scheduleAt(entry, now + delayMs);
  }

  /**
   * Like `schedule`, for deadlines set at high rates (one per actor ask): instead of reading the clock it counts
   * from the wheel's last reading plus one tick of slack. While the wheel holds entries its driver reads the
   * clock every tick, so the entry fires early only if the event loop was blocked for more than a tick since that
   * reading, and then by at most the excess; an empty or hand-driven wheel reads the clock as `schedule` does.
   */
  scheduleCoarse(entry: TimerEntry, delayMs: number): void {
    if (this.count === 0 || !this.options.autoDrive || entry.wheel !== null) {
      this.schedule(entry, delayMs);
      return;
    }
    // The wheel holds entries, so its driver is armed: the entry only needs linking by the next tick.
    entry.expireTick = Math.ceil((this.lastClockMs + this.tickMs + delayMs - this.originMs) / this.tickMs);
    entry.wheel = this;
    this.count++;
    const young = this.young;
    young.push(entry);
    if (young.length >= YOUNG_FLUSH_AT) this.flushYoung();
  }

  /**
   * Time left until a scheduled entry fires, in ms (≥ 0); 0 for an entry that is not scheduled. What a deadline
   * becomes when it crosses a process boundary (relative, so clock skew between processes does not matter).
   */
  remainingMs(entry: TimerEntry): number {
    if (entry.wheel !== this) return 0;
    return Math.max(0, this.originMs + entry.expireTick * this.tickMs - this.nowFn());
  }

  /** Schedules `entry` to fire at `dueMs` on the wheel's clock (see `now()`); a past time fires on the next tick. */
  scheduleAt(entry: TimerEntry, dueMs: number): void {
    const owner = entry.wheel;
    if (owner !== null) owner.cancel(entry);
    if (this.count === 0) this.skipIdleTicks();
    let tick = Math.ceil((dueMs - this.originMs) / this.tickMs);
    if (!(tick >= this.nextTick)) tick = this.nextTick;
    this.insert(entry, tick);
  }

  /** Unschedules `entry` in O(1); true if it was scheduled in this wheel. */
  cancel(entry: TimerEntry): boolean {
    if (entry.wheel !== this) return false;
    if (entry.next === null) {
      // Young (see `young`): forgotten here, dropped from the list when it is flushed.
      entry.wheel = null;
      this.count--;
    } else {
      this.unlink(entry);
    }
    // An empty wheel must not keep the process alive; the driver drops itself when it next fires.
    if (this.count === 0 && this.driver !== undefined) this.driver.unref();
    return true;
  }

  /** Calls `callback` once after `delayMs` (rounded up to a tick). */
  setTimeout(callback: () => void, delayMs: number): TimerHandle {
    const handle = new TimerHandle(callback);
    this.scheduleAt(handle, this.nowFn() + delayMs);
    return handle;
  }

  /** Calls `callback` every `intervalMs` (a non-positive period means every tick), anchored to the first due time. */
  setInterval(callback: () => void, intervalMs: number): IntervalHandle {
    const periodMs = intervalMs > 0 ? intervalMs : this.tickMs;
    const dueMs = this.nowFn() + periodMs;
    const handle = new IntervalHandle(this, callback, periodMs, dueMs);
    this.scheduleAt(handle, dueMs);
    return handle;
  }

  /** Stops a timeout or interval made by this wheel; true if it was waiting to fire. */
  clear(handle: TimerHandle): boolean {
    return handle.cancel();
  }

  /**
   * Fires, tick by tick in expiry order, every entry due at or before `nowMs` on the wheel's clock. Entries
   * scheduled while firing go to a later tick. A call made while the wheel is already advancing does nothing.
   */
  advanceTo(nowMs: number): void {
    if (nowMs > this.lastClockMs) this.lastClockMs = nowMs;
    if (this.advancing) return;
    if (this.young.length > 0) this.flushYoung();
    const target = Math.floor((nowMs - this.originMs) / this.tickMs);
    if (!(target >= this.nextTick)) return;
    this.advancing = true;
    try {
      while (this.nextTick <= target) {
        if (this.count === 0) {
          this.nextTick = target + 1;
          break;
        }
        this.processTick();
      }
    } finally {
      this.advancing = false;
    }
    if (this.count === 0 && this.driver !== undefined) this.driver.unref();
  }

  /** Unschedules every entry and disarms the driver; the wheel stays usable. */
  stop(): void {
    this.stopCount++;
    for (const entry of this.young) if (entry.wheel === this && entry.next === null) entry.wheel = null;
    this.young.length = 0;
    for (const head of this.slots) this.dropAll(head);
    this.dropAll(this.firing);
    this.count = 0;
    if (this.driver !== undefined) {
      clearTimeout(this.driver);
      this.driver = undefined;
    }
  }

  private processTick(): void {
    const tick = this.nextTick;
    const index = tick & this.firstLevelMask;
    if (index === 0) this.cascade(tick);
    this.nextTick = tick + 1;
    const head = this.slots[index]!;
    if (head.next === head) return;
    const firing = this.firing;
    moveAll(head, firing);
    for (let entry = firing.next!; entry !== firing; entry = firing.next!) {
      this.unlink(entry);
      // The cascade never brings an entry here early; the check is cheap insurance for the never-early contract.
      if (entry.expireTick > tick) this.insert(entry, entry.expireTick);
      else this.fire(entry);
    }
  }

  /** Moves the entries of the coarser slots that `tick` enters down to finer levels (before tick fires). */
  private cascade(tick: number): void {
    const firing = this.firing;
    for (let level = 1; level < this.levelCount; level++) {
      const index = (tick >>> this.levelShift[level]!) & this.upperLevelMask;
      const head = this.slots[this.levelOffset[level]! + index]!;
      if (head.next !== head) {
        moveAll(head, firing);
        for (let entry = firing.next!; entry !== firing; entry = firing.next!) {
          firing.next = entry.next;
          entry.next!.prev = firing;
          this.link(entry);
        }
      }
      if (index !== 0) return;
    }
  }

  private fire(entry: TimerEntry): void {
    try {
      entry.onTimer();
    } catch (error: unknown) {
      this.report(error, entry);
    }
  }

  private report(error: unknown, entry: TimerEntry): void {
    const onError = this.options.onError;
    if (onError !== undefined) {
      try {
        onError(error, entry);
        return;
      } catch (onErrorFailure: unknown) {
        error = onErrorFailure;
      }
    }
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.emitWarning(`a timer callback threw (the wheel went on): ${message}`, { type: 'TimerCallbackWarning' });
  }

  private insert(entry: TimerEntry, tick: number): void {
    entry.expireTick = tick;
    entry.wheel = this;
    if (this.count++ === 0) this.wake();
    this.link(entry);
  }

  /** Links the young entries still scheduled into their slots; cancelled ones are simply dropped. */
  private flushYoung(): void {
    const young = this.young;
    for (let i = 0; i < young.length; i++) {
      const entry = young[i]!;
      if (entry.wheel === this && entry.next === null) this.link(entry);
    }
    young.length = 0;
  }

  private link(entry: TimerEntry): void {
    const tick = entry.expireTick;
    const distance = tick - this.nextTick;
    const head =
      distance < this.firstLevelSlots
        ? this.slots[(distance < 0 ? this.nextTick : tick) & this.firstLevelMask]!
        : this.upperSlot(tick, distance);
    const last = head.prev!;
    entry.prev = last;
    entry.next = head;
    last.next = entry;
    head.prev = entry;
  }

  private upperSlot(tick: number, distance: number): TimerEntry {
    let level = 1;
    let placed = tick;
    if (distance >= this.rangeTicks) {
      // Beyond the wheel: park at its far end; the cascade re-inserts it with its real tick.
      level = this.levelCount - 1;
      placed = this.nextTick + this.rangeTicks - 1;
    } else {
      while (distance >= this.levelLimit[level]!) level++;
    }
    return this.slots[this.levelOffset[level]! + ((placed >>> this.levelShift[level]!) & this.upperLevelMask)]!;
  }

  private unlink(entry: TimerEntry): void {
    const prev = entry.prev!;
    const next = entry.next!;
    prev.next = next;
    next.prev = prev;
    entry.prev = null;
    entry.next = null;
    entry.wheel = null;
    this.count--;
  }

  private dropAll(head: TimerEntry): void {
    let entry = head.next!;
    while (entry !== head) {
      const next = entry.next!;
      entry.prev = null;
      entry.next = null;
      entry.wheel = null;
      entry = next;
    }
    head.next = head;
    head.prev = head;
  }

  /** An empty wheel has nothing to fire, so it jumps to the present instead of replaying idle ticks later. */
  private skipIdleTicks(): void {
    const tick = Math.floor((this.nowFn() - this.originMs) / this.tickMs) + 1;
    if (tick > this.nextTick) this.nextTick = tick;
  }

  /** The wheel just became non-empty: make sure a driver will run (and holds the process open). */
  private wake(): void {
    if (!this.options.autoDrive) return;
    if (this.driver === undefined) this.arm();
    else this.driver.ref();
  }

  private arm(): void {
    const nextTickMs = this.originMs + this.nextTick * this.tickMs;
    const delayMs = Math.max(1, Math.ceil(nextTickMs - this.nowFn()));
    this.driver = setTimeout(this.driveBound, delayMs);
  }

  private drive(): void {
    // this.driver still names the Timeout that just fired, so inserts made while advancing do not arm another.
    this.advanceTo(this.nowFn());
    this.driver = undefined;
    if (this.count > 0) this.arm();
  }
}

function sentinel(): TimerEntry {
  const head = new TimerEntry();
  head.prev = head;
  head.next = head;
  return head;
}

/** Moves the whole list of `from` onto the empty list `to` in O(1). */
function moveAll(from: TimerEntry, to: TimerEntry): void {
  const first = from.next!;
  const last = from.prev!;
  to.next = first;
  first.prev = to;
  to.prev = last;
  last.next = to;
  from.next = from;
  from.prev = from;
}
