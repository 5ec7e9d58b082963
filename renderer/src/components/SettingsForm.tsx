// Every setting, checked with the shared schema before it is sent; the server's verdict is shown too.
// A field a config file, the environment or a flag decides is shown read-only with a note, and not sent.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { settingsSchema, type OverridableField, type SettingsUpdate, type SettingsView } from '../../../shared/api/settings.ts';
import { useApi } from '../api/api-context.ts';
import { fieldErrors } from '../forms/issue-message.ts';
import { fromFormState, toFormState, type NumberField, type SettingsFormState, type TextField } from '../forms/settings-form-state.ts';
import { resolveLanguage } from '../i18n/language.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { Field } from './Field.tsx';
import { PasswordInput, secretUpdate, type SecretChange } from './PasswordInput.tsx';
import { ThresholdsEditor } from './ThresholdsEditor.tsx';

type TextKey = TextField | NumberField;

const NO_SECRET: SecretChange = { text: '', clear: false };
/** Overridden fields are not sent, so each field is checked when it is there. */
const sentSchema = settingsSchema.partial();

export function SettingsForm({ initial, onSaved }: { initial: SettingsView; onSaved: (view: SettingsView) => void }) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [view, setView] = useState(initial);
  const [form, setForm] = useState<SettingsFormState>(() => toFormState(initial));
  const [brokerPassword, setBrokerPassword] = useState<SecretChange>(NO_SECRET);
  const [platformPassword, setPlatformPassword] = useState<SecretChange>(NO_SECRET);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [restarting, setRestarting] = useState(false);
  const [saving, setSaving] = useState(false);

  const set = <K extends keyof SettingsFormState>(key: K, value: SettingsFormState[K]) => {
    setSaved(false);
    setForm((old) => ({ ...old, [key]: value }));
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    setServerError(null);
    const { candidate, thresholdErrors } = fromFormState(form, view.overriddenBy);
    const parsed = sentSchema.safeParse(candidate);
    const found = parsed.success ? {} : fieldErrors(parsed.error.issues, t);
    for (const path of thresholdErrors) found[path] = t('settings.validation.threshold');
    setErrors(found);
    if (!parsed.success || thresholdErrors.length > 0) return;
    const update: SettingsUpdate = { ...parsed.data };
    const broker = secretUpdate(brokerPassword);
    const platform = secretUpdate(platformPassword);
    if (broker !== undefined) update.brokerPassword = broker;
    if (platform !== undefined) update.platformPassword = platform;
    setSaving(true);
    const result = await api.updateSettings(update);
    setSaving(false);
    if (!result.ok) {
      setServerError(t('settings.saveFailed', { message: result.error.message }));
      return;
    }
    setView(result.value);
    setForm(toFormState(result.value));
    setBrokerPassword(NO_SECRET);
    setPlatformPassword(NO_SECRET);
    setSaved(true);
    setRestarting(result.value.workerRestarts);
    const language = resolveLanguage(result.value.language, navigator.language);
    if (language !== i18n.language) void i18n.changeLanguage(language);
    onSaved(result.value);
  };

  /** Why a field cannot be changed here, when a layer above decides it. */
  const overriddenNote = (key: OverridableField): string | undefined => {
    const by = view.overriddenBy[key];
    return by && t(`settings.overriddenBy.${by}`);
  };

  const text = (key: TextKey, type: 'text' | 'number' = 'text'): ReactNode => (
    <Field label={t(`settings.fields.${key}`)} note={overriddenNote(key)} noteTestId={`settings-overridden-${key}`} error={errors[key]} errorTestId={`settings-error-${key}`}>
      <input
        type={type}
        data-testid={`settings-${key}`}
        value={form[key]}
        disabled={view.overriddenBy[key] !== undefined}
        aria-invalid={errors[key] ? true : undefined}
        onChange={(e) => set(key, e.target.value)}
      />
    </Field>
  );

  return (
    <form className="settings" onSubmit={(e) => void submit(e)} noValidate>
      <section className="panel">
        <h2>{t('settings.broker')}</h2>
        <div className="form-grid">
          <Field label={t('settings.fields.brokerUrls')} note={overriddenNote('brokerUrls')} noteTestId="settings-overridden-brokerUrls" error={errors.brokerUrls} errorTestId="settings-error-brokerUrls">
            <textarea
              data-testid="settings-brokerUrls"
              rows={3}
              value={form.brokerUrls}
              disabled={view.overriddenBy.brokerUrls !== undefined}
              aria-invalid={errors.brokerUrls ? true : undefined}
              onChange={(e) => set('brokerUrls', e.target.value)}
            />
          </Field>
          {text('brokerUsername')}
          {/* The password travels inside the broker URLs: whoever sets those sets it too. */}
          <Field label={t('settings.fields.brokerPassword')} note={overriddenNote('brokerUrls')} noteTestId="settings-overridden-brokerPassword">
            <PasswordInput value={brokerPassword} onChange={setBrokerPassword} hasPassword={view.hasBrokerPassword} testId="settings-brokerPassword" disabled={view.overriddenBy.brokerUrls !== undefined} />
          </Field>
        </div>
      </section>
      <section className="panel">
        <h2>{t('settings.worker')}</h2>
        <div className="form-grid">
          {text('workerId')}
          {text('concurrency', 'number')}
          {text('probeLimit', 'number')}
          {text('heartbeatIntervalS', 'number')}
          {text('taskTimeoutS', 'number')}
        </div>
      </section>
      <section className="panel">
        <h2>{t('settings.system')}</h2>
        <div className="form-grid">
          {text('retentionDays', 'number')}
          <Field label={t('settings.fields.language')}>
            <select data-testid="settings-language" value={form.language} onChange={(e) => set('language', e.target.value as SettingsFormState['language'])}>
              <option value="auto">{t('language.auto')}</option>
              <option value="zh-CN">{t('language.zh-CN')}</option>
              <option value="en">{t('language.en')}</option>
            </select>
          </Field>
          <label className="field inline">
            <input type="checkbox" data-testid="settings-startAtLogin" checked={form.startAtLogin} onChange={(e) => set('startAtLogin', e.target.checked)} />
            {t('settings.fields.startAtLogin')}
          </label>
        </div>
      </section>
      <section className="panel">
        <h2>{t('settings.platform')}</h2>
        <div className="form-grid">
          {text('platformUrl')}
          {text('platformUsername')}
          <Field label={t('settings.fields.platformPassword')} note={overriddenNote('platformPassword')} noteTestId="settings-overridden-platformPassword">
            <PasswordInput
              value={platformPassword}
              onChange={setPlatformPassword}
              hasPassword={view.hasPlatformPassword}
              testId="settings-platformPassword"
              disabled={view.overriddenBy.platformPassword !== undefined}
            />
          </Field>
        </div>
      </section>
      <details className="panel">
        <summary>
          <h2 className="inline-heading">{t('settings.thresholds')}</h2>
        </summary>
        <p className="muted small">{t('settings.thresholdsHint')}</p>
        <ThresholdsEditor value={form.thresholds} errors={errors} onChange={(v) => set('thresholds', v)} />
      </details>
      <div className="form-actions">
        <button type="submit" className="primary" data-testid="settings-save" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
        {Object.keys(errors).length > 0 && <ErrorNote message={t('settings.fixErrors')} testId="settings-invalid" />}
        {serverError && <ErrorNote message={serverError} testId="settings-server-error" />}
        {saved && (
          <p className={restarting ? 'note note-warning' : 'note'} role="status" data-testid="settings-saved">
            {restarting ? t('findings.restarting') : t('settings.saved')}
          </p>
        )}
      </div>
    </form>
  );
}
