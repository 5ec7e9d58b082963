// JSON stored in TEXT columns: decoded and checked with a schema when read back.
import { z } from 'zod';

/** A TEXT column holding JSON that must match `schema` once parsed. */
export function jsonColumn<T extends z.ZodType>(schema: T) {
  return z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch (error) {
        ctx.issues.push({ code: 'custom', input: text, message: `not JSON: ${error instanceof Error ? error.message : String(error)}` });
        return z.NEVER;
      }
    })
    .pipe(schema);
}

/** Parses a row read from `table`; a mismatch means the file was edited or damaged outside the store. */
export function parseRow<T extends z.ZodType>(schema: T, row: unknown, table: string): z.output<T> {
  const parsed = schema.safeParse(row);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((i) => `${i.path.join('.') || '(row)'}: ${i.message}`).join('; ');
  throw new Error(`A row of the ${table} table does not have the shape this build expects (${issues}). The database may have been edited by hand.`);
}

/** JSON text for a column; undefined (which JSON cannot hold) is stored as null. */
export function toJson(value: unknown): string {
  return JSON.stringify(value) ?? 'null';
}
