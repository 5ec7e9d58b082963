// Camera lists from CSV or JSON (an export of the platform's cameras table, or a hand-made sheet).
import { z } from 'zod';
import { cameraInputSchema, type CameraInput } from '../../../shared/api/contract.ts';

export interface ImportParse {
  cameras: CameraInput[];
  errors: string[];
}

// The platform's column names and the UI's are both accepted.
const ALIASES: Record<string, keyof CameraInput> = {
  id: 'id',
  code: 'code',
  name: 'name',
  stream_url: 'streamUrl',
  streamurl: 'streamUrl',
  url: 'streamUrl',
  backup_stream_url: 'backupStreamUrl',
  backupstreamurl: 'backupStreamUrl',
  location: 'location',
  username: 'username',
  password: 'password',
};

function normalise(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    const key = ALIASES[k.trim().toLowerCase()];
    if (key && v !== '' && v !== null && v !== undefined) out[key] = v;
  }
  if (typeof out.id === 'string' && /^\d+$/.test(out.id)) out.id = Number(out.id);
  return out;
}

/** RFC 4180 fields: quotes, doubled quotes, commas and newlines inside quotes. */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      if (row.some((f) => f.trim() !== '')) rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  row.push(field);
  if (row.some((f) => f.trim() !== '')) rows.push(row);
  return rows;
}

function validate(records: Array<Record<string, unknown>>, label: (i: number) => string): ImportParse {
  const cameras: CameraInput[] = [];
  const errors: string[] = [];
  records.forEach((r, i) => {
    const parsed = cameraInputSchema.safeParse(normalise(r));
    if (parsed.success) cameras.push(parsed.data);
    else errors.push(`${label(i)}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'row'} ${x.message}`).join('; ')}`);
  });
  return { cameras, errors };
}

export function parseCameraImport(format: 'csv' | 'json', text: string): ImportParse {
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      return { cameras: [], errors: [`not valid JSON: ${(err as Error).message}`] };
    }
    const list = z.array(z.record(z.string(), z.unknown())).safeParse(Array.isArray(value) ? value : (value as { items?: unknown })?.items);
    if (!list.success) return { cameras: [], errors: ['JSON must be an array of camera objects (or {"items": [...]})'] };
    return validate(list.data, (i) => `item ${i + 1}`);
  }
  const rows = csvRows(text.replace(/^\uFEFF/, ''));
  const [header, ...body] = rows;
  if (!header) return { cameras: [], errors: ['the CSV file is empty'] };
  const names = header.map((h) => h.trim());
  if (!names.some((n) => ALIASES[n.toLowerCase()] === 'streamUrl')) return { cameras: [], errors: ['the CSV header needs a stream_url column (and id, name)'] };
  const records = body.map((cells) => Object.fromEntries(names.map((n, c) => [n, cells[c] ?? ''])));
  return validate(records, (i) => `line ${i + 2}`);
}
