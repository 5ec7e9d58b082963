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
/** A sealed secret and the hosts it was saved for; a bare string is a secret saved before binding. */
const sealed = z.union([z.string(), z.object({ sealed: z.string(), hosts: z.array(z.string()) })]);
type Which = keyof typeof SECRET_KEYS;

/** host:port of a URL, with the scheme's default port, lower-cased; '' for no URL. */
function hostOf(url: string): string {
  if (!URL.canParse(url)) return '';
  const u = new URL(url);
  const port = u.port || ({ 'amqp:': '5672', 'amqps:': '5671', 'http:': '80', 'https:': '443' } as Record<string, string>)[u.protocol] || '';
  return `${u.protocol}//${u.hostname.toLowerCase()}:${port}`;
}
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
    const s = this.get();
    return { ...s, hasBrokerPassword: this.secret('broker', this.hosts('broker', s)) !== null, hasPlatformPassword: this.secret('platform', this.hosts('platform', s)) !== null };
  }

  /**
   * Saves a change. A saved password stays bound to the hosts it was saved for: pointing the broker
   * or the platform at another host forgets it (the operator types it again), so a changed URL can
   * never carry the old password to a new listener.
   */
  update(change: SettingsUpdate): void {
    const { brokerPassword, platformPassword, ...rest } = change;
    const before = this.get();
    const next = settingsSchema.parse({ ...before, ...rest });
    const keys = Object.keys({ ...this.stored(), ...rest }) as Array<keyof Settings>;
    const w = this.store.settings.set(SETTINGS_KEY, storedSchema, Object.fromEntries(keys.map((k) => [k, next[k]])));
    if (!w.ok) throw new Error(w.message);
    for (const [which, given] of [['broker', brokerPassword], ['platform', platformPassword]] as const) {
      if (given !== undefined) this.setSecret(which, given, this.hosts(which, next));
      else if (!this.hosts(which, next).every((h) => this.hosts(which, before).includes(h))) this.setSecret(which, null, []);
    }
  }

  /** The hosts a secret goes to with these settings: every broker URL's, or the platform URL's. */
  private hosts(which: Which, s: Settings): string[] {
    return (which === 'broker' ? s.brokerUrls : [s.platformUrl]).map(hostOf).filter(Boolean);
  }

  /** The stored settings as worker configuration: the lowest layer under file, environment and flags. */
  asConfig(): WorkerConfigInput {
    const s = this.get();
    const set = this.stored();
    const password = this.secret('broker', this.hosts('broker', s));
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
      ...(s.platformUrl ? { platformUrl: s.platformUrl, platformUsername: s.platformUsername, platformPassword: this.secret('platform', this.hosts('platform', s)) ?? undefined } : {}),
    };
  }

  /** True once the operator saved settings (the first-run screen shows until then). */
  saved(): boolean {
    const r = this.store.settings.get(SETTINGS_KEY, z.unknown());
    return r.ok && r.value !== undefined;
  }

  /** The secret, only if every host it would go to is one it was saved for. */
  private secret(which: Which, hosts: readonly string[]): string | null {
    const r = this.store.settings.get(SECRET_KEYS[which], sealed);
    if (!r.ok || r.value === undefined) return null;
    // A secret saved before binding belongs to the settings it was saved with, which are these.
    const saved = typeof r.value === 'string' ? { sealed: r.value, hosts } : r.value;
    if (!hosts.every((h) => saved.hosts.includes(h))) return null;
    try {
      return this.secrets.decrypt(Buffer.from(saved.sealed, 'base64'));
    } catch {
      return null;
    }
  }

  private setSecret(which: Which, value: string | null, hosts: string[]): void {
    if (value === null || value === '') {
      this.store.settings.remove(SECRET_KEYS[which]);
      return;
    }
    const w = this.store.settings.set(SECRET_KEYS[which], sealed, { sealed: Buffer.from(this.secrets.encrypt(value)).toString('base64'), hosts });
    if (!w.ok) throw new Error(w.message);
  }
}
