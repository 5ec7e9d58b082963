// Key/value settings stored as JSON; every read and write goes through the caller's zod schema,
// so a value the app cannot use never reaches it nor the file.
import type { z } from 'zod';
import { describeError, type Database, type Statement } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

export type SettingRead<T> = { ok: true; value: T | undefined } | StoreFailure;
export type SettingWrite = { ok: true } | StoreFailure;

function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.join('.') || '(value)'}: ${i.message}`).join('; ');
}

export class SettingsRepository {
  private readonly now: () => number;
  private readonly getStmt: Statement;
  private readonly setStmt: Statement;
  private readonly removeStmt: Statement;

  constructor(db: Database, now: () => number) {
    this.now = now;
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.setStmt = db.prepare(`
      INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`);
    this.removeStmt = db.prepare('DELETE FROM settings WHERE key = ?');
  }

  /** `value` is undefined when the key was never set: the caller applies its default. */
  get<S extends z.ZodType>(key: string, schema: S): SettingRead<z.output<S>> {
    const text = this.getStmt.get(key);
    if (text === undefined) return { ok: true, value: undefined };
    let json: unknown;
    try {
      json = JSON.parse(String(text));
    } catch (error) {
      return storeFailure('invalid_setting', `The stored setting "${key}" is not valid JSON (${describeError(error)}). Set it again.`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) return storeFailure('invalid_setting', `The stored setting "${key}" is not valid any more: ${describeIssues(parsed.error)}. Set it again.`);
    return { ok: true, value: parsed.data };
  }

  set<S extends z.ZodType>(key: string, schema: S, value: z.input<S>): SettingWrite {
    const parsed = schema.safeParse(value);
    if (!parsed.success) return storeFailure('invalid_input', `The setting "${key}" was not saved: ${describeIssues(parsed.error)}.`);
    let text: string | undefined;
    try {
      text = JSON.stringify(parsed.data);
    } catch (error) {
      return storeFailure('invalid_input', `The setting "${key}" was not saved: it cannot be written as JSON (${describeError(error)}).`);
    }
    if (text === undefined) return storeFailure('invalid_input', `The setting "${key}" was not saved: it has no JSON form.`);
    try {
      this.setStmt.run(key, text, this.now());
    } catch (error) {
      return storeFailure('write_failed', `The setting "${key}" was not saved: ${describeError(error)}.`);
    }
    return { ok: true };
  }

  remove(key: string): boolean {
    return this.removeStmt.run(key).changes === 1;
  }
}
