// Words kept in both UI languages in a TEXT column, as JSON. A column written before they were kept
// in both holds one language's plain text: it reads as it is, the same in either language.
import { z } from 'zod';
import type { LocalizedText } from '../../../shared/diagnosis/types.ts';

export const localizedText = z.object({ 'zh-CN': z.string(), en: z.string() });

/** The same words in either language: what a one-language text is read as. */
export function sameInBoth(text: string): LocalizedText {
  return { 'zh-CN': text, en: text };
}

function decode(text: string): LocalizedText {
  if (!text.startsWith('{')) return sameInBoth(text);
  try {
    const parsed = localizedText.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : sameInBoth(text);
  } catch {
    return sameInBoth(text);
  }
}

/** A nullable TEXT column of localized text (JSON), or of one-language text stored before. */
export const localizedColumn = z.string().transform(decode).nullable();

export function localizedJson(text: LocalizedText | null): string | null {
  return text === null ? null : JSON.stringify({ 'zh-CN': text['zh-CN'], en: text.en });
}
