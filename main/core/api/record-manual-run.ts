// A "Diagnose now" of an inventory camera joins the camera's history: stored as a run of its own
// with the same rows (and findings in both languages) a task would store, but no outbox message,
// since no task asked for it.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CameraDiagnosis } from '../diagnosis/camera-probe.ts';
import { findingOf, toResultRows } from '../diagnosis/result-rows.ts';
import type { Logger } from '../log/logger.ts';
import { manualRunId } from '../store/runs.ts';
import { snapshotFile, snapshotRelativePath } from '../store/snapshots.ts';
import type { Store } from '../store/store.ts';

export interface ManualRun {
  runId: string;
  /** Where the probe keeps its snapshot, or undefined when there is no room for one. */
  snapshotPath: string | undefined;
  record: (d: CameraDiagnosis) => Promise<void>;
}

export function manualRun(store: Store, cameraId: number | string, logger: Logger, now: number = Date.now()): ManualRun {
  const runId = manualRunId(cameraId, now);
  const relative = snapshotRelativePath(runId, cameraId, now);
  let snapshotPath = snapshotFile(store.snapshotsRoot, relative) ?? undefined;
  if (snapshotPath !== undefined) {
    try {
      mkdirSync(dirname(snapshotPath), { recursive: true });
    } catch {
      snapshotPath = undefined;
    }
  }
  return {
    runId,
    snapshotPath,
    record: async (d) => {
      const rows = toResultRows(d).map(({ thumbnail: _thumbnail, ...row }, i) => ({
        ...row,
        finding: findingOf(d.results[i]!),
        snapshot_path: d.snapshotPath !== undefined && snapshotPath !== undefined ? relative : null,
      }));
      const stored = await store.recordLocalRun(
        { runId, taskId: 'diagnose-now', status: 'done', camerasTotal: 1, camerasDone: 1, envelope: { cameraId }, receivedAt: now, startedAt: now },
        rows,
      );
      if (!stored.ok) logger.warn(`the "Diagnose now" result of camera ${String(cameraId)} was shown but not stored: ${stored.message}`);
    },
  };
}
