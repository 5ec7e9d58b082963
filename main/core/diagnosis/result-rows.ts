// Turns a camera's verdicts into rows shaped like the platform's diagnosis_results table.
import type { DiagnosisResultRow, TaskResultBody } from '../../../shared/protocol/result-row.ts';
import { SUGGESTIONS } from '../../../shared/diagnosis/suggestions.ts';
import type { Finding } from '../../../shared/diagnosis/finding.ts';
import type { CheckResult, LocalizedText } from '../../../shared/diagnosis/types.ts';
import type { CameraDiagnosis } from './camera-probe.ts';

export type Language = keyof LocalizedText;

function mainThreshold(result: CheckResult): number | null {
  const first = Object.values(result.threshold)[0];
  return first ?? null;
}

function toRow(d: CameraDiagnosis, result: CheckResult, lang: Language, thumbnail?: string): DiagnosisResultRow {
  const abnormal = result.status !== 'normal';
  return {
    camera_id: d.camera.id ?? null,
    camera_name: d.camera.name ?? '',
    diagnosis_type: result.type,
    diagnosis_status: result.status,
    score: result.score,
    threshold: mainThreshold(result),
    thresholds: result.threshold,
    is_abnormal: abnormal,
    processing_time: Math.round(result.processingTimeMs * 100) / 100,
    error_message: result.error ?? result.detail ?? (abnormal ? result.message[lang] : null),
    // Advice fits a fault the check found, not a check that could not run.
    suggestions: abnormal && result.error === undefined ? [SUGGESTIONS[result.type][lang]] : [],
    metrics: { ...result.metrics, ...result.labels, message: result.message[lang] },
    image_timestamp: d.ok ? d.capturedAt : null,
    ...(thumbnail ? { thumbnail } : {}),
  };
}

/** The finding of a result in both languages, stored beside its platform row (which holds one language). */
export function findingOf(result: CheckResult): Finding {
  const advice = result.advice ? [result.advice] : [];
  const fault = result.status !== 'normal' && result.error === undefined;
  const detail = result.error ?? result.detail;
  return {
    message: result.message,
    suggestions: fault ? [...advice, SUGGESTIONS[result.type]] : result.error !== undefined ? advice : [],
    ...(detail !== undefined ? { detail } : {}),
  };
}

/** Names a result row by camera and check, as the results table's unique key does within a run. */
export function rowKey(cameraId: number | string | null, type: string): string {
  return `${typeof cameraId}:${String(cameraId)}:${type}`;
}

/** Each row's finding, by rowKey. */
export function findingsOf(diagnoses: readonly CameraDiagnosis[]): Map<string, Finding> {
  const out = new Map<string, Finding>();
  for (const d of diagnoses) for (const r of d.results) out.set(rowKey(d.camera.id ?? null, r.type), findingOf(r));
  return out;
}

export function toResultRows(d: CameraDiagnosis, lang: Language = 'zh-CN'): DiagnosisResultRow[] {
  const thumbnail = d.thumbnail?.toString('base64');
  return d.results.map((r) => toRow(d, r, lang, thumbnail));
}

/** The platform's result body for a run over several cameras. */
export function summariseDiagnoses(diagnoses: readonly CameraDiagnosis[], lang: Language = 'zh-CN'): TaskResultBody {
  const results = diagnoses.flatMap((d) => toResultRows(d, lang));
  // As the platform's executor counts them: success_count = normal rows, error_count = the others
  // (a fault found or a check that could not run); the platform's UI reads them that way.
  const errors = results.filter((r) => r.diagnosis_status !== 'normal').length;
  return {
    success: true,
    results_count: results.length,
    success_count: results.length - errors,
    error_count: errors,
    results,
  };
}
