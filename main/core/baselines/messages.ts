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
