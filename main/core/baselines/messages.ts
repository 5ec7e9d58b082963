// Operator messages for verdicts the baseline changed, in both UI languages.
import type { CheckType, LocalizedText } from '../../../shared/diagnosis/types.ts';

export const CHECK_NAMES: Record<CheckType, LocalizedText> = {
  brightness: { 'zh-CN': '亮度', en: 'Brightness' },
  blue_screen: { 'zh-CN': '蓝屏', en: 'Blue screen' },
  clarity: { 'zh-CN': '清晰度', en: 'Clarity' },
  shake: { 'zh-CN': '画面抖动', en: 'Shake' },
  freeze: { 'zh-CN': '画面冻结', en: 'Frozen image' },
  color_cast: { 'zh-CN': '偏色', en: 'Colour cast' },
  occlusion: { 'zh-CN': '遮挡', en: 'Occlusion' },
  noise: { 'zh-CN': '噪声干扰', en: 'Noise' },
  contrast: { 'zh-CN': '对比度', en: 'Contrast' },
  mosaic: { 'zh-CN': '马赛克', en: 'Mosaic' },
  flower_screen: { 'zh-CN': '花屏', en: 'Corrupted image' },
  signal_loss: { 'zh-CN': '信号丢失', en: 'Signal loss' },
  lens_dirty: { 'zh-CN': '镜头脏污', en: 'Dirty lens' },
  focus_blur: { 'zh-CN': '失焦模糊', en: 'Out of focus' },
  scene_change: { 'zh-CN': '场景变化', en: 'Scene change' },
  stripe: { 'zh-CN': '条纹干扰', en: 'Stripes' },
};

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
