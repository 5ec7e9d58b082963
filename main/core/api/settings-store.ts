// Operator settings kept in the local database; secrets only sealed, through the SecretCodec.
// Only the settings the operator has set are stored: one never touched keeps following the worker's
// own default (a language switch must not pin the broker URL without its password, or the worker id).
import { hostname } from 'node:os';
import { z } from 'zod';
import { DEFAULT_SETTINGS, settingsSchema, type Settings, type SettingsUpdate, type SettingsView } from '../../../shared/api/settings.ts';
import type { WorkerConfigInput } from '../config/worker-config.ts';
import type { SecretCodec } from '../store/cameras.ts';
import type { Store } from '../store/store.ts';

const SETTINGS_KEY = 'app.settings';
const SECRET_KEYS = { broker: 'secret.broker-password', platform: 'secret.platform-password' } as const;
const sealed = z.string();
const storedSchema = settingsSchema.partial();
/** As the worker configuration defaults them (its id is the machine's). */
const DEFAULTS: Settings = { ...DEFAULT_SETTINGS, workerId: `edge-${hostname()}` };

/** The saved side of the view; the engine adds what the layers above decide. */
export type SavedSettingsView = Omit<SettingsView, 'overriddenBy'>;

export class SettingsStore {
  private readonly store: Store;
  private readonly secrets: SecretCodec;

  constructor(store: Store, secrets: SecretCodec) {
    this.store = store;
    this.secrets = secrets;
  }

  get(): Settings {
    return { ...DEFAULTS, ...this.stored() };
  }

  /** The settings the operator has set. */
  private stored(): Partial<Settings> {
    const r = this.store.settings.get(SETTINGS_KEY, storedSchema);
    return r.ok ? (r.value ?? {}) : {};
  }

  view(): SavedSettingsView {
    return { ...this.get(), hasBrokerPassword: this.secret('broker') !== null, hasPlatformPassword: this.secret('platform') !== null };
  }

  update(change: SettingsUpdate): void {
    const { brokerPassword, platformPassword, ...rest } = change;
    const next = settingsSchema.parse({ ...this.get(), ...rest });
    const keys = Object.keys({ ...this.stored(), ...rest }) as Array<keyof Settings>;
    const w = this.store.settings.set(SETTINGS_KEY, storedSchema, Object.fromEntries(keys.map((k) => [k, next[k]])));
    if (!w.ok) throw new Error(w.message);
    if (brokerPassword !== undefined) this.setSecret('broker', brokerPassword);
    if (platformPassword !== undefined) this.setSecret('platform', platformPassword);
  }

  /** The stored settings as worker configuration: the lowest layer under file, environment and flags. */
  asConfig(): WorkerConfigInput {
    const s = this.get();
    const set = this.stored();
    const password = this.secret('broker');
    const brokers = s.brokerUrls.map((u) => {
      const url = new URL(u);
      url.username = encodeURIComponent(s.brokerUsername);
      if (password !== null) url.password = encodeURIComponent(password);
      return url.toString();
    });
    const own = <K extends keyof Settings>(key: K) => (set[key] !== undefined ? { [key]: s[key] } : {});
    return {
      ...(set.brokerUrls !== undefined || set.brokerUsername !== undefined || password !== null ? { brokers } : {}),
      ...own('workerId'),
      ...own('concurrency'),
      ...own('probeLimit'),
      ...own('heartbeatIntervalS'),
      ...own('taskTimeoutS'),
      ...own('retentionDays'),
      ...(s.ffmpegPath ? { ffmpegPath: s.ffmpegPath } : {}),
      ...(s.platformUrl ? { platformUrl: s.platformUrl, platformUsername: s.platformUsername, platformPassword: this.secret('platform') ?? undefined } : {}),
    };
  }

  /** True once the operator saved settings (the first-run screen shows until then). */
  saved(): boolean {
    const r = this.store.settings.get(SETTINGS_KEY, z.unknown());
    return r.ok && r.value !== undefined;
  }

  private secret(which: keyof typeof SECRET_KEYS): string | null {
    const r = this.store.settings.get(SECRET_KEYS[which], sealed);
    if (!r.ok || r.value === undefined) return null;
    try {
      return this.secrets.decrypt(Buffer.from(r.value, 'base64'));
    } catch {
      return null;
    }
  }

  private setSecret(which: keyof typeof SECRET_KEYS, value: string | null): void {
    if (value === null || value === '') {
      this.store.settings.remove(SECRET_KEYS[which]);
      return;
    }
    const w = this.store.settings.set(SECRET_KEYS[which], sealed, Buffer.from(this.secrets.encrypt(value)).toString('base64'));
    if (!w.ok) throw new Error(w.message);
  }
}
