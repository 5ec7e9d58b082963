// Filters over the cached results. A camera is picked by its name or code as the operator knows it:
// a camera of the inventory is filtered by its id, any other by the name its results were stored with.
import { useTranslation } from 'react-i18next';
import type { CameraView } from '../../../shared/api/views.ts';
import { ALL_CHECKS, STATUSES, type CheckType, type DiagnosisStatus } from '../../../shared/diagnosis/types.ts';
import type { ResultFilter } from '../hooks/use-result-pages.ts';
import { parseLocalDate } from '../format/time.ts';

export interface FilterFields {
  camera: string;
  type: CheckType | '';
  /** 'abnormal': any status but normal. */
  status: DiagnosisStatus | 'abnormal' | '';
  from: string;
  to: string;
}

export const NO_FILTERS: FilterFields = { camera: '', type: '', status: '', from: '', to: '' };

function cameraFilter(text: string, cameras: readonly CameraView[]): Pick<ResultFilter, 'cameraId' | 'cameraName'> {
  const wanted = text.trim().toLowerCase();
  if (wanted === '') return {};
  const known = cameras.find((c) => c.name.toLowerCase() === wanted || c.code?.toLowerCase() === wanted || String(c.id).toLowerCase() === wanted);
  return known ? { cameraId: known.id } : { cameraName: text.trim() };
}

export function toResultFilter(fields: FilterFields, cameras: readonly CameraView[]): ResultFilter {
  const filter: ResultFilter = { ...cameraFilter(fields.camera, cameras) };
  if (fields.type) filter.type = fields.type;
  if (fields.status === 'abnormal') filter.abnormal = true;
  else if (fields.status) filter.status = fields.status;
  const from = parseLocalDate(fields.from);
  const to = parseLocalDate(fields.to);
  if (typeof from === 'number') filter.from = from;
  if (typeof to === 'number') filter.to = to;
  return filter;
}

function DateField({ label, value, testId, onChange }: { label: string; value: string; testId: string; onChange: (v: string) => void }) {
  const { t } = useTranslation();
  const invalid = parseLocalDate(value) === null;
  return (
    <label>
      {label}
      <input
        className="date-input"
        inputMode="numeric"
        data-testid={testId}
        placeholder={t('findings.datePlaceholder')}
        value={value}
        aria-invalid={invalid}
        title={invalid ? t('findings.dateInvalid') : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </label>
  );
}

export function ResultFilters({ value, cameras, onChange }: { value: FilterFields; cameras: readonly CameraView[]; onChange: (value: FilterFields) => void }) {
  const { t } = useTranslation();
  const set = <K extends keyof FilterFields>(key: K, v: FilterFields[K]) => onChange({ ...value, [key]: v });
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('findings.camera')}
        <input data-testid="filter-camera" list="filter-camera-names" placeholder={t('findings.cameraPlaceholder')} value={value.camera} onChange={(e) => set('camera', e.target.value)} />
        <datalist id="filter-camera-names">
          {cameras.map((c) => (
            <option key={String(c.id)} value={c.name} />
          ))}
        </datalist>
      </label>
      <label>
        {t('results.type')}
        <select data-testid="filter-type" value={value.type} onChange={(e) => set('type', e.target.value as FilterFields['type'])}>
          <option value="">{t('common.any')}</option>
          {ALL_CHECKS.map((c) => (
            <option key={c} value={c}>
              {t(`checks.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('results.status')}
        <select data-testid="filter-status" value={value.status} onChange={(e) => set('status', e.target.value as FilterFields['status'])}>
          <option value="">{t('common.any')}</option>
          <option value="abnormal">{t('findings.anyAbnormal')}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <DateField label={t('results.from')} value={value.from} testId="filter-from" onChange={(v) => set('from', v)} />
      <DateField label={t('results.to')} value={value.to} testId="filter-to" onChange={(v) => set('to', v)} />
      <button type="button" onClick={() => onChange(NO_FILTERS)}>
        {t('results.clearFilters')}
      </button>
    </form>
  );
}
