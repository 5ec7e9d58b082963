// Baselines benchmark: the main-thread cost per camera run of judging against a full history
// (200 cameras, 14 checks, day and night, 30 runs each) and of writing the run's values, beside
// the work the worker already does per camera on that thread: turning its verdicts into result
// rows and JSON. `node test/bench/baselines-bench.ts` prints the table; figures are never asserted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CameraBaselines, runLight } from '../../main/core/baselines/camera-baselines.ts';
import { SqliteBaselineBook } from '../../main/core/baselines/sqlite-baseline-book.ts';
import type { CameraDiagnosis } from '../../main/core/diagnosis/camera-probe.ts';
import { toResultRows } from '../../main/core/diagnosis/result-rows.ts';
import { openStore } from '../../main/core/store/store.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import { PLATFORM_CHECKS } from '../../shared/diagnosis/types.ts';
import { table } from './table.ts';

const CAMERAS = 200;
const RUNS = 2000;

const noSecrets = {
  encrypt(): Uint8Array {
    throw new Error('the bench stores no passwords');
  },
  decrypt(): string {
    throw new Error('the bench stores no passwords');
  },
};

function diagnosis(camera: number, night: boolean, turn: number): CameraDiagnosis {
  return {
    camera: { id: camera, name: `camera ${camera}`, source: 'rtsp://bench' },
    ok: true,
    capturedAt: new Date(0).toISOString(),
    totalMs: 0,
    results: PLATFORM_CHECKS.map((type, i) => ({
      type,
      status: 'normal',
      score: 90,
      threshold: { ...DEFAULT_THRESHOLDS[type] },
      metrics: { value: 1 + i + ((turn * 7 + camera) % 13) / 100, ...(night ? { night: 1 } : {}) },
      message: { 'zh-CN': '正常', en: 'normal' },
      processingTimeMs: 1,
    })),
  };
}

export interface BaselinesBenchFigures {
  judgeMs: number;
  writeMs: number;
  rowsMs: number;
  values: number;
}

export async function runBaselinesBench(): Promise<BaselinesBenchFigures> {
  const dir = mkdtempSync(join(tmpdir(), 'edge-baselines-bench-'));
  const opened = openStore({ path: join(dir, 'edge.db'), secrets: noSecrets });
  if (!opened.ok) throw new Error(opened.message);
  const store = opened.store;
  try {
    const baselines = new CameraBaselines(new SqliteBaselineBook(store));
    for (let turn = 0; turn < baselines.options.window; turn++) {
      for (let c = 0; c < CAMERAS; c++) for (const night of [false, true]) baselines.judge(c, diagnosis(c, night, turn), { learn: true });
      await store.batcher.submit(() => 0);
    }
    const runs = Array.from({ length: RUNS }, (_, i) => diagnosis(i % CAMERAS, i % 2 === 1, i));
    const values = store.baselines.history(0).series.reduce((n, s) => n + s.values.length, 0) * CAMERAS;

    let t = performance.now();
    for (const d of runs) baselines.judge(d.camera.id!, d, { learn: false });
    const judgeMs = (performance.now() - t) / RUNS;

    // The writes as the batcher runs them: many runs' updates in one transaction.
    const updates = runs.map((d) => ({
      id: d.camera.id!,
      samples: d.results.map((r) => ({ type: r.type, mode: r.metrics.night === 1 ? ('night' as const) : ('day' as const), value: r.metrics.value! })),
      light: runLight(d.results),
    }));
    t = performance.now();
    await store.batcher.submit(() => {
      for (const u of updates) store.baselines.update(u.id, { samples: u.samples, light: u.light, sceneChangeStreak: 0, reset: false }, baselines.options.window);
    });
    const writeMs = (performance.now() - t) / RUNS;

    t = performance.now();
    let bytes = 0;
    for (const d of runs) bytes += JSON.stringify(toResultRows(d)).length;
    const rowsMs = (performance.now() - t) / RUNS;
    if (bytes === 0) throw new Error('no rows');
    return { judgeMs, writeMs, rowsMs, values };
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function printBaselinesBench(f: BaselinesBenchFigures): void {
  console.log(`== Baselines: main-thread ms per camera run with ${f.values} learned values stored (${CAMERAS} cameras x 14 checks x day/night x 30 runs)`);
  console.log(
    table(
      ['figure', 'ms per camera run', 'ratio to result rows + JSON'],
      [
        ['judge: read history, learn, judge 14 checks', f.judgeMs.toFixed(3), (f.judgeMs / f.rowsMs).toFixed(2)],
        ['write the run\'s values (in a batched transaction)', f.writeMs.toFixed(3), (f.writeMs / f.rowsMs).toFixed(2)],
        ['reference: result rows and their JSON', f.rowsMs.toFixed(3), '1.00'],
      ],
    ),
  );
}

if (import.meta.main) printBaselinesBench(await runBaselinesBench());
