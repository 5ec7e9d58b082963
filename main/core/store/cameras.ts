// The local camera inventory. Passwords are stored only as the opaque value the caller's encrypt
// function returns (Electron safeStorage in the app); credentials found inside a stream URL are
// moved out of it, so no clear password reaches the database file.
import { z } from 'zod';
import { jsonColumn, parseRow, toJson } from './json-column.ts';
import { bindId, describeError, type Database, type Statement } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';
import type { CameraView } from '../../../shared/api/views.ts';

/** Encrypts and decrypts camera passwords; throws when the key is unavailable. */
export interface SecretCodec {
  encrypt(clear: string): Uint8Array;
  decrypt(sealed: Uint8Array): string;
}

export const CAMERA_SOURCES = ['local', 'import', 'platform'] as const;
export type CameraSource = (typeof CAMERA_SOURCES)[number];

/** How a task brought a camera: inline in its message, or looked up on the platform for it. */
export const CAMERA_ORIGINS = ['task', 'lookup'] as const;
export type CameraOrigin = (typeof CAMERA_ORIGINS)[number];

export interface CameraInput {
  /** The platform's camera id (integer) or a local one (text); the type is kept as given. */
  id: number | string;
  code?: string | null;
  name: string;
  streamUrl: string;
  backupStreamUrl?: string | null;
  location?: string | null;
  username?: string | null;
  /** Clear text, encrypted before storing. Undefined keeps the stored one, null removes it. */
  password?: string | null;
  extra?: Record<string, unknown>;
  source: CameraSource;
  /** Set when a task brought the camera; a camera saved, imported or synced by the operator has none. */
  origin?: CameraOrigin | null;
}

/** A stored camera as the UI sees it (credentials stay behind `credentials()`), plus extra fields. */
export interface CameraRecord extends CameraView {
  extra: Record<string, unknown>;
}

export type CredentialsOutcome = { ok: true; username: string | null; password: string | null } | StoreFailure;
export type CameraWriteOutcome = { ok: true; camera: CameraRecord } | StoreFailure;

const cameraRow = z
  .object({
    id: z.union([z.number(), z.string()]),
    code: z.string().nullable(),
    name: z.string(),
    stream_url: z.string(),
    backup_stream_url: z.string().nullable(),
    location: z.string().nullable(),
    username: z.string().nullable(),
    has_password: z.number(),
    extra: jsonColumn(z.record(z.string(), z.unknown())),
    updated_at: z.number(),
    source: z.enum(CAMERA_SOURCES),
    origin: z.enum(CAMERA_ORIGINS).nullable(),
  })
  .transform(
    (r): CameraRecord => ({
      id: r.id,
      code: r.code,
      name: r.name,
      streamUrl: r.stream_url,
      backupStreamUrl: r.backup_stream_url,
      location: r.location,
      username: r.username,
      hasPassword: r.has_password === 1,
      extra: r.extra,
      updatedAt: r.updated_at,
      source: r.source,
      origin: r.origin,
    }),
  );

const secretRow = z.object({ username: z.string().nullable(), password_ref: z.instanceof(Buffer).nullable() });

const COLUMNS = `id, code, name, stream_url, backup_stream_url, location, username, password_ref IS NOT NULL AS has_password,
  extra, updated_at, source, origin`;

interface SplitUrl {
  url: string;
  username: string | null;
  password: string | null;
}

/** Takes user:password@ out of a URL. A local file path or unparsable text is returned as it is. */
export function splitCredentials(source: string): SplitUrl {
  let url: URL;
  try {
    url = new URL(source);
  } catch {
    return { url: source, username: null, password: null };
  }
  if (url.username === '' && url.password === '') return { url: source, username: null, password: null };
  const username = url.username === '' ? null : decodeURIComponent(url.username);
  const password = url.password === '' ? null : decodeURIComponent(url.password);
  url.username = '';
  url.password = '';
  return { url: url.toString(), username, password };
}

export class CamerasRepository {
  private readonly secrets: SecretCodec;
  private readonly now: () => number;
  private readonly upsertStmt: Statement;
  private readonly getStmt: Statement;
  private readonly listStmt: Statement;
  private readonly removeStmt: Statement;
  private readonly secretStmt: Statement;

  constructor(db: Database, secrets: SecretCodec, now: () => number) {
    this.secrets = secrets;
    this.now = now;
    this.upsertStmt = db.prepare(`
      INSERT INTO cameras (id, code, name, stream_url, backup_stream_url, location, username, password_ref, extra, updated_at, source, origin)
      VALUES (@id, @code, @name, @stream_url, @backup_stream_url, @location, @username, @password_ref, @extra, @updated_at, @source, @origin)
      ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, stream_url = excluded.stream_url,
        backup_stream_url = excluded.backup_stream_url, location = excluded.location, username = excluded.username,
        password_ref = CASE WHEN @keep_password THEN cameras.password_ref ELSE excluded.password_ref END,
        extra = excluded.extra, updated_at = excluded.updated_at, source = excluded.source, origin = excluded.origin`);
    this.getStmt = db.prepare(`SELECT ${COLUMNS} FROM cameras WHERE id = ?`);
    this.listStmt = db.prepare(`SELECT ${COLUMNS} FROM cameras ORDER BY name, id`);
    this.removeStmt = db.prepare('DELETE FROM cameras WHERE id = ?');
    this.secretStmt = db.prepare('SELECT username, password_ref FROM cameras WHERE id = ?');
  }

