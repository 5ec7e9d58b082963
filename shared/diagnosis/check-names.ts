// Each check's name in both UI languages, for messages the engine writes (baseline verdicts, alert
// notifications); the window has its own copy in its dictionaries.
import type { CheckType, LocalizedText } from './types.ts';

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
