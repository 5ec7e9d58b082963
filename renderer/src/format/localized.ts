// Words stored in both UI languages, in the one the operator reads.
import type { LocalizedText } from '../../../shared/diagnosis/types.ts';
import type { UiLanguage } from '../i18n/language.ts';

export function uiLanguage(language: string): UiLanguage {
  return language === 'en' ? 'en' : 'zh-CN';
}

export function localized(text: LocalizedText, language: string): string {
  return text[uiLanguage(language)];
}
