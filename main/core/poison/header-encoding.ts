// What amqplib can encode again of headers it decoded. Its decoder accepts more than its encoder:
// a table holding a key '!' reads back as amqplib's typed-value escape, a double such as -1e30 reads
// back as a number it then tries to write as a 64-bit integer, and every table of one frame shares a
// 64 KiB scratch buffer. Copying such headers into a new message throws on publish, so they are
// checked here, by the codec's own rules, before they are copied.

/** Encoded size in bytes of a field value as amqplib would write it, or undefined if it would throw. */
export function encodedFieldSize(value: unknown, depth = 0): number | undefined {
  if (depth > 32) return undefined;
  switch (typeof value) {
    case 'string':
      return 5 + Buffer.byteLength(value);
    case 'boolean':
      return 2;
    case 'number':
      return numberSize(value);
    case 'object': {
      if (value === null) return 1;
      if (Buffer.isBuffer(value)) return 5 + value.length;
      if (Array.isArray(value)) {
        let size = 5;
        for (const item of value) {
          const s = encodedFieldSize(item, depth + 1);
          if (s === undefined) return undefined;
          size += s;
        }
        return size;
      }
      if (Object.hasOwn(value, '!')) return typedValueSize(value as { '!': unknown; value?: unknown });
      const table = encodedTableSize(value as Record<string, unknown>, depth + 1);
      return table === undefined ? undefined : 1 + table;
    }
    default:
      return undefined;
  }
}

/** Encoded size of a field table (4-byte length, then key/value pairs), or undefined if it would throw. */
export function encodedTableSize(table: Record<string, unknown>, depth = 0): number | undefined {
  let size = 4;
  for (const key in table) {
    const v = table[key];
    if (v === undefined) continue;
    const keyBytes = Buffer.byteLength(key);
    if (keyBytes > 255) return undefined;
    const s = encodedFieldSize(v, depth);
    if (s === undefined) return undefined;
    size += 1 + keyBytes + s;
  }
  return size;
}

/** amqplib's decoder writes timestamps and decimals as {'!': type, value}; any other '!' would throw. */
function typedValueSize(typed: { '!': unknown; value?: unknown }): number | undefined {
  const v = typed.value;
  if (typed['!'] === 'timestamp') return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? 9 : undefined;
  if (typed['!'] === 'decimal' && v && typeof v === 'object') {
    const { places, digits } = v as { places?: unknown; digits?: unknown };
    const byte = typeof places === 'number' && Number.isInteger(places) && places >= 0 && places < 256;
    const uint32 = typeof digits === 'number' && Number.isInteger(digits) && digits >= 0 && digits <= 0xffffffff;
    return byte && uint32 ? 6 : undefined;
  }
  return undefined;
}

/**
 * amqplib writes a number as a double when it has a fraction (below 2^50) or is at least 2^63, and
 * otherwise as the smallest signed integer that holds it; the 64-bit one throws for NaN, -Infinity
 * and values below -2^63.
 */
function numberSize(n: number): number | undefined {
  // amqplib would write NaN and Infinity as doubles, but RabbitMQ closes the connection on them.
  if (!Number.isFinite(n)) return undefined;
  if (n >= 0x8000000000000000 || (Math.abs(n) < 0x4000000000000 && Math.floor(n) !== n)) return 9;
  if (n >= -128 && n < 128) return 2;
  if (n >= -0x8000 && n < 0x8000) return 3;
  if (n >= -0x80000000 && n < 0x80000000) return 5;
  return Number.isInteger(n) && n >= -0x8000000000000000 ? 9 : undefined;
}

export interface SafeHeaders {
  /** The headers that re-encode, within the budget. */
  kept: Record<string, unknown>;
  /** A textual rendering of the ones left out, or '' when none were. */
  leftOut: string;
}

/**
 * Splits headers into those that can be published again as they are (within `budgetBytes` in all)
 * and a bounded text rendering of the rest, so a parked copy never fails on its headers.
 */
export function safeHeaders(headers: Record<string, unknown> | undefined, budgetBytes: number, renderBytes = 4096): SafeHeaders {
  const kept: Record<string, unknown> = {};
  const rest: string[] = [];
  let used = 4;
  for (const key of Object.keys(headers ?? {})) {
    const value = (headers as Record<string, unknown>)[key];
    const keyBytes = Buffer.byteLength(key);
    const size = keyBytes <= 255 ? encodedFieldSize(value) : undefined;
    if (size !== undefined && used + 1 + keyBytes + size <= budgetBytes) {
      kept[key] = value;
      used += 1 + keyBytes + size;
    } else {
      rest.push(`${render(key, 200)}=${render(value, 1000)}`);
    }
  }
  return { kept, leftOut: truncate(rest.join('; '), renderBytes) };
}

/** JSON where it can be, with Buffers shown by size; never throws, never longer than `max` characters. */
function render(value: unknown, max: number): string {
  let text: string;
  try {
    text = JSON.stringify(value, (_k, v: unknown) => {
      if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
      if (typeof v === 'bigint') return v.toString();
      if (v && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer' && Array.isArray((v as { data?: unknown }).data)) {
        return `<${(v as { data: unknown[] }).data.length} bytes>`;
      }
      return v;
    }) ?? String(value);
  } catch {
    text = `<unrenderable ${typeof value}>`;
  }
  return truncate(text, max);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
