// One scale for every check: severity 0 = perfect, 1 = at the warning threshold,
// 2 = at the severe threshold. Score and status follow the platform's bands
// (normal 60..100, warning 40..60, severe 0..40; error 20..40, critical below 20).
import type { DiagnosisStatus } from '../../../shared/diagnosis/types.ts';

export function scoreFromSeverity(severity: number): number {
  const s = Number.isFinite(severity) ? Math.max(0, severity) : 3;
  let score: number;
  if (s < 1) score = 100 - 40 * s;
  else if (s < 2) score = 60 - 20 * (s - 1);
  else score = 40 - 20 * (s - 2);
  return Math.round(Math.max(0, Math.min(100, score)) * 10) / 10;
}

export function statusFromScore(score: number): DiagnosisStatus {
  if (score >= 60) return 'normal';
  if (score >= 40) return 'warning';
  if (score >= 20) return 'error';
  return 'critical';
}

/**
 * Severity of a value that is bad when it rises: `warn` maps to 1, `severe` to 2, linear
 * between and beyond. Without a severe threshold the severe point is twice the warning one.
 */
export function severityAbove(value: number, warn: number, severe = warn * 2): number {
  if (value <= warn) return warn > 0 ? Math.max(0, value / warn) : 0;
  const span = severe - warn;
  return 1 + (span > 0 ? (value - warn) / span : 1);
}

/** Severity of a value that is bad when it falls below `min` (a 0 value is severity 3). */
export function severityBelow(value: number, min: number): number {
  if (min <= 0) return 0;
  if (value >= min) return Math.max(0, 1 - (value - min) / min);
  return 1 + 2 * (1 - Math.max(0, value) / min);
}
