// Small actor classes and helpers shared by the actor runtime's tests (not part of the public API).
import { Actor } from './actor.ts';

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Records every lifecycle event and message, in order, into a shared log. */
export const lifecycleLog: string[] = [];

export class Recorder extends Actor<{ seen: unknown[] }> {
  override state = { seen: [] as unknown[] };
  override onActivate(): void {
    lifecycleLog.push(`activate ${this.ctx.id}`);
  }
  override async onDeactivate(): Promise<void> {
    await sleep(1);
    lifecycleLog.push(`deactivate ${this.ctx.id}`);
  }
  record(value: unknown): number {
    this.state.seen.push(value);
    lifecycleLog.push(`record ${this.ctx.id} ${String(value)}`);
    return this.state.seen.length;
  }
  async slowRecord(value: unknown, ms: number): Promise<number> {
    await sleep(ms);
    return this.record(value);
  }
  seen(): unknown[] {
    return this.state.seen;
  }
}
