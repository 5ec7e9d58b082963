// Judging a picture as what it is: on a grey/IR night picture the colour checks do not apply, and
// a reference frame taken in the other mode says nothing about a moved camera. Every result of a
// night picture carries metrics.night = 1, so baselines learn day and night apart.
import type { CheckResult, CheckType, LocalizedText } from '../../../../shared/diagnosis/types.ts';
import { notAssessed, type NotAssessedCause } from './not-assessed.ts';
import type { PictureMode } from './picture-mode.ts';

const NIGHT: NotAssessedCause = { key: 'night', name: { 'zh-CN': '夜间黑白画面', en: 'night picture (grey/IR)' } };

/** Checks a night picture does not answer, each with why. */
export const NIGHT_NOT_ASSESSED: Partial<Record<CheckType, LocalizedText>> = {
  color_cast: { 'zh-CN': '黑白画面没有色彩可判断', en: 'a grey picture has no colour to judge' },
  blue_screen: { 'zh-CN': '黑白画面不会是彩色纯色屏', en: 'a grey picture cannot be a colour screen' },
};

const SWITCH: NotAssessedCause = { key: 'day_night_switch', name: { 'zh-CN': '日夜模式切换', en: 'day/night switch' } };
const SWITCH_REASON: LocalizedText = {
  'zh-CN': '参考帧拍摄于另一种日夜模式',
  en: 'the reference frame was taken in the other mode',
};

export interface ModeContext {
  mode: PictureMode;
  /** The mode of the camera's reference frame, when it has one. */
  referenceMode?: PictureMode;
  /** Only one check was asked for: it is answered on its own terms. */
  alone: boolean;
}

function judged(result: CheckResult, context: ModeContext): CheckResult {
  if (result.error !== undefined) return result;
  const nightReason = NIGHT_NOT_ASSESSED[result.type];
  if (context.mode === 'night' && nightReason && !context.alone) return notAssessed(result, NIGHT, nightReason);
  const switched = context.referenceMode !== undefined && context.referenceMode !== context.mode;
  if (result.type === 'scene_change' && switched) return notAssessed(result, SWITCH, SWITCH_REASON);
  return result;
}

export function judgeByPictureMode(results: readonly CheckResult[], context: ModeContext): CheckResult[] {
  return results.map((r) => {
    const out = judged(r, context);
    return context.mode === 'night' ? { ...out, metrics: { ...out.metrics, night: 1 } } : out;
  });
}
