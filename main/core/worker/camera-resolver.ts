// Finds each camera of a task, in the order protocol.md gives: inline `data.cameras`, then the
// local inventory, then the platform REST API. An unknown camera is an answer, not a lost task.
import type { InlineCamera, TaskEnvelope } from '../../../shared/protocol/task-message.ts';
import type { PlatformClient } from '../platform/platform-client.ts';

/** inventory: entered at this computer (by hand or a file import); synced: copied from the platform. */
export type CameraOrigin = 'inline' | 'inventory' | 'synced' | 'platform';

export interface ResolvedCamera {
  id: number | string;
  name: string;
  source: string;
  backupSource?: string;
  username?: string;
  password?: string;
  code?: string;
  location?: string;
  origin: CameraOrigin;
}

/** `skipped`: a camera the platform marks inactive (is_active false); it is not diagnosed. */
export type CameraLookup = { ok: true; camera: ResolvedCamera } | { ok: false; id: number | string; reason: string; skipped?: { name: string } };

/** A camera of the local inventory; `synced` when its URL came from the platform, not from this computer. */
export type InventoryCamera = InlineCamera & { synced: boolean };

export interface CameraInventory {
  find(id: number | string): InventoryCamera | undefined;
}

function fromRecord(c: InlineCamera, origin: CameraOrigin): CameraLookup {
  const name = c.name ?? c.code ?? String(c.id);
  if (c.is_active === false) return { ok: false, id: c.id, reason: `camera ${c.id} is inactive on the platform (is_active false): skipped, as the platform skips it`, skipped: { name } };
  if (!c.stream_url) return { ok: false, id: c.id, reason: `camera ${c.id} has no stream_url` };
  return {
    ok: true,
    camera: {
      id: c.id,
      name,
      source: c.stream_url,
      backupSource: c.backup_stream_url ?? undefined,
      username: c.username ?? undefined,
      password: c.password ?? undefined,
      code: c.code ?? undefined,
      location: c.location ?? undefined,
      origin,
    },
  };
}

/** The camera ids a task names: camera_ids, or the inline cameras when it lists none. */
export function taskCameraIds(envelope: TaskEnvelope): Array<number | string> {
  const ids = envelope.cameraIds.length > 0 ? envelope.cameraIds : envelope.cameras.map((c) => c.id);
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(String(id)) ? false : (seen.add(String(id)), true)));
}

export async function resolveCameras(envelope: TaskEnvelope, inventory: CameraInventory, platform?: PlatformClient): Promise<CameraLookup[]> {
  const inline = new Map(envelope.cameras.map((c) => [String(c.id), c]));
  const out: CameraLookup[] = [];
  for (const id of taskCameraIds(envelope)) {
    const fromTask = inline.get(String(id));
    if (fromTask) {
      out.push(fromRecord(fromTask, 'inline'));
      continue;
    }
    const local = inventory.find(id);
    if (local) {
      out.push(fromRecord(local, local.synced ? 'synced' : 'inventory'));
      continue;
    }
    if (platform) {
      const remote = await platform.camera(id);
      if (remote.ok) {
        out.push(fromRecord(remote.value, 'platform'));
        continue;
      }
      out.push({ ok: false, id, reason: remote.error.kind === 'not_found' ? `unknown camera ${id} (not on the platform either)` : `camera ${id}: ${remote.error.message}` });
      continue;
    }
    out.push({ ok: false, id, reason: `unknown camera ${id}: not in the task, the local inventory or a configured platform` });
  }
  return out;
}
