// Snapshot files live beside the database: <db folder>/snapshots/<UTC day>/<run>/<camera>.jpg.
// results.snapshot_path holds the part below snapshots/, so the data folder can move.
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** File systems allow 255 bytes per name; an escaped id can be 7 times its length (CJK task ids). */
const MAX_SEGMENT = 120;

export function snapshotsRoot(databasePath: string): string {
  return join(dirname(resolve(databasePath)), 'snapshots');
}

/** A file-name-safe form of an id: anything outside [A-Za-z0-9_-] (and dots) becomes ~hex; reversible unless hashed for length. */
function segment(id: string): string {
  const escaped = id.replace(/[^A-Za-z0-9._-]|^\./g, (c) => `~${c.codePointAt(0)?.toString(16) ?? ''}~`);
  if (escaped.length > MAX_SEGMENT) {
    // Too long to be a file name (ENAMETOOLONG failed the whole task): a prefix plus a hash of the id.
    return `${escaped.slice(0, MAX_SEGMENT - 40)}~h~${createHash('sha256').update(id).digest('hex').slice(0, 32)}`;
  }
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
