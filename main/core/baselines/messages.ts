// Operator messages for verdicts the baseline changed, in both UI languages.
import { CHECK_NAMES } from '../../../shared/diagnosis/check-names.ts';
import type { CheckType, LocalizedText } from '../../../shared/diagnosis/types.ts';

/** Three significant digits: enough to compare a value with its normal. */
function shortNumber(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

interface NormalBand {
  value: number;
  median: number;
  spread: number;
  runs: number;
}

function normalText(b: NormalBand): { zh: string; en: string } {
  const m = shortNumber(b.median);
  const s = shortNumber(b.spread);
  return { zh: `${m} ±${s}（${b.runs} 次）`, en: `${m} ±${s} over ${b.runs} runs` };
}

export function deviationMessage(type: CheckType, b: NormalBand): LocalizedText {
  const name = CHECK_NAMES[type];
  const higher = b.value > b.median;
  const normal = normalText(b);
  const v = shortNumber(b.value);
  return {
    'zh-CN': `${name['zh-CN']}异常：当前值 ${v} ${higher ? '高于' : '低于'}该摄像机的正常水平 ${normal.zh}`,
    en: `${name.en} abnormal: ${v} is ${higher ? 'above' : 'below'} this camera's normal of ${normal.en}`,
  };
}

export function clearedMessage(type: CheckType, b: NormalBand): LocalizedText {
  const name = CHECK_NAMES[type];
  const normal = normalText(b);
  const v = shortNumber(b.value);
  return {
    'zh-CN': `${name['zh-CN']}正常：当前值 ${v} 在该摄像机的正常范围内 ${normal.zh}，仅按平台阈值会告警`,
    en: `${name.en} normal: ${v} is within this camera's normal of ${normal.en} (the platform threshold alone would warn)`,
  };
}

export function provisionalMessage(type: CheckType, value: number, runs: number): LocalizedText {
  const name = CHECK_NAMES[type];
  const v = shortNumber(value);
  return {
    'zh-CN': `${name['zh-CN']}暂不告警：当前值 ${v} 仅略超平台阈值，该摄像机的正常范围仍在学习中（已 ${runs} 次）`,
    en: `${name.en} not raised yet: ${v} is only just past the platform threshold, and this camera's normal is still being learned (${runs} runs so far)`,
  };
}
