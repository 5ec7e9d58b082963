// A write-only secret: the stored one is never shown, only whether there is one. Empty keeps it,
// typing replaces it, the checkbox removes it. Disabled (decided elsewhere), it only says whether one is set.
import { useTranslation } from 'react-i18next';

export interface SecretChange {
  text: string;
  clear: boolean;
}

export function PasswordInput({ value, onChange, hasPassword, testId, disabled = false }: { value: SecretChange; onChange: (value: SecretChange) => void; hasPassword: boolean; testId: string; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <span className="password">
      <input
        type="password"
        autoComplete="new-password"
        data-testid={testId}
        value={value.text}
        disabled={disabled || value.clear}
        placeholder={!hasPassword ? t('common.notSet') : disabled ? t('common.set') : t('cameras.passwordKeep')}
        onChange={(e) => onChange({ text: e.target.value, clear: false })}
      />
      {hasPassword && !disabled && (
        <label className="inline small">
          <input type="checkbox" data-testid={`${testId}-clear`} checked={value.clear} onChange={(e) => onChange({ text: '', clear: e.target.checked })} />
          {t('common.clear')}
        </label>
      )}
    </span>
  );
}

/** What to send: undefined keeps the stored secret, null removes it. */
export function secretUpdate(value: SecretChange): string | null | undefined {
  if (value.clear) return null;
  return value.text === '' ? undefined : value.text;
}
