import { describe, expect, it } from 'vitest';
import type { DiagnosisResultRow } from '../../shared/protocol/result-row.ts';
import { fitResultBody, refitStoredBody } from '../../main/core/worker/result-size.ts';

function row(i: number, abnormal: boolean): DiagnosisResultRow {
  return {
    camera_id: i,
    camera_name: `摄像机 ${i}`,
    diagnosis_type: 'clarity',
    diagnosis_status: abnormal ? 'critical' : 'normal',
    score: abnormal ? 12 : 88,
    threshold: 100,
    thresholds: { clarity_min: 100 },
    is_abnormal: abnormal,
    processing_time: 3,
    error_message: null,
    suggestions: ['检查镜头是否对焦'],
    metrics: { laplacian_var: 42.5, tenengrad: 1234.5, edge_density: 0.12 },
    image_timestamp: '2026-11-28T08:00:00.000Z',
    thumbnail: 'A'.repeat(6000),
  };
}

function body(rows: DiagnosisResultRow[]): Record<string, unknown> {
  return { task_id: 7, worker_id: 'edge-1', run_id: 'r', result: { success: true, results_count: rows.length, success_count: rows.length, error_count: 0, results: rows } };
}

const parse = (bytes: Buffer) => JSON.parse(bytes.toString('utf8')) as { result: { results: DiagnosisResultRow[]; results_count: number; trimmed?: Record<string, unknown> } };

describe('fitResultBody', () => {
  it('leaves a body under the limit as it is', () => {
    const b = body([row(1, false), row(2, true)]);
    const fitted = fitResultBody(b, 1 << 20);
    expect(fitted.trimming).toBeUndefined();
    expect(fitted.bytes.equals(Buffer.from(JSON.stringify(b)))).toBe(true);
  });

  it('drops thumbnails first and keeps every row with its measures', () => {
    const rows = Array.from({ length: 40 }, (_, i) => row(i, i % 5 === 0));
    const fitted = fitResultBody(body(rows), 40 * 1000);
    expect(fitted.bytes.length).toBeLessThanOrEqual(40 * 1000);
    const sent = parse(fitted.bytes).result;
    expect(sent.results).toHaveLength(40);
    expect(sent.results.every((r) => r.thumbnail === undefined && Object.keys(r.metrics).length === 3)).toBe(true);
    expect(sent.trimmed).toEqual({ max_bytes_exceeded: true, dropped: ['thumbnails'], omitted_results: 0 });
    expect(sent.results_count).toBe(40);
  });

  it('then drops metrics and suggestions, and at last whole rows, keeping the abnormal ones', () => {
    const rows = Array.from({ length: 2000 }, (_, i) => row(i, i % 10 === 0));
    for (const limit of [300_000, 100_000, 30_000]) {
      const fitted = fitResultBody(body(rows), limit);
      expect(fitted.bytes.length).toBeLessThanOrEqual(limit);
      const sent = parse(fitted.bytes).result;
      expect(sent.results.every((r) => Object.keys(r.metrics).length === 0 && r.suggestions.length === 0)).toBe(true);
      const omitted = sent.trimmed?.omitted_results as number;
      expect(sent.results.length + omitted).toBe(2000);
      expect(sent.trimmed?.dropped).toEqual(['thumbnails', 'details']);
      // The 200 abnormal rows come before any normal one.
      const kept = sent.results.filter((r) => r.is_abnormal).length;
      expect(kept).toBe(Math.min(200, sent.results.length));
      // Still the platform's envelope, and the counts describe the whole run.
      expect(sent.results_count).toBe(2000);
    }
    expect(parse(fitResultBody(body(rows), 100_000).bytes).result.trimmed?.omitted_results).toBeGreaterThan(0);
  });

  it('refits a stored body to a smaller limit, and refuses what is not a result body', () => {
    const rows = Array.from({ length: 500 }, (_, i) => row(i, false));
    const stored = Buffer.from(JSON.stringify(body(rows)));
    const smaller = refitStoredBody(stored, 50_000);
    expect(smaller!.length).toBeLessThanOrEqual(50_000);
    expect(parse(smaller!).result.trimmed?.omitted_results).toBeGreaterThan(0);
    expect(refitStoredBody(Buffer.from('not json'), 50_000)).toBeUndefined();
    expect(refitStoredBody(Buffer.from(JSON.stringify({ task_id: 1, result: { success: false, error: 'x'.repeat(100_000) } })), 50_000)).toBeUndefined();
  });
});
