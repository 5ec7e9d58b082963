// Runs the real engine over the clips, on the path `easysight-edge diagnose` takes: an ffmpeg grab
// of the file (a window of frames), the analysers in the worker-thread pool, every check.
import { ALL_CHECKS, type CheckType, type DiagnosisStatus } from '../../shared/diagnosis/types.ts';
import { probeCamera, type CameraDiagnosis } from '../../main/core/diagnosis/camera-probe.ts';
import { AnalysisPool } from '../../main/core/diagnosis/pool/analysis-pool.ts';
import { ProbeLimiter } from '../../main/core/diagnosis/probe-limiter.ts';
import { FFMPEG } from '../support/media.ts';
import type { Clip } from './clips.ts';

export interface CheckOutcome {
  type: CheckType;
  status: DiagnosisStatus;
  /** The platform's 0-100 score (normal 60 and up, warning 40-60, error/critical below 40). */
  score: number;
  value: number;
  /** Everything the check reported, for looking into a verdict (eval.json). */
  metrics: Record<string, number>;
  message: string;
}

export interface ClipOutcome {
  id: string;
  /** False when the grab failed (the engine then answers signal_loss alone). */
  grabbed: boolean;
  checks: CheckOutcome[];
}

/** The checks an operator's task asks for by default: all of them (scene_change has no reference here and is not assessed). */
export const EVAL_CHECKS: readonly CheckType[] = ALL_CHECKS;

/** What the eval keeps of a diagnosis. */
export function outcomeOf(clip: Clip, d: CameraDiagnosis): ClipOutcome {
  return {
    id: clip.id,
    grabbed: d.ok,
    checks: d.results.map((r) => ({ type: r.type, status: r.status, score: r.score, value: r.metrics.value ?? NaN, metrics: r.metrics, message: r.message.en })),
  };
}

/**
 * The engine's diagnosis of each clip, as a camera's first run (no history), in the order of `clips`,
 * grabbed with `ffmpegPath` (the bundled ffmpeg unless given).
 */
export async function probeClips(
  clips: readonly Clip[],
  parallel: number,
  progress?: (done: number, total: number) => void,
  ffmpegPath: string = FFMPEG,
): Promise<CameraDiagnosis[]> {
  const pool = new AnalysisPool(parallel);
  const limiter = new ProbeLimiter(parallel);
  let done = 0;
  try {
    return await Promise.all(
      clips.map((clip) =>
        limiter.run(async () => {
          const d = await probeCamera({ camera: { id: clip.id, name: clip.id, source: clip.path }, types: EVAL_CHECKS, allowFiles: true, ffmpegPath }, pool);
          progress?.(++done, clips.length);
          return d;
        }),
      ),
    );
  } finally {
    await pool.close();
  }
}
