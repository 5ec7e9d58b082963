// Snapshot files live beside the database: <db folder>/snapshots/<UTC day>/<run>/<camera>.jpg.
// results.snapshot_path holds the part below snapshots/, so the data folder can move.
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

export function snapshotsRoot(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'snapshots');
}

/** A file-name-safe, reversible form of an id: anything outside [A-Za-z0-9_-] (and dots) becomes ~hex. */
function segment(id: string): string {
  const escaped = id.replace(/[^A-Za-z0-9._-]|^\./g, (c) => `~${c.codePointAt(0)?.toString(16) ?? ''}~`);
  return escaped === '' ? '~' : escaped;
}

/** The relative path to store in results.snapshot_path for one camera of one run. */
export function snapshotRelativePath(runId: string, cameraId: number | string, capturedAt: number): string {
  const day = new Date(capturedAt).toISOString().slice(0, 10);
  return `${day}/${segment(runId)}/${segment(String(cameraId))}.jpg`;
}

/** The absolute path of a stored relative path; null when it would point outside the snapshots folder. */
export function snapshotFile(root: string, relativePath: string): string | null {
  const absolute = resolve(root, ...relativePath.split('/'));
  const inside = relative(root, absolute);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) return null;
  return absolute;
}
