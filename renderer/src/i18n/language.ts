// Which UI language to use: the setting, or for 'auto' the system's (Chinese first for operators).
import type { Settings } from '../../../shared/api/settings.ts';

export type UiLanguage = 'zh-CN' | 'en';

export function resolveLanguage(setting: Settings['language'], systemLanguage: string): UiLanguage {
  if (setting !== 'auto') return setting;
  return systemLanguage.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
