// Settings: loaded once, then edited in a form that keeps what the operator typed.
import { useTranslation } from 'react-i18next';
import { useApiQuery } from '../api/use-api-query.ts';
import { AlertSettingsPanel } from '../components/AlertSettingsForm.tsx';
import { LoadState } from '../components/LoadState.tsx';
import { SettingsForm } from '../components/SettingsForm.tsx';

export function SettingsPage() {
  const { t } = useTranslation();
  const settings = useApiQuery('getSettings', {});
  return (
    <div className="page">
      <h1>{t('settings.title')}</h1>
      {settings.data ? <SettingsForm initial={settings.data} onSaved={settings.set} /> : <LoadState error={settings.error} onRetry={settings.reload} />}
      <AlertSettingsPanel />
    </div>
  );
}
