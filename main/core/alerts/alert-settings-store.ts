// The alert settings in the local database; a file edited by hand falls back to the defaults.
import { alertSettingsSchema, DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../../shared/alerts/alert-settings.ts';
import type { SettingsRepository } from '../store/settings.ts';

const KEY = 'alerts.settings';

export function readAlertSettings(settings: SettingsRepository): AlertSettings {
  const r = settings.get(KEY, alertSettingsSchema);
  return r.ok && r.value !== undefined ? r.value : DEFAULT_ALERT_SETTINGS;
}

export function saveAlertSettings(settings: SettingsRepository, value: AlertSettings): AlertSettings {
  const w = settings.set(KEY, alertSettingsSchema, value);
  if (!w.ok) throw new Error(w.message);
  return value;
}
