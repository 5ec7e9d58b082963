// Baselines on the worker's path and through the EdgeApi: real probes of the street clip form a
// camera's normal in SQLite, then grain the platform threshold misses fires against that normal;
// the operator sees the baseline and resets it.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../main/core/api/engine.ts';
import type { CameraDiagnosis } from '../../main/core/diagnosis/camera-probe.ts';
import { ProbeLimiter } from '../../main/core/diagnosis/probe-limiter.ts';
import { toResultRows } from '../../main/core/diagnosis/result-rows.ts';
import { SqliteWorkerStore } from '../../main/core/worker/sqlite-worker-store.ts';
import { runTask, type TaskPlan, type TaskRunnerDeps } from '../../main/core/worker/task-runner.ts';
import { DEFAULT_THRESHOLDS } from '../../shared/diagnosis/thresholds.ts';
import { PLATFORM_CHECKS } from '../../shared/diagnosis/types.ts';
import { openEngine, serve } from '../support/engine-rig.ts';
import { cached, FFMPEG, streetClip } from '../support/media.ts';
import { tempDataDir } from '../support/worker-process.ts';

/** 4 s of the street clip from `offset` s, or with grain added before H.264 (noise filter). */
function streetPart(offset: number, grain = 0): string {
  return cached(`street-part-${offset}${grain > 0 ? `-grain${grain}` : ''}.mp4`, (tmp) => {
    const r = spawnSync(FFMPEG, [
      '-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-ss', String(offset), '-i', streetClip(), '-t', '4',
      ...(grain > 0 ? ['-vf', `noise=alls=${grain}:allf=t`] : []),
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-bf', '0', '-g', '20', '-an', tmp,
    ]);
    if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
  });
}

const CAMERA = 'gate-3';
/** Grain the temporal noise measure rates well under the platform's noise_max, yet far off this camera's normal. */
const SUBTLE_GRAIN = 5;
const plan: TaskPlan = {
  types: [...PLATFORM_CHECKS],
  unknownTypes: [],
  thresholds: Object.fromEntries(PLATFORM_CHECKS.map((t) => [t, { ...DEFAULT_THRESHOLDS[t] }])),
};

let dataDir: string;
let engine: Engine;
let deps: TaskRunnerDeps;

beforeAll(async () => {
  dataDir = tempDataDir();
  ({ engine } = await openEngine(dataDir));
  const store = new SqliteWorkerStore(engine.store);
  deps = {
    pool: engine.pool,
    limiter: new ProbeLimiter(1),
    framesPerProbe: 2,
    analysisWidth: 640,
    allowFileSources: true,
    snapshotPath: () => undefined,
    reference: (id) => store.reference(id),
    saveReference: (id, frame) => store.saveReference(id, frame),
    baselines: store.baselines,
  };
});

afterAll(async () => {
  await engine.stop(100);
  rmSync(dataDir, { recursive: true, force: true });
});

async function probe(source: string): Promise<CameraDiagnosis> {
  const outcome = await runTask([{ ok: true, camera: { id: CAMERA, name: 'Gate 3', source, origin: 'inline' } }], plan, deps, { timeoutMs: 60_000 });
  // The samples are written lazily with the next group commit; one durable write flushes them.
  await engine.store.batcher.submit(() => 0);
  expect(outcome.end).toBe('completed');
  return outcome.diagnoses[0]!;
}

const row = (d: CameraDiagnosis, type: string) => toResultRows(d, 'en').find((r) => r.diagnosis_type === type)!;

