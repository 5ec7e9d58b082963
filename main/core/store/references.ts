// camera_references: the frame each camera's scene_change check compares against.
import { z } from 'zod';
import { parseRow } from './json-column.ts';
import { bindId, describeError, type Database, type Statement } from './sqlite.ts';
import { storeFailure, type StoreFailure } from './store-error.ts';

/** Packed RGB24, row-major, like the engine's Frame. */
export interface ReferenceFrame {
  width: number;
  height: number;
  rgb: Uint8Array;
  capturedAt: number;
}

const referenceRow = z
  .object({ width: z.number(), height: z.number(), rgb: z.instanceof(Buffer), captured_at: z.number() })
  .transform((r): ReferenceFrame => ({ width: r.width, height: r.height, rgb: r.rgb, capturedAt: r.captured_at }));

export class ReferencesRepository {
  private readonly saveStmt: Statement;
  private readonly loadStmt: Statement;
  private readonly removeStmt: Statement;

  constructor(db: Database) {
    this.saveStmt = db.prepare(`
      INSERT INTO camera_references (camera_id, width, height, rgb, captured_at) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (camera_id) DO UPDATE SET width = excluded.width, height = excluded.height, rgb = excluded.rgb,
        captured_at = excluded.captured_at`);
    this.loadStmt = db.prepare('SELECT width, height, rgb, captured_at FROM camera_references WHERE camera_id = ?');
    this.removeStmt = db.prepare('DELETE FROM camera_references WHERE camera_id = ?');
  }

  save(cameraId: number | string, frame: ReferenceFrame): { ok: true } | StoreFailure {
    const { width, height, rgb } = frame;
    if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0 || rgb.byteLength !== width * height * 3) {
      return storeFailure('invalid_input', `The reference frame of camera ${cameraId} is not ${width}x${height} RGB24 (${rgb.byteLength} bytes); it was not saved.`);
    }
    try {
      this.saveStmt.run(bindId(cameraId), width, height, Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength), frame.capturedAt);
    } catch (error) {
      return storeFailure('write_failed', `The reference frame of camera ${cameraId} was not saved: ${describeError(error)}.`);
    }
    return { ok: true };
  }

  load(cameraId: number | string): ReferenceFrame | null {
    const row = this.loadStmt.get(bindId(cameraId));
    return row === undefined ? null : parseRow(referenceRow, row, 'camera_references');
  }

  remove(cameraId: number | string): boolean {
    return this.removeStmt.run(bindId(cameraId)).changes === 1;
  }
}
