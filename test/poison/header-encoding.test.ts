// The header check must agree with amqplib's own encoder, value by value: anything it keeps must
// encode, at the size it says; anything it leaves out must be what the encoder throws on.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodedFieldSize, safeHeaders } from '../../main/core/poison/header-encoding.ts';

const require = createRequire(import.meta.url);
// The codec is not among amqplib's exports; the test loads it by path to compare against the real thing.
const codec = require(join(dirname(require.resolve('amqplib')), 'lib/codec.js')) as {
  encodeTable: (buffer: Buffer, value: Record<string, unknown>, offset: number) => number;
  decodeFields: (buffer: Buffer) => Record<string, unknown>;
};

function amqplibSize(value: unknown): number | undefined {
  try {
    return codec.encodeTable(Buffer.alloc(65_536), { k: value }, 0) - 4 - 2;
  } catch {
    return undefined;
  }
}

const bogusTable = { '!': 'bogus', value: 1 };
const values: unknown[] = [
  'text', '巡检', '', true, false, null, 0, 1, -1, 127, 128, -129, 40_000, -40_000, 3_000_000_000, 2 ** 53, -(2 ** 53),
  0.5, -0.5, 1e-300, 1e30, -1e30, -1e19, 2 ** 63, -(2 ** 63), -(2 ** 64), Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY,
  Buffer.from([1, 2, 3]), [], [1, 'a', null], [1, -1e30], { a: 1, b: { c: 'd' } }, { nested: bogusTable }, bogusTable,
  { '!': 'timestamp', value: 1_700_000_000 }, { '!': 'timestamp', value: -1 }, { '!': 'decimal', value: { places: 2, digits: 12345 } },
  { '!': 'decimal', value: { places: 300, digits: 1 } }, { '!': 'decimal', value: 'x' }, [bogusTable], 'x'.repeat(70_000),
  { ['k'.repeat(300)]: 1 }, undefined, () => 1, Symbol('s'), 10n,
];

describe('header encoding check', () => {
  it('agrees with amqplib on every value: kept values encode at the computed size, left-out ones throw', () => {
    for (const v of values) {
      const size = encodedFieldSize(v);
      // Past the 64 KiB scratch buffer amqplib throws; safeHeaders keeps such values out by budget.
      const ours = size !== undefined && size < 65_000 ? size : undefined;
      // Stricter on purpose: RabbitMQ closes the connection on a NaN or infinite double.
      const theirs = v === undefined || (typeof v === 'number' && !Number.isFinite(v)) ? undefined : amqplibSize(v);
      expect(ours, `value ${typeof v === 'symbol' || typeof v === 'bigint' ? typeof v : String(JSON.stringify(v)).slice(0, 60)}`).toBe(theirs);
    }
  });

  it('keeps what encodes within the budget and renders the rest as bounded text', () => {
    const headers = { good: 'yes', n: 5, 'x-t': bogusTable, big: -1e30, huge: 'h'.repeat(40_000), when: { '!': 'timestamp', value: 1_700_000_000 } };
    const safe = safeHeaders(headers, 32 * 1024);
    expect(Object.keys(safe.kept).sort()).toEqual(['good', 'n', 'when']);
    expect(safe.leftOut).toContain('"x-t"={"!":"bogus","value":1}');
    expect(safe.leftOut).toContain('"big"=-1e+30');
    expect(safe.leftOut).toContain('"huge"="hhh');
    expect(safe.leftOut.length).toBeLessThanOrEqual(4096);
    // The kept part really encodes, and decodes back to the same values.
    const buf = Buffer.alloc(65_536);
    const size = codec.encodeTable(buf, safe.kept, 0);
    expect(codec.decodeFields(buf.subarray(4, size))).toEqual(safe.kept);
  });

  it('never throws on values JSON cannot render', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const safe = safeHeaders({ cyclic, big: 10n, nan: Number.NaN }, 1024);
    expect(safe.leftOut).toContain('unrenderable');
    expect(Object.keys(safe.kept)).toEqual([]);
  });
});
