// `easysight-edge diagnose <source...>`: probe cameras or files once and print the verdicts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { mergeThresholds, type Thresholds } from '../../shared/diagnosis/thresholds.ts';
import { judgeFirstRun } from '../core/baselines/first-run.ts';
import type { CheckType } from '../../shared/diagnosis/types.ts';
import { CONFIG_FAILURES, probeCamera, type CameraDiagnosis } from '../core/diagnosis/camera-probe.ts';
import { AnalysisPool, defaultPoolSize } from '../core/diagnosis/pool/analysis-pool.ts';
import { InlineAnalysis } from '../core/diagnosis/pool/inline-analysis.ts';
import { ProbeLimiter } from '../core/diagnosis/probe-limiter.ts';
import { summariseDiagnoses } from '../core/diagnosis/result-rows.ts';
import { grabFrames } from '../core/diagnosis/source/grab.ts';
import { rememberFfmpegOptionsIn } from '../core/diagnosis/source/ffmpeg-binary.ts';
import { defaultDataDir } from '../core/config/data-dir.ts';
import { sourceLabel } from './source-label.ts';
import type { Frame } from '../core/diagnosis/frame.ts';
import { DIAGNOSE_HELP, parseDiagnoseArgs, type DiagnoseOptions } from './diagnose-options.ts';
import { renderTable } from './diagnose-table.ts';
import { systemLanguage } from './language.ts';
import type { CliIo } from './cli-io.ts';
import { EXIT_ABNORMAL, EXIT_CANNOT_RUN, EXIT_NORMAL } from './exit-codes.ts';

function thresholdsFor(types: readonly CheckType[], config: Record<string, unknown>): Partial<Record<CheckType, Thresholds>> {
  const out: Partial<Record<CheckType, Thresholds>> = {};
  for (const t of types) out[t] = mergeThresholds(t, {}, config);
  return out;
}

function snapshotName(index: number, source: string): string {
  const stem = sourceLabel(source).replace(/[^\p{L}\p{N}._-]+/gu, '_').slice(0, 60);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  return `${String(index + 1).padStart(3, '0')}-${stem}-${stamp}.jpg`;
}

async function loadReference(o: DiagnoseOptions, signal: AbortSignal): Promise<Frame | string> {
  if (!o.reference) return 'no reference';
  const outcome = await grabFrames({
    source: o.reference,
    mode: 'keyframe',
    width: o.width,
    totalTimeoutMs: o.timeoutMs,
    ffmpegPath: o.ffmpegPath,
    signal,
  });
  if (!outcome.ok) return `reference ${sourceLabel(o.reference)}: ${outcome.failure.kind}: ${outcome.failure.message}`;
  const frame = outcome.frameSet.frames[0];
  return frame ?? `reference ${sourceLabel(o.reference)}: no frame`;
}

/**
 * What the ffmpeg binary understands is kept in the data folder the worker and the app use, so a
 * one-shot diagnose does not learn it on every start (80 ms with Debian's ffmpeg).
 */
function rememberFfmpegOptions(env: NodeJS.ProcessEnv): void {
  const dir = env.EDGE_DATA_DIR ?? defaultDataDir(env);
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    rememberFfmpegOptionsIn(dir);
  } catch {
    // A folder that cannot be made: the options are learned by this process alone.
  }
}

export async function runDiagnose(argv: string[], io: CliIo): Promise<number> {
  const parsed = parseDiagnoseArgs(argv, systemLanguage(io.env));
  if (parsed.ok === 'help') {
    io.out(`${DIAGNOSE_HELP}\n`);
    return EXIT_NORMAL;
  }
  if (!parsed.ok) {
    io.err(`easysight-edge diagnose: ${parsed.message}\nTry 'easysight-edge diagnose --help'.\n`);
    return EXIT_CANNOT_RUN;
  }
  const o = parsed.options;
  rememberFfmpegOptions(io.env);
  if (o.snapshotDir) {
    try {
      mkdirSync(o.snapshotDir, { recursive: true });
    } catch (err) {
      io.err(`easysight-edge diagnose: cannot create snapshot folder ${o.snapshotDir}: ${(err as Error).message}\n`);
      return EXIT_CANNOT_RUN;
    }
  }
  const aborter = new AbortController();
  const stop = () => aborter.abort();
  io.onInterrupt(stop);
  // One camera is analysed on this thread (inline-analysis.ts says why); several share the pool's threads.
  const pool = o.sources.length === 1 ? new InlineAnalysis() : new AnalysisPool(Math.min(o.parallel, defaultPoolSize()));
  try {
    let reference: Frame | undefined;
    if (o.reference) {
      const loaded = await loadReference(o, aborter.signal);
      if (typeof loaded === 'string') {
        io.err(`easysight-edge diagnose: ${loaded}\n`);
        return EXIT_CANNOT_RUN;
      }
      reference = loaded;
    }
    const thresholds = thresholdsFor(o.types, o.thresholdConfig);
    const limiter = new ProbeLimiter(o.parallel);
    // Judged as a camera the node has never seen: as its first run in the worker.
    const diagnoses: CameraDiagnosis[] = await Promise.all(
      o.sources.map((source, index) =>
        limiter.run(() =>
          probeCamera(
            {
              camera: { id: index + 1, name: sourceLabel(source), source },
              types: o.types,
              thresholds,
              frames: o.frames,
              timeoutMs: o.timeoutMs,
              width: o.width,
              snapshotPath: o.snapshotDir ? join(o.snapshotDir, snapshotName(index, source)) : undefined,
              thumbnail: o.json,
              // Each probe's own copy: the analysis pool takes the buffers of the frames it is given.
              reference: reference && { ...reference, rgb: reference.rgb?.slice(), gray: reference.gray?.slice() },
              ffmpegPath: o.ffmpegPath,
              allowFiles: true,
              signal: aborter.signal,
            },
            pool,
          ).then(judgeFirstRun),
        ),
      ),
    );
    if (o.json) {
      const envelope = { task_id: null, worker_id: 'cli', result: summariseDiagnoses(diagnoses, o.lang), completed_at: new Date().toISOString() };
      io.out(`${JSON.stringify(envelope, null, 2)}\n`);
    } else {
      io.out(diagnoses.map((d) => renderTable(d, d.camera.name ?? d.camera.source, o.lang)).join('\n'));
    }
    if (aborter.signal.aborted) return EXIT_CANNOT_RUN;
    if (diagnoses.some((d) => d.failure && CONFIG_FAILURES.includes(d.failure.kind))) return EXIT_CANNOT_RUN;
    return diagnoses.some((d) => d.results.some((r) => r.status !== 'normal')) ? EXIT_ABNORMAL : EXIT_NORMAL;
  } finally {
    io.offInterrupt(stop);
    await pool.close();
  }
}
