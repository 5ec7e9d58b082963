// Filters over the cached results. The camera ID is sent as a number when it is all digits, as the
// store keeps numeric IDs as numbers.
import { useTranslation } from 'react-i18next';
import { ALL_CHECKS, STATUSES, type CheckType, type DiagnosisStatus } from '../../../shared/diagnosis/types.ts';
import type { ResultFilter } from '../hooks/use-result-pages.ts';
import { fromLocalInput } from '../format/time.ts';

export interface FilterFields {
  cameraId: string;
  type: CheckType | '';
  status: DiagnosisStatus | '';
  from: string;
  to: string;
}

export const NO_FILTERS: FilterFields = { cameraId: '', type: '', status: '', from: '', to: '' };

export function toResultFilter(fields: FilterFields): ResultFilter {
  const filter: ResultFilter = {};
  const cameraId = fields.cameraId.trim();
  if (cameraId !== '') filter.cameraId = /^\d{1,15}$/.test(cameraId) ? Number(cameraId) : cameraId;
  if (fields.type) filter.type = fields.type;
  if (fields.status) filter.status = fields.status;
  const from = fromLocalInput(fields.from);
  const to = fromLocalInput(fields.to);
  if (from !== undefined) filter.from = from;
  if (to !== undefined) filter.to = to;
  return filter;
}

export function ResultFilters({ value, onChange }: { value: FilterFields; onChange: (value: FilterFields) => void }) {
  const { t } = useTranslation();
  const set = <K extends keyof FilterFields>(key: K, v: FilterFields[K]) => onChange({ ...value, [key]: v });
  return (
    <form className="filters" onSubmit={(e) => e.preventDefault()}>
      <label>
        {t('results.cameraId')}
        <input data-testid="filter-camera" value={value.cameraId} onChange={(e) => set('cameraId', e.target.value)} />
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
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('results.from')}
        <input type="datetime-local" data-testid="filter-from" value={value.from} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label>
        {t('results.to')}
        <input type="datetime-local" data-testid="filter-to" value={value.to} onChange={(e) => set('to', e.target.value)} />
      </label>
      <button type="button" onClick={() => onChange(NO_FILTERS)}>
        {t('results.clearFilters')}
      </button>
    </form>
  );
}
