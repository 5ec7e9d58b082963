// Chinese systems get Chinese output by default: operators in security rooms read it first.
import type { Language } from '../core/diagnosis/result-rows.ts';

export function systemLanguage(env: NodeJS.ProcessEnv = process.env): Language {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || Intl.DateTimeFormat().resolvedOptions().locale;
  return /^zh/i.test(locale ?? '') ? 'zh-CN' : 'en';
}
