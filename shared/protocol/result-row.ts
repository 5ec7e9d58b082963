// One row of the platform's diagnosis_results table, as the edge node sends it (protocol.md).
import type { DiagnosisStatus } from '../diagnosis/types.ts';

export interface DiagnosisResultRow {
  camera_id: number | string | null;
  camera_name: string;
  /** A CheckType; an unknown name a task asked for is answered under its own name. */
  diagnosis_type: string;
  diagnosis_status: DiagnosisStatus;
  score: number;
  /** The check's main threshold; all of them are in `thresholds`. */
  threshold: number | null;
  thresholds: Record<string, number>;
  is_abnormal: boolean;
  processing_time: number;
  error_message: string | null;
  suggestions: string[];
  metrics: Record<string, number | string>;
  image_timestamp: string | null;
  /** Base64 JPEG of at most 200x150 where a frame was captured. */
  thumbnail?: string;
}

/** The `result` object of the platform's result envelope, with the edge node's additions. */
export interface TaskResultBody {
  success: boolean;
  results_count: number;
  success_count: number;
  error_count: number;
  results: DiagnosisResultRow[];
  error?: string;
  /** Cameras the platform marks inactive: not diagnosed (as the platform's executor skips them). */
  skipped_cameras?: Array<{ camera_id: number | string; camera_name: string; reason: string }>;
}
