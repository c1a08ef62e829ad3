// The base class of every gamecluster error: a stable string `code`, a message that says what to do,
// and a plain-data form so errors can cross the mesh and the gate and be re-created on the other side.

/** An error as data: what crosses a process boundary (STYLE rule 10). */
export interface ErrorData {
  readonly code: string;
  readonly message: string;
  /** The class name on the side that threw (kept for logs when the code is unknown here). */
  readonly name?: string;
  readonly details?: Record<string, unknown>;
}

export class GameclusterError extends Error {
  /** Stable machine-readable code, `GC_ERR_*`; never reused for another meaning. */
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: string, message: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options?.details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message, name: this.name }
      : { code: this.code, message: this.message, name: this.name, details: this.details };
  }
}
