// The little a SQL state store needs from its driver, so PostgreSQL (`pg`) and PGlite share one implementation
// of the schema and the fenced statements (fenced-state-table.ts).

export type SqlRow = Record<string, unknown>;

export interface SqlSession {
  /**
   * Runs one statement. `operation` says what it does (`save of 300 documents`) for error messages. Rejects only
   * with gamecluster errors: the adapter turns driver failures into StoreUnavailableError saying what to check.
   */
  query(text: string, params: readonly unknown[], operation: string): Promise<SqlRow[]>;
}

export interface SqlDatabase extends SqlSession {
  /**
   * Runs `work` on one connection between BEGIN and COMMIT; ROLLBACK when it throws, rethrowing its error.
   * `operation` names the work in error messages.
   */
  transaction<T>(operation: string, work: (session: SqlSession) => Promise<T>): Promise<T>;
}
