// A check whose measure says nothing about this picture (a colour check on a grey night picture,
// a sharpness check on a blue screen) is reported as normal and "not assessed", naming the
// cause, so the camera shows one abnormal row for one problem. The measured values stay in the
// metrics for whoever wants to see them; rows marked so must not train a baseline.
import type { CheckResult, LocalizedText } from '../../../../shared/diagnosis/types.ts';

/** Why checks are not assessed: `key` goes into the metrics (`not_assessed_by_<key>: 1`). */
export interface NotAssessedCause {
  key: string;
  name: LocalizedText;
}

/** The lowest score of the platform's normal band. */
const NORMAL_FLOOR = 60;

export function isNotAssessed(result: CheckResult): boolean {
  return result.metrics.not_assessed === 1;
}

/** `measured` reported as normal and not assessed, with the cause and the reason in the message. */
export function notAssessed(measured: CheckResult, cause: NotAssessedCause, reason: LocalizedText): CheckResult {
  return {
    ...measured,
    status: 'normal',
    score: Math.max(NORMAL_FLOOR, measured.score),
    metrics: { ...measured.metrics, not_assessed: 1, [`not_assessed_by_${cause.key}`]: 1, measured_score: measured.score },
    message: {
      'zh-CN': `未评估：${cause.name['zh-CN']}（${reason['zh-CN']}）`,
      en: `Not assessed: ${cause.name.en} (${reason.en})`,
    },
  };
}
