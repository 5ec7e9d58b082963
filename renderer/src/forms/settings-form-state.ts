// The settings form holds text as typed; these turn it into the settings object and back.
import type { Settings, SettingsOverrides, SettingsView } from '../../../shared/api/settings.ts';
import { isCheckType, type CheckType } from '../../../shared/diagnosis/types.ts';

/** Threshold overrides as typed: check -> key -> text (empty = the built-in default). */
export type ThresholdTexts = Partial<Record<CheckType, Record<string, string>>>;

export const NUMBER_FIELDS = ['concurrency', 'probeLimit', 'heartbeatIntervalS', 'taskTimeoutS', 'retentionDays'] as const;
export const TEXT_FIELDS = ['brokerUsername', 'workerId', 'platformUrl', 'platformUsername'] as const;

export type NumberField = (typeof NUMBER_FIELDS)[number];
export type TextField = (typeof TEXT_FIELDS)[number];

export type SettingsFormState = Record<NumberField | TextField, string> & {
  brokerUrls: string;
  language: Settings['language'];
  startAtLogin: boolean;
  thresholds: ThresholdTexts;
};

export function toFormState(view: SettingsView): SettingsFormState {
  const thresholds: ThresholdTexts = {};
  for (const [check, values] of Object.entries(view.thresholds)) {
    if (!isCheckType(check) || !values) continue;
    thresholds[check] = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, String(v)]));
  }
  return {
    brokerUrls: view.brokerUrls.join('\n'),
    brokerUsername: view.brokerUsername,
    workerId: view.workerId,
    concurrency: String(view.concurrency),
    probeLimit: String(view.probeLimit),
    heartbeatIntervalS: String(view.heartbeatIntervalS),
    taskTimeoutS: String(view.taskTimeoutS),
    retentionDays: String(view.retentionDays),
    language: view.language,
    startAtLogin: view.startAtLogin,
    platformUrl: view.platformUrl,
    platformUsername: view.platformUsername,
    thresholds,
  };
}

/** An empty number field becomes NaN, which the schema reports as "enter a number". */
function toNumber(text: string): number {
  return text.trim() === '' ? Number.NaN : Number(text);
}

/**
 * The settings to send. A field a layer above decides is left out: saving the value shown (that
 * layer's) would change nothing now and would silently take over once the layer stops setting it.
 */
export function fromFormState(state: SettingsFormState, overriddenBy: SettingsOverrides): { candidate: Partial<Settings>; thresholdErrors: string[] } {
  const thresholds: Settings['thresholds'] = {};
  const thresholdErrors: string[] = [];
  for (const [check, values] of Object.entries(state.thresholds)) {
    if (!isCheckType(check) || !values) continue;
    const set: Record<string, number> = {};
    for (const [key, text] of Object.entries(values)) {
      if (text.trim() === '') continue;
      const n = Number(text);
      if (Number.isFinite(n)) set[key] = n;
      else thresholdErrors.push(`thresholds.${check}.${key}`);
    }
    if (Object.keys(set).length > 0) thresholds[check] = set;
  }
  const all: Settings = {
    brokerUrls: state.brokerUrls
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== ''),
    brokerUsername: state.brokerUsername,
    workerId: state.workerId,
    concurrency: toNumber(state.concurrency),
    probeLimit: toNumber(state.probeLimit),
    heartbeatIntervalS: toNumber(state.heartbeatIntervalS),
    taskTimeoutS: toNumber(state.taskTimeoutS),
    thresholds,
    retentionDays: toNumber(state.retentionDays),
    language: state.language,
    startAtLogin: state.startAtLogin,
    platformUrl: state.platformUrl.trim(),
    platformUsername: state.platformUsername,
  };
  const candidate = Object.fromEntries(Object.entries(all).filter(([field]) => overriddenBy[field as keyof Settings] === undefined)) as Partial<Settings>;
  return { candidate, thresholdErrors };
}
