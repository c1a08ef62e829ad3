// The contract of an end-to-end suite: it runs real processes and returns its verdict with its figures; the
// runner prints that as the last stdout line.

export interface SuiteSummary {
  suite: string;
  pass: boolean;
  [figure: string]: unknown;
}

export interface Suite {
  readonly name: string;
  readonly description: string;
  run(): Promise<SuiteSummary>;
}
