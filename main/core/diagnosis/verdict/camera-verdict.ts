// From each check's own measurement to the camera's verdict: judged as a day or night picture,
// then one row for one problem.
import type { CheckResult } from '../../../../shared/diagnosis/types.ts';
import type { FrameFeatures } from '../features/frame-features.ts';
import { judgeByPictureMode } from './day-night.ts';
import { lumaLevels } from './luma-levels.ts';
import { oneCausePerCamera } from './one-cause.ts';
import { pictureMode, type PictureMode } from './picture-mode.ts';

export interface PictureContext {
  newest: FrameFeatures;
  mode: PictureMode;
  reference?: FrameFeatures;
}

export function cameraVerdict(measured: readonly CheckResult[], picture: PictureContext): CheckResult[] {
  const alone = measured.length === 1;
  const comparesReference = picture.reference !== undefined && measured.some((r) => r.type === 'scene_change');
  const judged = judgeByPictureMode(measured, {
    mode: picture.mode,
    alone,
    ...(comparesReference ? { referenceMode: pictureMode(picture.reference!) } : {}),
  });
  return oneCausePerCamera(judged, () => lumaLevels(picture.newest.luma.histogram));
}
