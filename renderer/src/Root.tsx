// Everything a page needs from outside: the EdgeApi and the translations.
import type { i18n } from 'i18next';
import { StrictMode } from 'react';
import { I18nextProvider } from 'react-i18next';
import type { EdgeApi } from '../../shared/api/contract.ts';
import { ApiContext } from './api/api-context.ts';
import { App } from './App.tsx';

export function Root({ api, i18n }: { api: EdgeApi; i18n: i18n }) {
  return (
    <StrictMode>
      <ApiContext.Provider value={api}>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </ApiContext.Provider>
    </StrictMode>
  );
}
