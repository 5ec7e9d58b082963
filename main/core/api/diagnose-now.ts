// "Diagnose now": one camera of the inventory, or a sample clip shipped with the app, probed at once
// with every check (scene_change against the camera's stored reference, when it has one). A camera
// of the inventory is judged against its learned normal, which a manual probe does not change, and
// its verdict joins the camera's history (see record-manual-run.ts).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DiagnoseNowView } from '../../../shared/api/views.ts';
import { ALL_CHECKS, type CheckType } from '../../../shared/diagnosis/types.ts';
import { mergeThresholds, type Thresholds } from '../../../shared/diagnosis/thresholds.ts';
import type { CameraBaselines } from '../baselines/camera-baselines.ts';
import { probeCamera, type CameraDiagnosis, type CameraTarget } from '../diagnosis/camera-probe.ts';
import type { Frame } from '../diagnosis/frame.ts';
import type { AnalysisPool } from '../diagnosis/pool/analysis-pool.ts';

export interface DiagnoseNowRequest {
  camera: CameraTarget;
  types?: CheckType[];
  overrides: Partial<Record<CheckType, Thresholds>>;
  reference?: Frame;
  ffmpegPath?: string;
  pool: AnalysisPool;
  /** Judges a camera with an id against its own normal. */
  baselines?: CameraBaselines;
  /** Keeps the snapshot here (with the stored result) instead of in a temporary folder. */
  snapshotPath?: string;
  /** Stores the judged diagnosis in the camera's history; a failure to store does not fail the probe. */
  record?: (d: CameraDiagnosis) => Promise<void>;
}

export async function diagnoseNow(r: DiagnoseNowRequest): Promise<DiagnoseNowView> {
  const types = r.types ?? ALL_CHECKS.filter((t) => t !== 'scene_change' || r.reference !== undefined);
  const thresholds: Partial<Record<CheckType, Thresholds>> = {};
  for (const t of types) thresholds[t] = mergeThresholds(t, r.overrides);
  const dir = mkdtempSync(join(tmpdir(), 'edge-now-'));
  try {
    const probed = await probeCamera(
      { camera: r.camera, types, thresholds, frames: 8, timeoutMs: 20_000, snapshotPath: r.snapshotPath ?? join(dir, 'snapshot.jpg'), reference: r.reference, ffmpegPath: r.ffmpegPath, allowFiles: true },
      r.pool,
    );
    const cameraId = r.camera.id;
    const d = r.baselines && cameraId !== undefined ? r.baselines.judge(cameraId, probed, { learn: false }) : probed;
    await r.record?.(d);
    let snapshot: string | null = null;
    if (d.snapshotPath) {
      try {
        snapshot = `data:image/jpeg;base64,${readFileSync(d.snapshotPath).toString('base64')}`;
      } catch {
        snapshot = null;
      }
    }
    return {
      cameraName: r.camera.name ?? String(r.camera.id ?? ''),
      ok: d.ok,
      failure: d.failure ? `${d.failure.kind}: ${d.failure.message}` : null,
      totalMs: d.totalMs,
      results: d.results.map((x) => ({
        type: x.type,
        status: x.status,
        score: x.score,
        value: typeof x.metrics.value === 'number' ? x.metrics.value : null,
        threshold: x.threshold,
        message: x.message,
        detail: x.error ?? x.detail ?? null,
      })),
      snapshot,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
