// The alert settings: how many runs confirm a change, which alerts notify, and quiet hours. Saved on
// their own (they never restart the worker) and checked with the shared schema before sending.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { alertSettingsSchema, type AlertSettings } from '../../../shared/alerts/alert-settings.ts';
import { useApi } from '../api/api-context.ts';
import { useApiQuery } from '../api/use-api-query.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { Field } from './Field.tsx';
import { LoadState } from './LoadState.tsx';

const NOTIFY_KEYS = ['critical', 'error', 'warning', 'recovered'] as const;

export function AlertSettingsPanel() {
  const query = useApiQuery('alertSettings', {});
  return query.data ? <AlertSettingsForm initial={query.data} onSaved={query.set} /> : <LoadState error={query.error} onRetry={query.reload} />;
}

function AlertSettingsForm({ initial, onSaved }: { initial: AlertSettings; onSaved: (s: AlertSettings) => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [form, setForm] = useState({ ...initial, confirmRuns: String(initial.confirmRuns) });
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const parsed = alertSettingsSchema.safeParse({ ...form, confirmRuns: Number(form.confirmRuns) });
    if (!parsed.success) {
      setMessage({ ok: false, text: t('alertSettings.invalid') });
      return;
    }
    const r = await api.updateAlertSettings(parsed.data);
    if (!r.ok) {
      setMessage({ ok: false, text: t('alertSettings.saveFailed', { message: r.error.message }) });
      return;
    }
    setMessage({ ok: true, text: t('alertSettings.saved') });
    onSaved(r.value);
  };

  return (
    <form className="panel" data-testid="alert-settings" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{t('alertSettings.title')}</h2>
      <div className="form-grid">
        <Field label={t('alertSettings.confirmRuns')} note={t('alertSettings.confirmRunsNote')}>
          <input type="number" min={1} max={10} data-testid="alert-confirmRuns" value={form.confirmRuns} onChange={(e) => setForm({ ...form, confirmRuns: e.target.value })} />
        </Field>
        <fieldset className="field">
          <legend className="field-label">{t('alertSettings.notify')}</legend>
          {NOTIFY_KEYS.map((k) => (
            <label key={k} className="field inline">
              <input type="checkbox" data-testid={`alert-notify-${k}`} checked={form.notify[k]} onChange={(e) => setForm({ ...form, notify: { ...form.notify, [k]: e.target.checked } })} />
              {t(`alertSettings.severities.${k}`)}
            </label>
          ))}
        </fieldset>
        <fieldset className="field">
          <legend className="field-label">
            <label className="inline">
              <input type="checkbox" data-testid="alert-quiet-enabled" checked={form.quietHours.enabled} onChange={(e) => setForm({ ...form, quietHours: { ...form.quietHours, enabled: e.target.checked } })} />{' '}
              {t('alertSettings.quietHours')}
            </label>
          </legend>
          <label className="field inline">
            {t('alertSettings.from')}
            <input type="time" data-testid="alert-quiet-start" value={form.quietHours.start} onChange={(e) => setForm({ ...form, quietHours: { ...form.quietHours, start: e.target.value } })} />
          </label>
          <label className="field inline">
            {t('alertSettings.to')}
            <input type="time" data-testid="alert-quiet-end" value={form.quietHours.end} onChange={(e) => setForm({ ...form, quietHours: { ...form.quietHours, end: e.target.value } })} />
          </label>
        </fieldset>
      </div>
      {message && (message.ok ? <p className="note" data-testid="alert-settings-saved">{message.text}</p> : <ErrorNote message={message.text} testId="alert-settings-error" />)}
      <button type="submit" data-testid="alert-settings-save">
        {t('common.save')}
      </button>
    </form>
  );
}
