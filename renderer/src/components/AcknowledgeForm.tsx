// Acknowledge one alert: who (remembered on this computer for the next one) and a note.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertView } from '../../../shared/api/health-views.ts';
import { useApi } from '../api/api-context.ts';
import { ErrorNote } from './ErrorNote.tsx';

const OPERATOR_KEY = 'edge.operator';

function rememberedOperator(): string {
  try {
    return window.localStorage.getItem(OPERATOR_KEY) ?? '';
  } catch {
    return '';
  }
}

export function AcknowledgeForm({ alert, onDone, onCancel }: { alert: AlertView; onDone: (alert: AlertView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [by, setBy] = useState(rememberedOperator);
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (by.trim() === '') {
      setError(t('alerts.nameNeeded'));
      return;
    }
    setBusy(true);
    const r = await api.acknowledgeAlert({ id: alert.id, by: by.trim(), ...(note.trim() === '' ? {} : { note: note.trim() }) });
    setBusy(false);
    if (!r.ok) {
      setError(t('alerts.failed', { message: r.error.message }));
      return;
    }
    try {
      window.localStorage.setItem(OPERATOR_KEY, by.trim());
    } catch {
      // Private windows may refuse storage: the name is simply asked for again next time.
    }
    onDone(r.value);
  };

  return (
    <form className="ack-form" data-testid="ack-form" onSubmit={(e) => void submit(e)} noValidate>
      <label className="field">
        <span>{t('alerts.operator')}</span>
        <input data-testid="ack-by" value={by} maxLength={100} onChange={(e) => setBy(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('alerts.note')}</span>
        <textarea data-testid="ack-note" rows={2} maxLength={2000} placeholder={t('alerts.notePlaceholder')} value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      {error && <ErrorNote message={error} testId="ack-error" />}
      <div>
        <button type="submit" data-testid="ack-submit" disabled={busy}>
          {t('alerts.confirm')}
        </button>{' '}
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
