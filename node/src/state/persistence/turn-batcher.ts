// Collects requests made during one event-loop turn and runs them as one batch (one statement, one mesh
// message), answering each caller from the batch's results. What makes write-behind cheap: a flush sweep or a
// burst of persist() calls becomes a few multi-row statements instead of one per document.

export interface TurnBatcherOptions<Request, Result> {
  /** Runs one batch; resolves with one result per request, in order. */
  readonly run: (batch: Request[]) => Promise<Result[]>;
  /** Larger bursts are cut into batches of this size (default: 500). */
  readonly maxBatch?: number;
}

interface Waiting<Result> {
  resolve(result: Result): void;
  reject(error: unknown): void;
}

export class TurnBatcher<Request, Result> {
  private readonly run: (batch: Request[]) => Promise<Result[]>;
  private readonly maxBatch: number;
  private requests: Request[] = [];
  private waiting: Waiting<Result>[] = [];
  private scheduled = false;

  constructor(options: TurnBatcherOptions<Request, Result>) {
    this.run = options.run;
    this.maxBatch = options.maxBatch ?? 500;
  }

  submit(request: Request): Promise<Result> {
    return new Promise<Result>((resolve, reject) => {
      this.requests.push(request);
      this.waiting.push({ resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const requests = this.requests;
    const waiting = this.waiting;
    this.requests = [];
    this.waiting = [];
    for (let start = 0; start < requests.length; start += this.maxBatch) {
      const batch = requests.slice(start, start + this.maxBatch);
      const callers = waiting.slice(start, start + this.maxBatch);
      this.run(batch).then(
        (results) => {
          for (let i = 0; i < callers.length; i++) {
            const result = results[i];
            if (result === undefined)
              callers[i]!.reject(new Error(`batch answered ${results.length} of ${batch.length}`));
            else callers[i]!.resolve(result);
          }
        },
        (error: unknown) => {
          for (const caller of callers) caller.reject(error);
        },
      );
    }
  }
}
