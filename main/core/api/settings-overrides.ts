// Which settings a config file, the environment or a flag decides (those layers sit above the saved
// settings), and the value the worker then runs with: the Settings page shows such fields read-only.
import type { Settings, SettingsOverrides } from '../../../shared/api/settings.ts';
import type { ConfigLayer, WorkerConfig } from '../config/worker-config.ts';
import { brokerEndpoint } from './status-view.ts';

/** The worker-configuration key behind each settings field, as SettingsStore.asConfig maps them. */
const CONFIG_KEY = {
  brokerUrls: 'brokers',
  brokerUsername: 'brokers',
  workerId: 'workerId',
  concurrency: 'concurrency',
  probeLimit: 'probeLimit',
  heartbeatIntervalS: 'heartbeatIntervalS',
  taskTimeoutS: 'taskTimeoutS',
  retentionDays: 'retentionDays',
  platformUrl: 'platformUrl',
  platformUsername: 'platformUsername',
} as const satisfies Partial<Record<keyof Settings, keyof WorkerConfig>>;

type MappedField = keyof typeof CONFIG_KEY;
const MAPPED_FIELDS = Object.keys(CONFIG_KEY) as MappedField[];

/** For each mapped field, the highest layer that sets its key (an undefined value sets nothing). */
export function overriddenSettings(layers: readonly ConfigLayer[]): SettingsOverrides {
  const by: SettingsOverrides = {};
  for (const { source, config } of layers) {
    for (const field of MAPPED_FIELDS) if (config[CONFIG_KEY[field]] !== undefined) by[field] = source;
    if (config.platformPassword !== undefined) by.platformPassword = source;
  }
  return by;
}

/** A broker URL as the settings keep it: the user name and password have their own fields. */
function withoutCredentials(broker: string): string {
  const url = new URL(broker);
  url.username = '';
  url.password = '';
  return url.toString();
}

function asSettings(config: WorkerConfig): Pick<Settings, MappedField> {
  return {
    brokerUrls: config.brokers.map(withoutCredentials),
    brokerUsername: brokerEndpoint(config.brokers[0])?.user ?? '',
    workerId: config.workerId,
    concurrency: config.concurrency,
    probeLimit: config.probeLimit,
    heartbeatIntervalS: config.heartbeatIntervalS,
    taskTimeoutS: config.taskTimeoutS,
    retentionDays: config.retentionDays,
    platformUrl: config.platformUrl ?? '',
    platformUsername: config.platformUsername ?? '',
  };
}

/** The settings with each overridden field showing the value the worker runs with. */
export function effectiveSettings<S extends Settings>(settings: S, config: WorkerConfig, overriddenBy: SettingsOverrides): S {
  const running = asSettings(config);
  const effective = { ...settings };
  const take = <K extends MappedField>(field: K) => {
    effective[field] = running[field] as S[K];
  };
  for (const field of MAPPED_FIELDS) if (overriddenBy[field] !== undefined) take(field);
  return effective;
}
