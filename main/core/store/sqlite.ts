// The slice of better-sqlite3 the store uses, typed here because the package ships no declarations.
import { createRequire } from 'node:module';

export type SqlValue = number | bigint | string | Buffer | Uint8Array | null;
/** One positional value, or an object of named values (`@name` in the SQL). */
export type BindArg = SqlValue | Readonly<Record<string, SqlValue>>;

export interface RunInfo {
  changes: number;
  lastInsertRowid: number | bigint;
}

export interface Statement {
  run(...params: BindArg[]): RunInfo;
  get(...params: BindArg[]): unknown;
  all(...params: BindArg[]): unknown[];
  pluck(toggle?: boolean): Statement;
}

/** A transaction function: plain call = BEGIN (DEFERRED), nested calls become savepoints. */
export interface Transaction<A extends unknown[], R> {
  (...args: A): R;
  immediate(...args: A): R;
}

export interface Database {
  readonly name: string;
  readonly open: boolean;
  readonly inTransaction: boolean;
  prepare(sql: string): Statement;
  exec(sql: string): Database;
  pragma(source: string, options?: { simple?: boolean }): unknown;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): Transaction<A, R>;
  close(): Database;
}

interface DatabaseConstructor {
  new (path: string, options?: { timeout?: number; fileMustExist?: boolean; readonly?: boolean }): Database;
}

const require = createRequire(import.meta.url);
const BetterSqlite3 = require('better-sqlite3') as DatabaseConstructor;

export function openSqlite(path: string, busyTimeoutMs: number): Database {
  return new BetterSqlite3(path, { timeout: busyTimeoutMs });
}

/** better-sqlite3 throws SqliteError with an SQLite result code such as SQLITE_CORRUPT or SQLITE_FULL. */
export function sqliteCode(error: unknown): string | undefined {
  if (error instanceof Error && 'code' in error && typeof error.code === 'string') return error.code;
  return undefined;
}

export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = sqliteCode(error);
  return code ? `${error.message} (${code})` : error.message;
}

/** Platform ids are integers or strings. better-sqlite3 binds every JS number as REAL, which an ANY
 *  column would keep as 7.0; a bigint makes SQLite store the integer. */
export function bindId(id: number | string): number | bigint | string {
  return typeof id === 'number' && Number.isSafeInteger(id) ? BigInt(id) : id;
}
