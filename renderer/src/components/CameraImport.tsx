// Import cameras from a CSV or JSON file; the format follows the file's extension.
import { useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context.ts';
import { ErrorNote } from './ErrorNote.tsx';

type Outcome = { imported: number; errors: string[] } | { failure: string } | null;


const CSV_COLUMNS = ['id', 'name', 'code', 'streamUrl', 'backupStreamUrl', 'location', 'username', 'password'];
export function CameraImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const choose = async (e: ChangeEvent<HTMLInputElement>) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    const format = /\.json$/i.test(file.name) ? 'json' : /\.csv$/i.test(file.name) ? 'csv' : null;
    if (!format) {
      setOutcome({ failure: t('cameras.unknownFormat') });
      return;
    }
    setBusy(true);
    const result = await api.importCameras({ format, text: await file.text() });
    setBusy(false);
    // Clear the input so choosing the same file again imports it again.
    input.value = '';
    if (result.ok) {
      setOutcome(result.value);
      onImported();
    } else {
      setOutcome({ failure: t('cameras.importFailed', { message: result.error.message }) });
    }
  };

  return (
    <div className="import">
      <label className="button">
        {busy ? t('cameras.importing') : t('cameras.import')}
        <input type="file" accept=".csv,.json,text/csv,application/json" className="sr-only" data-testid="camera-import" disabled={busy} onChange={(e) => void choose(e)} />
      </label>
      {/* The column names are the file format's, the same in every language. */}
      <span className="muted small">
        {t('cameras.importHint')} <span className="mono">{CSV_COLUMNS.join(', ')}</span>
      </span>
      {outcome && 'failure' in outcome && <ErrorNote message={outcome.failure} testId="import-error" />}
      {outcome && 'imported' in outcome && (
        <div className="import-result" data-testid="import-result">
          <p>{t('cameras.imported', { count: outcome.imported })}</p>
          {outcome.errors.length > 0 && (
            <details open>
              <summary>{t('cameras.importErrors')}</summary>
              <ul className="small" data-testid="import-errors">
                {outcome.errors.map((err, i) => (
                  <li key={i}>{err}</li>
                ))}
              </ul>
            </details>
          )}
        </div>
      )}
    </div>
  );
}
