// What an operator should do about each abnormal check, in both UI languages.
import type { CheckType, LocalizedText } from './types.ts';

export const SUGGESTIONS: Record<CheckType, LocalizedText> = {
  brightness: { 'zh-CN': '检查补光、红外灯或曝光设置', en: 'Check lighting, IR illuminator or exposure settings' },
  blue_screen: { 'zh-CN': '检查视频线缆、编码器与通道配置', en: 'Check video cabling, encoder and channel configuration' },
  clarity: { 'zh-CN': '清洁镜头并重新对焦', en: 'Clean the lens and refocus' },
  shake: { 'zh-CN': '紧固摄像机支架，检查云台', en: 'Tighten the camera mount and check the PTZ' },
  freeze: { 'zh-CN': '重启摄像机或编码器，检查码流', en: 'Restart the camera or encoder and check the stream' },
  color_cast: { 'zh-CN': '检查白平衡与视频线缆', en: 'Check white balance and video cabling' },
  occlusion: { 'zh-CN': '到现场清除遮挡物', en: 'Remove whatever covers the camera on site' },
  noise: { 'zh-CN': '检查线缆接地与干扰，调整增益', en: 'Check cable grounding and interference, lower the gain' },
  contrast: { 'zh-CN': '调整对比度与曝光设置', en: 'Adjust contrast and exposure settings' },
  mosaic: { 'zh-CN': '检查网络带宽与编码码率', en: 'Check network bandwidth and encoder bitrate' },
  flower_screen: { 'zh-CN': '检查网络丢包与解码器', en: 'Check network packet loss and the decoder' },
  signal_loss: { 'zh-CN': '检查摄像机供电、网络与视频线缆', en: 'Check camera power, network and video cabling' },
  lens_dirty: { 'zh-CN': '清洁镜头与防护罩', en: 'Clean the lens and its housing' },
  focus_blur: { 'zh-CN': '重新调整焦距', en: 'Readjust the focus' },
  scene_change: { 'zh-CN': '确认摄像机是否被移动或预置位是否漂移', en: 'Check whether the camera was moved or its preset drifted' },
  stripe: { 'zh-CN': '检查电源与视频线缆的干扰', en: 'Check power and video cabling for interference' },
};
