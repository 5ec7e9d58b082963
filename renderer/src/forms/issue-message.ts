// Turn a zod issue from a shared schema into a message in the UI language. The schemas' own texts
// are English; the format hints are looked up per field instead.
import type { TFunction } from 'i18next';
import type { z } from 'zod';

const FORMAT_HINTS = {
  brokerUrls: 'settings.validation.brokerUrl',
  workerId: 'settings.validation.workerId',
  platformUrl: 'settings.validation.platformUrl',
} as const;

export function issueMessage(issue: z.core.$ZodIssue, t: TFunction): string {
  const field = issue.path[0];
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string') return t('settings.validation.required');
      if (issue.origin === 'array') return t('settings.validation.brokerUrlsCount');
      return t('settings.validation.min', { min: Number(issue.minimum) });
    case 'too_big':
      if (issue.origin === 'string') return t('settings.validation.tooLong', { max: Number(issue.maximum) });
      if (issue.origin === 'array') return t('settings.validation.brokerUrlsCount');
      return t('settings.validation.max', { max: Number(issue.maximum) });
    case 'invalid_type':
      return t(issue.expected === 'number' ? 'settings.validation.number' : 'settings.validation.invalid');
    case 'invalid_format':
    case 'invalid_union':
      if (typeof field === 'string' && field in FORMAT_HINTS) return t(FORMAT_HINTS[field as keyof typeof FORMAT_HINTS]);
      return t('settings.validation.invalid');
    default:
      return t('settings.validation.invalid');
  }
}

/** The first message per top-level field. */
export function fieldErrors(issues: readonly z.core.$ZodIssue[], t: TFunction): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    out[field] ??= issueMessage(issue, t);
  }
  return out;
}