describe('baselines on the worker path', () => {
  it('forms the camera\'s normal over healthy runs, then fires on grain the platform threshold misses', async () => {
    for (const [n, offset] of [0, 8, 16, 24, 32].entries()) {
      const d = await probe(streetPart(offset));
      expect(d.ok).toBe(true);
      expect(row(d, 'noise').metrics).toMatchObject({ baseline_rule: 'learning', baseline_runs: n });
      expect(d.results.every((r) => r.status === 'normal')).toBe(true);
    }
    const view = await engine.service.baselines({ cameraId: CAMERA });
    const noise = view.entries.find((e) => e.type === 'noise' && e.mode === 'day')!;
    expect(noise).toMatchObject({ runs: 5, ready: true });
    expect(view.entries.filter((e) => e.mode === 'day' && e.ready)).toHaveLength(PLATFORM_CHECKS.length);

    const healthy = await probe(streetPart(40));
    expect(healthy.results.map((r) => r.status)).toEqual(PLATFORM_CHECKS.map(() => 'normal'));
    expect(row(healthy, 'noise').metrics.baseline_rule).toBe('within_normal');

    const grainy = await probe(streetPart(0, SUBTLE_GRAIN));
    const noiseRow = row(grainy, 'noise');
    // The absolute rule alone would call it normal: the value stays far under noise_max.
    expect(noiseRow.metrics.value as number).toBeLessThan(DEFAULT_THRESHOLDS.noise.noise_max! / 2);
    expect(noiseRow.metrics).toMatchObject({ baseline_rule: 'deviation', baseline_runs: 6 });
    expect(noiseRow.metrics.baseline_deviation as number).toBeGreaterThan(4);
    expect(noiseRow.metrics.value as number).toBeGreaterThan(noiseRow.metrics.baseline_high as number);
    expect(noiseRow.is_abnormal).toBe(true);
    expect(noiseRow.error_message).toMatch(/^Noise abnormal: .* is above this camera's normal of /);
    // The abnormal run was not learned from.
    const after = await engine.service.baselines({ cameraId: CAMERA });
    expect(after.entries.find((e) => e.type === 'noise' && e.mode === 'day')!.runs).toBe(6);
  });

  it('does not learn from a "diagnose now" of an inventory camera', async () => {
    // Diagnose-now probes a shorter window than the worker, so its temporal noise is not yet comparable
    // with the worker-built normal (a known gap in the closing note); what must hold is that it teaches nothing.
    await engine.service.saveCamera({ id: CAMERA, name: 'Gate 3', streamUrl: streetPart(0, 20) });
    const now = await engine.service.diagnoseNow({ cameraId: CAMERA, types: ['noise', 'clarity'] });
    expect(now.ok).toBe(true);
    const view = await engine.service.baselines({ cameraId: CAMERA });
    expect(view.entries.find((e) => e.type === 'noise' && e.mode === 'day')!.runs).toBe(6);
  });

  it('lets the operator reset the camera\'s normal and its scene reference', async () => {
    await probe(streetPart(8));
    engine.store.references.save(CAMERA, { width: 2, height: 1, rgb: new Uint8Array(6), capturedAt: 1 });
    const reset = await engine.service.resetBaseline({ cameraId: CAMERA });
    expect(reset.removed).toBe(7 * PLATFORM_CHECKS.length);
    const view = await engine.service.baselines({ cameraId: CAMERA });
    expect(view).toMatchObject({ cameraId: CAMERA, entries: [], minRuns: 5, window: 30 });
    expect(view.resetAt).toBeTypeOf('number');
    expect(engine.store.references.load(CAMERA)).toBeNull();
    const fresh = await probe(streetPart(16));
    expect(row(fresh, 'noise').metrics).toMatchObject({ baseline_rule: 'learning', baseline_runs: 0 });
  });

  it('serves the baseline and its reset over the local HTTP API, with the input checked', async () => {
    const server = await serve(engine);
    try {
      const call = async (method: string, body: unknown) => {
        const res = await fetch(`${server.url}/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` }, body: JSON.stringify(body) });
        return { status: res.status, json: (await res.json()) as { ok: boolean; value?: unknown; error?: { kind: string } } };
      };
      const view = await call('baselines', { cameraId: CAMERA });
      expect(view.json.ok).toBe(true);
      expect(view.json.value).toMatchObject({ cameraId: CAMERA, entries: expect.arrayContaining([expect.objectContaining({ type: 'noise', mode: 'day', runs: 1, ready: false })]) });
      expect((await call('resetBaseline', { cameraId: CAMERA })).json).toEqual({ ok: true, value: { removed: PLATFORM_CHECKS.length } });
      const bad = await call('resetBaseline', { cameraId: '', everything: true });
      expect(bad.json).toMatchObject({ ok: false, error: { kind: 'invalid_input' } });
    } finally {
      await server.close();
    }
  });
});
