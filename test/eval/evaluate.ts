// One evaluation: render the clips that are missing, diagnose every clip with the engine, score the
// train, held-out, audit, late-audit and final-audit splits (and all together) twice: as each camera's first run, and as a camera
// that has seen a few healthy runs of its scene before (history.ts).
import type { Clip } from './clips.ts';
import { historyClips, renderClips } from './clips.ts';
import { outcomeOf, probeClips, type ClipOutcome } from './engine.ts';
import { judgeFirstRun } from '../../main/core/baselines/first-run.ts';
import { judgeWithHistory, type HistoryJudgement } from './history.ts';
import type { Scene } from './scenes.ts';
import { scoreSplit, type SplitScore } from './score.ts';

export interface Scores {
  train: SplitScore;
  heldOut: SplitScore;
  audit: SplitScore;
  lateAudit: SplitScore;
  finalAudit: SplitScore;
  all: SplitScore;
  outcomes: ClipOutcome[];
}

export interface Evaluation extends Scores {
  /** The same clips judged against their camera's learned normal. */
  withHistory: Scores & { learned: HistoryJudgement['learned'] };
}

export interface EvaluateOptions {
  /** ffmpeg renders and engine probes at once (2 cores: 2). */
  parallel: number;
  /** The ffmpeg the engine grabs the clips with (they are always rendered with the bundled one). */
  probeFfmpeg?: string;
  log?: (line: string) => void;
}

function progress(log: ((line: string) => void) | undefined, what: string): ((done: number, total: number) => void) | undefined {
  if (!log) return undefined;
  return (done, total) => {
    if (done === total || done % 50 === 0) log(`${what} ${done}/${total}`);
  };
}

function scores(clips: readonly Clip[], outcomes: ClipOutcome[]): Scores {
  const byId = new Map(outcomes.map((o) => [o.id, o]));
  return {
    train: scoreSplit('train', clips, byId),
    heldOut: scoreSplit('held-out', clips, byId),
    audit: scoreSplit('audit', clips, byId),
    lateAudit: scoreSplit('late-audit', clips, byId),
    finalAudit: scoreSplit('final-audit', clips, byId),
    all: scoreSplit('all', clips, byId),
    outcomes,
  };
}

export async function evaluate(clips: readonly Clip[], options: EvaluateOptions): Promise<Evaluation> {
  const scenes: Scene[] = [...new Map(clips.map((c) => [c.scene.id, c.scene])).values()];
  const history = historyClips(scenes);
  const all = [...clips, ...history];
  await renderClips(all, options.parallel, progress(options.log, 'rendered'));
  const diagnoses = await probeClips(all, options.parallel, progress(options.log, 'diagnosed'), options.probeFfmpeg);
  const byId = new Map(all.map((c, i) => [c.id, diagnoses[i]!]));
  // As the worker judges a camera's first run, and `diagnose` any camera.
  const firstRun = clips.map((c) => outcomeOf(c, judgeFirstRun(byId.get(c.id)!)));
  const { judged, learned } = judgeWithHistory(history, clips, byId);
  const withHistory = clips.map((c) => outcomeOf(c, judged.get(c.id)!));
  return { ...scores(clips, firstRun), withHistory: { ...scores(clips, withHistory), learned } };
}
