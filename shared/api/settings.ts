// Settings the operator can change, validated on the serving side with these schemas.
import { z } from 'zod';
import { ALL_CHECKS } from '../diagnosis/types.ts';

const brokerUrl = z
  .string()
  .trim()
  .regex(/^amqps?:\/\/[^\s@/]+(:\d+)?(\/.*)?$/i, 'amqp://host:port/vhost, without user name or password (they have their own fields)');

export const thresholdOverridesSchema = z.partialRecord(z.enum(ALL_CHECKS), z.record(z.string(), z.number().finite()));

export const settingsSchema = z.object({
  brokerUrls: z.array(brokerUrl).min(1, 'at least one broker URL').max(16),
  brokerUsername: z.string().trim().max(200),
  workerId: z.string().trim().min(1).max(100).regex(/^[\w.:-]+$/, 'letters, digits, _ . : - only'),
  concurrency: z.number().int().min(1).max(64),
  probeLimit: z.number().int().min(1).max(256),
  heartbeatIntervalS: z.number().int().min(5).max(3600),
  taskTimeoutS: z.number().int().min(10).max(86_400),
  thresholds: thresholdOverridesSchema,
  retentionDays: z.number().int().min(1).max(3650),
  language: z.enum(['auto', 'zh-CN', 'en']),
  startAtLogin: z.boolean(),
  platformUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, error: 'http(s)://host[:port]' })]),
  platformUsername: z.string().trim().max(200),
});

export type Settings = z.infer<typeof settingsSchema>;

/** The worker's configuration layers above the saved settings, lowest to highest. */
export type OverrideSource = 'config-file' | 'environment' | 'command-line';

/** What a layer above can decide: the settings fields, and the platform password (a write-only secret). */
export type OverridableField = keyof Settings | 'platformPassword';

/** Per field, the highest layer that sets it; a field not named follows the saved value. */
export type SettingsOverrides = Partial<Record<OverridableField, OverrideSource>>;

/** What the UI reads: the settings plus whether each secret is set (secrets never leave main). */
export interface SettingsView extends Settings {
  hasBrokerPassword: boolean;
  hasPlatformPassword: boolean;
  /** Fields a higher layer decides: they hold that layer's value, and saving them changes nothing. */
  overriddenBy: SettingsOverrides;
}

/**
 * A change: any subset of settings, and new secrets (write-only; null removes, absent keeps). Strict:
 * a key it does not know is refused, not ignored (executable paths such as ffmpegPath are never
 * settable here, only from the command line, the environment or a config file).
 */
export const settingsUpdateSchema = settingsSchema
  .partial()
  .extend({
    brokerPassword: z.string().max(500).nullable().optional(),
    platformPassword: z.string().max(500).nullable().optional(),
  })
  .strict();

export type SettingsUpdate = z.infer<typeof settingsUpdateSchema>;

export const DEFAULT_SETTINGS: Settings = {
  brokerUrls: ['amqp://127.0.0.1:5672/'],
  brokerUsername: 'guest',
  workerId: 'edge-001',
  concurrency: 4,
  probeLimit: 48,
  heartbeatIntervalS: 30,
  taskTimeoutS: 300,
  thresholds: {},
  retentionDays: 30,
  language: 'auto',
  startAtLogin: false,
  platformUrl: '',
  platformUsername: '',
};
