// Default thresholds per check, one number input per key. Empty means "use the built-in default",
// which is shown as the placeholder.
import { useTranslation } from 'react-i18next';
import { DEFAULT_THRESHOLDS } from '../../../shared/diagnosis/thresholds.ts';
import { ALL_CHECKS, type CheckType } from '../../../shared/diagnosis/types.ts';
import type { ThresholdTexts } from '../forms/settings-form-state.ts';

interface Props {
  value: ThresholdTexts;
  errors: Record<string, string>;
  onChange: (value: ThresholdTexts) => void;
}

export function ThresholdsEditor({ value, errors, onChange }: Props) {
  const { t } = useTranslation();
  const set = (check: CheckType, key: string, text: string) => onChange({ ...value, [check]: { ...value[check], [key]: text } });
  return (
    <div className="thresholds">
      {ALL_CHECKS.map((check) => (
        <fieldset key={check} className="threshold-group">
          <legend>{t(`checks.${check}`)}</legend>
          {Object.entries(DEFAULT_THRESHOLDS[check]).map(([key, fallback]) => {
            const path = `thresholds.${check}.${key}`;
            return (
              <label key={key} className={errors[path] ? 'field invalid' : 'field'}>
                <span className="field-label mono small">{key}</span>
                <input type="number" step="any" inputMode="decimal" data-testid={`settings-thresholds-${check}-${key}`} placeholder={String(fallback)} value={value[check]?.[key] ?? ''} onChange={(e) => set(check, key, e.target.value)} />
                {errors[path] && (
                  <span className="field-error" role="alert">
                    {errors[path]}
                  </span>
                )}
              </label>
            );
          })}
        </fieldset>
      ))}
    </div>
  );
}