  upsert(camera: CameraInput): CameraWriteOutcome {
    const main = splitCredentials(camera.streamUrl);
    const backup = camera.backupStreamUrl ? splitCredentials(camera.backupStreamUrl) : null;
    // The platform keeps one username/password per camera; the backup stream shares them.
    const password = camera.password !== undefined ? camera.password : (main.password ?? backup?.password ?? undefined);
    let sealed: Buffer | null = null;
    if (password !== undefined && password !== null) {
      try {
        sealed = Buffer.from(this.secrets.encrypt(password));
      } catch (error) {
        return storeFailure('secret_unavailable', `The password of camera ${camera.id} could not be encrypted: ${describeError(error)}. The camera was not saved.`);
      }
    }
    try {
      this.upsertStmt.run({
        id: bindId(camera.id),
        code: camera.code ?? null,
        name: camera.name,
        stream_url: main.url,
        backup_stream_url: backup?.url ?? null,
        location: camera.location ?? null,
        username: camera.username ?? main.username ?? backup?.username ?? null,
        password_ref: sealed,
        keep_password: password === undefined ? 1 : 0,
        extra: toJson(camera.extra ?? {}),
        updated_at: this.now(),
        source: camera.source,
        origin: camera.origin ?? null,
      });
    } catch (error) {
      return storeFailure('write_failed', `Camera ${camera.id} was not saved: ${describeError(error)}.`);
    }
    const stored = this.get(camera.id);
    if (stored === null) return storeFailure('write_failed', `Camera ${camera.id} was not found right after saving it.`);
    return { ok: true, camera: stored };
  }

  /**
   * Keeps a camera a task brought, so that it shows on the Cameras page and can be diagnosed on the
   * spot. A camera the operator saved, imported or synced stays as the operator left it; one a task
   * brought before is written again only when something changed, so repeated tasks cost a read.
   */
  rememberFromTask(camera: CameraInput & { origin: CameraOrigin }): CameraWriteOutcome & { changed?: boolean } {
    const existing = this.get(camera.id);
    if (existing !== null && existing.origin === null) return { ok: true, camera: existing, changed: false };
    if (existing !== null && this.sameAsStored(existing, camera)) return { ok: true, camera: existing, changed: false };
    return { ...this.upsert(camera), changed: true };
  }

  private sameAsStored(stored: CameraRecord, camera: CameraInput & { origin: CameraOrigin }): boolean {
    const main = splitCredentials(camera.streamUrl);
    const backup = camera.backupStreamUrl ? splitCredentials(camera.backupStreamUrl) : null;
    const username = camera.username ?? main.username ?? backup?.username ?? null;
    const password = camera.password ?? main.password ?? backup?.password ?? null;
    if (
      stored.origin !== camera.origin ||
      stored.name !== camera.name ||
      stored.code !== (camera.code ?? null) ||
      stored.location !== (camera.location ?? null) ||
      stored.streamUrl !== main.url ||
      stored.backupStreamUrl !== (backup?.url ?? null) ||
      stored.username !== username
    ) {
      return false;
    }
    // No password in the task keeps the stored one (as upsert does).
    if (password === null) return true;
    const creds = this.credentials(camera.id);
    return creds.ok && creds.password === password;
  }

  get(id: number | string): CameraRecord | null {
    const row = this.getStmt.get(bindId(id));
    return row === undefined ? null : parseRow(cameraRow, row, 'cameras');
  }

  list(): CameraRecord[] {
    return this.listStmt.all().map((row) => parseRow(cameraRow, row, 'cameras'));
  }

  remove(id: number | string): boolean {
    return this.removeStmt.run(bindId(id)).changes === 1;
  }

  /** Decrypts the stored password for connecting to the camera. */
  credentials(id: number | string): CredentialsOutcome {
    const raw = this.secretStmt.get(bindId(id));
    if (raw === undefined) return storeFailure('not_found', `Camera ${id} is not in the local inventory.`);
    const row = parseRow(secretRow, raw, 'cameras');
    if (row.password_ref === null) return { ok: true, username: row.username, password: null };
    try {
      return { ok: true, username: row.username, password: this.secrets.decrypt(row.password_ref) };
    } catch (error) {
      return storeFailure(
        'secret_unavailable',
        `The stored password of camera ${id} could not be decrypted (${describeError(error)}): the system key may have changed. Enter the password again.`,
      );
    }
  }
}
