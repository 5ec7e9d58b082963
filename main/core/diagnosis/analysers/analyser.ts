// The contract every analyser implements: one file per check under this folder.
import type { CheckType, LocalizedText } from '../../../../shared/diagnosis/types.ts';
import type { Thresholds } from '../../../../shared/diagnosis/thresholds.ts';
import type { FrameFeatures } from '../features/frame-features.ts';

/** What a check needs from the probe: one good frame, a window of frames in time, or a reference. */
export type FrameNeed = 'single' | 'window' | 'reference';

export interface AnalyserInput {
  /** Features of every grabbed frame, oldest first; frames[frames.length - 1] is the newest. */
  frames: readonly FrameFeatures[];
  /** The camera's stored reference frame (scene_change); absent on a first probe. */
  reference?: FrameFeatures;
  /** Decode errors ffmpeg reported during the grab. */
  decodeErrors: number;
}

export interface Measurement {
  /** 0 perfect, 1 at the warning threshold, 2 at the severe threshold (see scoring.ts). */
  severity: number;
  /** The headline measured value, reported as metrics.value. */
  value: number;
  metrics: Record<string, number>;
  message: LocalizedText;
}

export interface Analyser {
  type: CheckType;
  need: FrameNeed;
  analyse(input: AnalyserInput, thresholds: Thresholds): Measurement;
}
