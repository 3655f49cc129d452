/** One row of a query result: column name to value, as the driver gives it (numbers, strings, Dates, parsed JSON). */
export type Row = Record<string, unknown>;

/** What the server needs of a SQL connection: the same SQL runs on PGlite and on PostgreSQL. */
export interface Queryable {
  /** Run one statement with $1, $2 ... parameters; the rows it returns. */
  query<T = Row>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Run a script of several statements without parameters (a migration). */
  exec(sql: string): Promise<void>;
}

/** The database: queries, transactions, and closing it. */
export interface Db extends Queryable {
  /** Run fn inside BEGIN ... COMMIT (ROLLBACK if it throws), on one connection. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /** "pglite" or "postgres", for the health log line. */
  readonly kind: 'pglite' | 'postgres';
}
