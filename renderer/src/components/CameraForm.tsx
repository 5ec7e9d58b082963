// Add or edit one camera of the local inventory, checked with the contract's own schema first.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { cameraInputSchema, type CameraInput } from '../../../shared/api/contract.ts';
import type { CameraView } from '../../../shared/api/views.ts';
import { useApi } from '../api/api-context.ts';
import { fieldErrors } from '../forms/issue-message.ts';
import { ErrorNote } from './ErrorNote.tsx';
import { Field } from './Field.tsx';
import { PasswordInput, secretUpdate, type SecretChange } from './PasswordInput.tsx';

const TEXT_FIELDS = ['name', 'code', 'streamUrl', 'backupStreamUrl', 'location', 'username'] as const;
type TextField = (typeof TEXT_FIELDS)[number];

export function CameraForm({ camera, onSaved, onCancel }: { camera: CameraView | null; onSaved: (camera: CameraView) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const [id, setId] = useState(camera ? String(camera.id) : '');
  const [text, setText] = useState<Record<TextField, string>>(() => ({
    name: camera?.name ?? '',
    code: camera?.code ?? '',
    streamUrl: camera?.streamUrl ?? '',
    backupStreamUrl: camera?.backupStreamUrl ?? '',
    location: camera?.location ?? '',
    username: camera?.username ?? '',
  }));
  const [password, setPassword] = useState<SecretChange>({ text: '', clear: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const optional = (v: string) => (v.trim() === '' ? null : v.trim());
    const rawId = camera ? camera.id : /^\d{1,15}$/.test(id.trim()) ? Number(id.trim()) : id;
    const input: CameraInput = {
      id: rawId,
      name: text.name,
      code: optional(text.code),
      streamUrl: text.streamUrl,
      backupStreamUrl: optional(text.backupStreamUrl),
      location: optional(text.location),
      username: optional(text.username),
    };
    const secret = secretUpdate(password);
    if (secret !== undefined) input.password = secret;
    const parsed = cameraInputSchema.safeParse(input);
    if (!parsed.success) {
      setErrors(fieldErrors(parsed.error.issues, t));
      return;
    }
    setErrors({});
    setSaving(true);
    const result = await api.saveCamera(input);
    setSaving(false);
    if (result.ok) onSaved(result.value);
    else setServerError(t('cameras.saveFailed', { message: result.error.message }));
  };

  return (
    <form className="panel form" data-testid="camera-form" onSubmit={(e) => void submit(e)} noValidate>
      <h2>{camera ? t('cameras.editTitle', { id: String(camera.id) }) : t('cameras.addTitle')}</h2>
      <div className="form-grid">
        <Field label={t('cameras.id')} error={errors.id} errorTestId="camera-error-id">
          <input data-testid="camera-id" value={id} disabled={camera !== null} onChange={(e) => setId(e.target.value)} />
        </Field>
        {TEXT_FIELDS.map((field) => (
          <Field key={field} label={t(`cameras.${field}`)} error={errors[field]} errorTestId={`camera-error-${field}`}>
            <input data-testid={`camera-${field}`} value={text[field]} onChange={(e) => setText({ ...text, [field]: e.target.value })} />
          </Field>
        ))}
        <Field label={t('cameras.password')}>
          <PasswordInput value={password} onChange={setPassword} hasPassword={camera?.hasPassword ?? false} testId="camera-password" />
        </Field>
      </div>
      {serverError && <ErrorNote message={serverError} testId="camera-save-error" />}
      <div className="row">
        <button type="submit" className="primary" data-testid="camera-save" disabled={saving}>
          {saving ? t('common.saving') : t('common.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
