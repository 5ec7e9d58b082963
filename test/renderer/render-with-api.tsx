// Render a page as the window does: with an EdgeApi and translations in the given language.
import { render, type RenderResult } from '@testing-library/react';
import type { ReactElement } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { EdgeApi } from '../../shared/api/contract.ts';
import { ApiContext } from '../../renderer/src/api/api-context.ts';
import { createI18n } from '../../renderer/src/i18n/create-i18n.ts';
import type { UiLanguage } from '../../renderer/src/i18n/language.ts';

export function renderWithApi(ui: ReactElement, api: EdgeApi, language: UiLanguage = 'zh-CN'): RenderResult {
  return render(
    <ApiContext.Provider value={api}>
      <I18nextProvider i18n={createI18n(language)}>{ui}</I18nextProvider>
    </ApiContext.Provider>,
  );
}
