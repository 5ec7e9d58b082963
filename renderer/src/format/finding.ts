// A result's words in the operator's language: the finding stored in both languages, or for a row
// stored before findings were kept, the one-language text it was stored with.
import type { ResultView } from '../../../shared/api/views.ts';
import type { UiLanguage } from '../i18n/language.ts';

function uiLanguage(language: string): UiLanguage {
  return language === 'en' ? 'en' : 'zh-CN';
}

export function findingHeadline(row: ResultView, language: string): string {
  if (row.finding) return row.finding.message[uiLanguage(language)];
  const stored = row.metrics.message;
  return typeof stored === 'string' ? stored : (row.error_message ?? '');
}

export function findingSuggestions(row: ResultView, language: string): string[] {
  if (row.finding) return row.finding.suggestions.map((s) => s[uiLanguage(language)]);
  return row.suggestions;
}

/** The raw words of the source (an ffmpeg line), shown as they are under the headline. */
export function findingDetail(row: ResultView): string | null {
  if (row.finding) return row.finding.detail ?? null;
  return null;
}
