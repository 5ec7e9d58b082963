// Worst first: confirmed abnormal cameras by severity (longest broken first), then cameras turning
// bad, unknown ones, then healthy ones; by name within each. The board and its live updates share it.
import type { BoardCameraView } from '../api/health-views.ts';

const SEVERITY: Record<string, number> = { critical: 3, error: 2, warning: 1, normal: 0 };

function tier(c: BoardCameraView): number {
  if (c.state === 'abnormal') return 0;
  if (c.pending?.toward === 'abnormal') return 1;
  if (c.state === 'unknown') return 2;
  return 3;
}

export function compareBoard(a: BoardCameraView, b: BoardCameraView): number {
  const byTier = tier(a) - tier(b);
  if (byTier !== 0) return byTier;
  if (a.state === 'abnormal') {
    const bySeverity = (SEVERITY[b.worstStatus ?? 'normal'] ?? 0) - (SEVERITY[a.worstStatus ?? 'normal'] ?? 0);
    if (bySeverity !== 0) return bySeverity;
    const bySince = (a.since ?? 0) - (b.since ?? 0);
    if (bySince !== 0) return bySince;
  }
  return a.name.localeCompare(b.name) || String(a.cameraId).localeCompare(String(b.cameraId));
}
