// Switch the UI language; the choice is kept in the settings so the next start uses it too.
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.ts';
import type { UiLanguage } from '../i18n/language.ts';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const api = useApi();
  // One save at a time, in the order chosen: requests sent together may land out of order and leave
  // an earlier choice saved.
  const saving = useRef<Promise<unknown>>(Promise.resolve());
  const change = (language: UiLanguage) => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
    // Not fatal when it cannot be stored: the switch still applies to this window.
    saving.current = saving.current.then(() => api.updateSettings({ language })).catch(() => undefined);
  };
  return (
    <label className="lang-switch">
      <span className="sr-only">{t('language.label')}</span>
      <select data-testid="lang-switch" value={i18n.language} onChange={(e) => change(e.target.value as UiLanguage)} aria-label={t('language.label')}>
        <option value="zh-CN">{t('language.zh-CN')}</option>
        <option value="en">{t('language.en')}</option>
      </select>
    </label>
  );
}
