// The board: every camera of the inventory and every camera seen in results, with its health.
import type { BoardCameraView } from '../../../shared/api/health-views.ts';
import { compareBoard } from '../../../shared/alerts/board-order.ts';
import type { CameraRecord } from '../store/cameras.ts';
import type { HealthRecord } from '../store/health.ts';

const key = (id: number | string): string => `${typeof id}:${id}`;

function groupOf(extra: Record<string, unknown>): string | null {
  const g = extra.group;
  return typeof g === 'string' && g.trim() !== '' ? g.trim() : null;
}

export function boardRow(health: HealthRecord | null, camera: CameraRecord | null, id: number | string): BoardCameraView {
  return {
    cameraId: id,
    name: camera?.name ?? health?.cameraName ?? String(id),
    code: camera?.code ?? null,
    location: camera?.location ?? null,
    group: camera ? groupOf(camera.extra) : null,
    inInventory: camera !== null,
    state: health?.state ?? 'unknown',
    since: health?.since ?? null,
    lastChecked: health?.lastChecked ?? null,
    worstStatus: health?.worstStatus ?? null,
    worstCheck: health?.worstCheck ?? null,
    message: health?.message ?? null,
    pending: health?.pendingToward ? { toward: health.pendingToward, runs: health.pendingRuns } : null,
    recent: health?.recent ?? [],
    openAlertId: health?.openAlertId ?? null,
  };
}

export function buildBoard(cameras: readonly CameraRecord[], health: readonly HealthRecord[]): BoardCameraView[] {
  const byId = new Map(health.map((h) => [key(h.cameraId), h]));
  const rows = cameras.map((c) => {
    const h = byId.get(key(c.id)) ?? null;
    byId.delete(key(c.id));
    return boardRow(h, c, c.id);
  });
  for (const h of byId.values()) rows.push(boardRow(h, null, h.cameraId));
  return rows.sort(compareBoard);
}
