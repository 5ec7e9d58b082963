// One camera's verdict on one run, from its stored rows: abnormal when any check is, with the worst
// check as the cause (the most severe, then the lowest score).
import type { DiagnosisStatus } from '../../../shared/diagnosis/types.ts';

export const STATUS_RANK: Record<DiagnosisStatus, number> = { normal: 0, warning: 1, error: 2, critical: 3 };

/** The part of a stored result row the health of a camera is judged from. */
export interface HealthRow {
  id: number;
  camera_id: number | string | null;
  camera_name: string;
  diagnosis_type: string;
  diagnosis_status: DiagnosisStatus;
  score: number;
  is_abnormal: boolean;
  error_message: string | null;
  has_snapshot: boolean;
  /** The check could not run (task stopped or timed out, a wrong request): no verdict on the camera. */
  not_assessed: boolean;
}

export interface RunOutcome {
  cameraId: number | string;
  cameraName: string;
  abnormal: boolean;
  worstStatus: DiagnosisStatus;
  worstCheck: string;
  message: string | null;
  lowestScore: number;
  /** A row of this run with a snapshot, for the alert. */
  snapshotResultId: number | null;
}

function worse(a: HealthRow, b: HealthRow): boolean {
  if (a.is_abnormal !== b.is_abnormal) return a.is_abnormal;
  const rank = STATUS_RANK[a.diagnosis_status] - STATUS_RANK[b.diagnosis_status];
  return rank !== 0 ? rank > 0 : a.score < b.score;
}

/**
 * Per camera, in the order cameras first appear. Rows without a camera id are not any camera's; a
 * camera whose checks all could not run gets no verdict from this run.
 */
export function runOutcomes(rows: readonly HealthRow[]): RunOutcome[] {
  const byCamera = new Map<string, HealthRow[]>();
  for (const row of rows) {
    if (row.camera_id === null || row.not_assessed) continue;
    const key = `${typeof row.camera_id}:${row.camera_id}`;
    const list = byCamera.get(key);
    if (list) list.push(row);
    else byCamera.set(key, [row]);
  }
  return [...byCamera.values()].map((list) => {
    const worst = list.reduce((w, r) => (worse(r, w) ? r : w));
    return {
      cameraId: worst.camera_id as number | string,
      cameraName: worst.camera_name,
      abnormal: list.some((r) => r.is_abnormal),
      worstStatus: worst.is_abnormal ? worst.diagnosis_status : list.reduce((s, r) => (STATUS_RANK[r.diagnosis_status] > STATUS_RANK[s] ? r.diagnosis_status : s), worst.diagnosis_status),
      worstCheck: worst.diagnosis_type,
      message: worst.error_message,
      lowestScore: Math.min(...list.map((r) => r.score)),
      snapshotResultId: (worst.has_snapshot ? worst : list.find((r) => r.has_snapshot))?.id ?? null,
    };
  });
}
