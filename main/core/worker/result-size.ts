// Keeps a result message under the size a broker accepts (RabbitMQ 4 refuses bodies over 16 MiB by
// default and closes the channel). A task over thousands of cameras can exceed it; the message is
// then trimmed in steps that keep what the platform needs most, and says what it left out. The
// full results stay in the local store either way.
import type { DiagnosisResultRow as Row } from '../../../shared/protocol/result-row.ts';

export interface Trimming {
  /** What was left out of every result row: thumbnails first, then metrics and suggestions. */
  dropped: Array<'thumbnails' | 'details'>;
  /** Result rows left out entirely (normal ones before abnormal ones); 0 when all are there. */
  omittedResults: number;
}

export interface FittedBody {
  bytes: Buffer;
  trimming?: Trimming;
}

function encode(body: Record<string, unknown>): Buffer {
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function withRows(body: Record<string, unknown>, rows: Row[], trimming: Trimming): Record<string, unknown> {
  const result = body.result as Record<string, unknown>;
  const note = { max_bytes_exceeded: true, dropped: trimming.dropped, omitted_results: trimming.omittedResults };
  return { ...body, result: { ...result, results: rows, trimmed: note } };
}

function withoutThumbnail(row: Row): Row {
  const { thumbnail: _thumbnail, ...rest } = row;
  return rest;
}

function withoutDetails(row: Row): Row {
  return { ...withoutThumbnail(row), metrics: {}, suggestions: [], thresholds: {} };
}

/** A stored body (JSON) trimmed to maxBytes, for a broker that refused it; undefined when it cannot be. */
export function refitStoredBody(body: Buffer, maxBytes: number): Buffer | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return undefined;
  const fitted = fitResultBody(parsed as Record<string, unknown>, maxBytes);
  return fitted.bytes.length <= maxBytes ? fitted.bytes : undefined;
}

/** The body as JSON bytes, trimmed to at most maxBytes where it can be. */
export function fitResultBody(body: Record<string, unknown>, maxBytes: number): FittedBody {
  const whole = encode(body);
  const result = body.result as { results?: Row[] } | undefined;
  const rows = result?.results;
  if (whole.length <= maxBytes || !Array.isArray(rows)) return { bytes: whole };

  const noThumbnails = rows.map(withoutThumbnail);
  let trimming: Trimming = { dropped: ['thumbnails'], omittedResults: 0 };
  let bytes = encode(withRows(body, noThumbnails, trimming));
  if (bytes.length <= maxBytes) return { bytes, trimming };

  // Abnormal rows are what an operator acts on: they are kept longest.
  const bare = rows.map(withoutDetails).sort((a, b) => Number(b.is_abnormal) - Number(a.is_abnormal));
  trimming = { dropped: ['thumbnails', 'details'], omittedResults: 0 };
  bytes = encode(withRows(body, bare, trimming));
  if (bytes.length <= maxBytes) return { bytes, trimming };

  // Rows are alike in size by now: cut to the share that fits, then step down until it does.
  let keep = Math.floor((bare.length * maxBytes) / bytes.length);
  for (;;) {
    trimming = { dropped: ['thumbnails', 'details'], omittedResults: bare.length - keep };
    bytes = encode(withRows(body, bare.slice(0, keep), trimming));
    if (bytes.length <= maxBytes || keep === 0) return { bytes, trimming };
    keep = Math.floor(keep * 0.9);
  }
}
