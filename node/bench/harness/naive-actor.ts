// The naive baseline the actor benchmarks compare against: a per-actor array queue drained by an async loop
// with one `await` per message, and one promise per ask. What a first actor library in Node looks like.

interface NaiveMessage {
  method: string;
  args: unknown[];
  resolve: ((value: unknown) => void) | undefined;
  reject: ((error: unknown) => void) | undefined;
}

export class NaiveActor<T extends object> {
  private readonly target: T;
  private readonly queue: NaiveMessage[] = [];
  private draining = false;

  constructor(target: T) {
    this.target = target;
  }

  tell(method: string, ...args: unknown[]): void {
    this.queue.push({ method, args, resolve: undefined, reject: undefined });
    if (!this.draining) void this.drain();
  }

  ask(method: string, ...args: unknown[]): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ method, args, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    while (this.queue.length > 0) {
      const message = this.queue.shift()!;
      const handler = (this.target as Record<string, (...args: unknown[]) => unknown>)[message.method]!;
      try {
        const result = await handler.apply(this.target, message.args);
        message.resolve?.(result);
      } catch (error) {
        message.reject?.(error);
      }
    }
    this.draining = false;
  }
}
