// Numbered schema migrations. PRAGMA user_version holds the applied number; it is part of the
// database header and so commits or rolls back together with the migration's own statements.
import type { Database } from './sqlite.ts';
import { describeError } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

// STRICT tables make SQLite reject a value of the wrong type instead of storing it silently.
// Times the store sets itself are INTEGER ms since the epoch; the task's own timestamps stay as sent.
const INITIAL_SCHEMA = `
CREATE TABLE runs (
  run_id TEXT PRIMARY KEY NOT NULL,
  task_id ANY NOT NULL,
  created_at TEXT,
  scheduled_at TEXT,
  status TEXT NOT NULL CHECK (status IN ('received', 'running', 'done', 'failed', 'timed_out', 'parked')),
  attempts INTEGER NOT NULL DEFAULT 0,
  priority INTEGER NOT NULL DEFAULT 0,
  cameras_total INTEGER NOT NULL DEFAULT 0,
  cameras_done INTEGER NOT NULL DEFAULT 0,
  received_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  envelope TEXT NOT NULL,
  error TEXT
) STRICT, WITHOUT ROWID;
CREATE INDEX runs_finished ON runs (finished_at) WHERE finished_at IS NOT NULL;
CREATE INDEX runs_received ON runs (received_at);

CREATE TABLE results (
  id INTEGER PRIMARY KEY,
  run_id TEXT NOT NULL REFERENCES runs (run_id),
  camera_id ANY,
  camera_name TEXT NOT NULL,
  diagnosis_type TEXT NOT NULL,
  diagnosis_status TEXT NOT NULL CHECK (diagnosis_status IN ('normal', 'warning', 'error', 'critical')),
  score REAL NOT NULL,
  threshold REAL,
  thresholds TEXT NOT NULL,
  is_abnormal INTEGER NOT NULL CHECK (is_abnormal IN (0, 1)),
  processing_time REAL NOT NULL,
  error_message TEXT,
  suggestions TEXT NOT NULL,
  metrics TEXT NOT NULL,
  image_timestamp TEXT,
  snapshot_path TEXT,
  created_at INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX results_run ON results (run_id, camera_id, diagnosis_type);
-- "Latest" is ORDER BY created_at DESC, id DESC: each index below ends in created_at (and the
-- implicit rowid), so every filter, with or without a time range, reads only the rows it returns.
CREATE INDEX results_camera ON results (camera_id, created_at);
CREATE INDEX results_type ON results (diagnosis_type, created_at);
CREATE INDEX results_status ON results (diagnosis_status, created_at);
CREATE INDEX results_time ON results (created_at);

CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  message_id TEXT NOT NULL UNIQUE,
  run_id TEXT REFERENCES runs (run_id),
  exchange TEXT NOT NULL,
  routing_key TEXT NOT NULL,
  body BLOB NOT NULL,
  headers TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  next_attempt_at INTEGER NOT NULL,
  sent_at INTEGER
) STRICT;
CREATE INDEX outbox_pending ON outbox (next_attempt_at, id) WHERE sent_at IS NULL;
CREATE INDEX outbox_run ON outbox (run_id);
CREATE INDEX outbox_sent ON outbox (created_at) WHERE sent_at IS NOT NULL;

CREATE TABLE cameras (
  id ANY PRIMARY KEY NOT NULL,
  code TEXT,
  name TEXT NOT NULL,
  stream_url TEXT NOT NULL,
  backup_stream_url TEXT,
  location TEXT,
  username TEXT,
  password_ref BLOB,
  extra TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('local', 'import', 'platform'))
) STRICT;

CREATE TABLE settings (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE worker_events (
  id INTEGER PRIMARY KEY,
  time INTEGER NOT NULL,
  level TEXT NOT NULL CHECK (level IN ('debug', 'info', 'warn', 'error')),
  kind TEXT NOT NULL,
  message TEXT NOT NULL,
  data TEXT
) STRICT;
CREATE INDEX worker_events_time ON worker_events (time);

CREATE TABLE camera_references (
  camera_id ANY PRIMARY KEY NOT NULL,
  width INTEGER NOT NULL CHECK (width > 0),
  height INTEGER NOT NULL CHECK (height > 0),
  rgb BLOB NOT NULL CHECK (length(rgb) = width * height * 3),
  captured_at INTEGER NOT NULL
) STRICT;
`;

// Per-camera baselines: the recent healthy values of each check's headline measure per camera and
// picture mode (day, night), one row each holding the newest values as a JSON array, and the
// camera's scene_change streak, which starts the baseline over once a scene change is confirmed.
const CAMERA_BASELINES = `
CREATE TABLE baselines (
  camera_id ANY NOT NULL,
  check_type TEXT NOT NULL,
  mode TEXT NOT NULL CHECK (mode IN ('day', 'night')),
  samples TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (camera_id, check_type, mode)
) STRICT, WITHOUT ROWID;

CREATE TABLE baseline_cameras (
  camera_id ANY PRIMARY KEY NOT NULL,
  scene_change_streak INTEGER NOT NULL DEFAULT 0 CHECK (scene_change_streak >= 0),
  reset_at INTEGER
) STRICT;
`;

