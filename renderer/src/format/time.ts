// Dates as operators read them: local time, in the UI language's conventions.
export function formatDateTime(value: number | string | null, language: string): string {
  if (value === null) return '—';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleString(language, { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

export function formatClock(value: number | string, language: string): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
}

/**
 * A local date typed as YYYY-MM-DD, optionally with hh:mm: the same digits in every UI language
 * (a browser's own date picker speaks the system's language, not the window's). Undefined when
 * empty, null when it cannot be read.
 */
export function parseLocalDate(value: string): number | undefined | null {
  const text = value.trim();
  if (text === '') return undefined;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2}))?$/.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0'].map(Number) as [number, number, number, number, number];
  const d = new Date(year, month - 1, day, hour, minute);
  // new Date rolls 2026-02-31 over into March: such a date is a typing error, not a date.
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day || hour > 23) return null;
  return d.getTime();
}
