// One evaluation: render the clips that are missing, diagnose every clip with the engine, score the
// train and held-out splits (and both together).
import type { Clip } from './clips.ts';
import { renderClips } from './clips.ts';
import { diagnoseClips, type ClipOutcome } from './engine.ts';
import { scoreSplit, type SplitScore } from './score.ts';

export interface Evaluation {
  train: SplitScore;
  heldOut: SplitScore;
  all: SplitScore;
  outcomes: ClipOutcome[];
}

export interface EvaluateOptions {
  /** ffmpeg renders and engine probes at once (2 cores: 2). */
  parallel: number;
  log?: (line: string) => void;
}

function progress(log: ((line: string) => void) | undefined, what: string): ((done: number, total: number) => void) | undefined {
  if (!log) return undefined;
  return (done, total) => {
    if (done === total || done % 50 === 0) log(`${what} ${done}/${total}`);
  };
}

export async function evaluate(clips: readonly Clip[], options: EvaluateOptions): Promise<Evaluation> {
  await renderClips(clips, options.parallel, progress(options.log, 'rendered'));
  const outcomes = await diagnoseClips(clips, options.parallel, progress(options.log, 'diagnosed'));
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  return {
    train: scoreSplit('train', clips, byId),
    heldOut: scoreSplit('held-out', clips, byId),
    all: scoreSplit('all', clips, byId),
    outcomes,
  };
}