// Camera health: each camera's confirmed state (changed only after `confirmRuns` runs in a row
// agree), its latest run and its recent runs for the board; and the alerts those confirmed changes
// raise. Cameras with results from before this version start as 'unknown' until their next run.
const CAMERA_HEALTH = `
CREATE TABLE camera_health (
  camera_id ANY PRIMARY KEY NOT NULL,
  camera_name TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('unknown', 'normal', 'abnormal')),
  since INTEGER,
  last_checked INTEGER,
  worst_status TEXT CHECK (worst_status IN ('normal', 'warning', 'error', 'critical')),
  worst_check TEXT,
  message TEXT,
  pending_toward TEXT CHECK (pending_toward IN ('abnormal', 'normal')),
  pending_runs INTEGER NOT NULL DEFAULT 0 CHECK (pending_runs >= 0),
  pending_since INTEGER,
  recent TEXT NOT NULL,
  open_alert_id INTEGER,
  updated_at INTEGER NOT NULL
) STRICT;

CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  camera_id ANY NOT NULL,
  camera_name TEXT NOT NULL,
  severity TEXT NOT NULL CHECK (severity IN ('warning', 'error', 'critical')),
  state TEXT NOT NULL CHECK (state IN ('open', 'acknowledged', 'resolved')),
  check_type TEXT NOT NULL,
  message TEXT,
  snapshot_result_id INTEGER,
  opened_at INTEGER NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  note TEXT,
  resolved_at INTEGER
) STRICT;
CREATE INDEX alerts_state ON alerts (state, id);
CREATE INDEX alerts_camera ON alerts (camera_id, id);

INSERT INTO camera_health (camera_id, camera_name, state, last_checked, recent, updated_at)
  SELECT camera_id, camera_name, 'unknown', max(created_at), '[]', max(created_at)
  FROM results WHERE camera_id IS NOT NULL GROUP BY camera_id;
`;

// Findings in both UI languages beside each result row (older rows keep null and show their stored
// text), and where a camera of the inventory came from when a task brought it: 'task' for a
// camera inline in a task message, 'lookup' for one the worker fetched from the platform's API.
const FINDINGS_AND_CAMERA_ORIGIN = `
ALTER TABLE results ADD COLUMN finding TEXT;
ALTER TABLE cameras ADD COLUMN origin TEXT CHECK (origin IN ('task', 'lookup'));
`;

// Day and night are now told apart by whether the picture is monochrome, not by its brightness:
// values learned under the old rule may sit in the wrong mode's series (a grey scene's day values
// in its night normal, a dim IR picture's in its day normal). Each camera relearns its normal from
// its next healthy runs.
const RELEARN_BY_MONOCHROME_MODE = `
DELETE FROM baselines;
`;

// Noise is now read in the camera's own pixels (a main stream scaled to analysis size had two thirds
// of its grain averaged away), and sharpness on a noisy picture on the window's mean: the values a
// camera learned for these checks no longer compare. Those series relearn from the next healthy runs.
const RELEARN_NOISE_AND_SHARPNESS = `
DELETE FROM baselines WHERE check_type IN ('noise', 'clarity', 'focus_blur');
`;

// A black-and-white camera's day picture and its night one are both "night" mode (no colour), and
// were learned as one normal (its night then read as a fault, and taught nothing). Each night value keeps
// its run's mean luma, by which such a camera's grey picture is judged against runs in like light. The
// night series of cameras with no colour (day) series were learned without it: they relearn from the
// next healthy runs. A camera with colour days is not judged by light, and keeps its night normal.
const BASELINE_LIGHTS = `
ALTER TABLE baselines ADD COLUMN lights TEXT;
DELETE FROM baselines WHERE mode = 'night' AND camera_id NOT IN (SELECT camera_id FROM baselines WHERE mode = 'day');
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: INITIAL_SCHEMA },
  { version: 2, name: 'camera baselines', sql: CAMERA_BASELINES },
  { version: 3, name: 'camera health and alerts', sql: CAMERA_HEALTH },
  { version: 4, name: 'bilingual findings and camera origin', sql: FINDINGS_AND_CAMERA_ORIGIN },
  { version: 5, name: 'baselines relearned by the monochrome day/night rule', sql: RELEARN_BY_MONOCHROME_MODE },
  { version: 6, name: 'noise and sharpness baselines relearned', sql: RELEARN_NOISE_AND_SHARPNESS },
  { version: 7, name: 'baseline values keep their light; black-and-white cameras relearn', sql: BASELINE_LIGHTS },
];

export function schemaVersion(db: Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.reduce((max, m) => Math.max(max, m.version), 0);
}

export type MigrationOutcome = { ok: true; from: number; to: number } | StoreFailure;

/** A failure when the file was written by a newer build than `migrations` describes, else null. */
export function refuseNewer(db: Database, migrations: readonly Migration[] = MIGRATIONS): StoreFailure | null {
  const version = schemaVersion(db);
  const latest = latestVersion(migrations);
  if (version <= latest) return null;
  return storeFailure(
    'newer_schema',
    `The database ${db.name} has schema version ${version}, but this build of EasySight Edge knows only up to ${latest}. ` +
      'It was written by a newer version: run that version again, or move the file aside to start with an empty one. The file was not changed.',
  );
}

/** Applies every migration above the file's version, each in its own IMMEDIATE transaction. */
export function migrate(db: Database, migrations: readonly Migration[] = MIGRATIONS): MigrationOutcome {
  const newer = refuseNewer(db, migrations);
  if (newer !== null) return newer;
  const from = schemaVersion(db);
  const latest = latestVersion(migrations);
  const pending = [...migrations].filter((m) => m.version > from).sort((a, b) => a.version - b.version);
  for (const m of pending) {
    const apply = db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    });
    try {
      apply.immediate();
    } catch (error) {
      return storeFailure(
        'migration_failed',
        `Migration ${m.version} (${m.name}) of ${db.name} failed: ${describeError(error)}. The database stays at version ${schemaVersion(db)}.`,
      );
    }
  }
  return { ok: true, from, to: Math.max(from, latest) };
}
