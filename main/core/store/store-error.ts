// Store failures the caller has to act on, as values: `message` says what happened and what to do.

export type StoreErrorKind =
  /** The file was written by a newer build; it is left untouched. */
  | 'newer_schema'
  /** The file could not be opened or created (permissions, locked, missing folder...). */
  | 'open_failed'
  /** A migration failed; the database stays at the last good version. */
  | 'migration_failed'
  /** A write did not commit (disk full, I/O error, constraint): nothing of it is stored. */
  | 'write_failed'
  /** A value does not fit the store (bad setting, frame size mismatch, not JSON...). */
  | 'invalid_input'
  /** A stored setting no longer matches the schema the caller reads it with. */
  | 'invalid_setting'
  /** The asked-for row does not exist. */
  | 'not_found'
  /** A password could not be encrypted or decrypted with the caller's codec (key missing or changed). */
  | 'secret_unavailable'
  /** The store was closed before the write could run. */
  | 'closed';

export interface StoreFailure {
  ok: false;
  kind: StoreErrorKind;
  message: string;
}

export function storeFailure(kind: StoreErrorKind, message: string): StoreFailure {
  return { ok: false, kind, message };
}
