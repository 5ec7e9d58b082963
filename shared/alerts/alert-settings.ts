// How camera health is confirmed and when the desktop app raises a notification: kept apart from
// the worker's settings because changing them never restarts the worker.
import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 00:00 to 23:59');

export const ALERT_SEVERITIES = ['warning', 'error', 'critical'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

export const alertSettingsSchema = z
  .object({
    /** Consecutive abnormal runs before a camera counts as bad, and normal runs before it recovers. */
    confirmRuns: z.number().int().min(1).max(10),
    /** Per severity of a new alert, and for a recovery: raise an OS notification. */
    notify: z.object({ warning: z.boolean(), error: z.boolean(), critical: z.boolean(), recovered: z.boolean() }).strict(),
    /** No notifications from `start` to `end` (local time; across midnight when end < start). */
    quietHours: z.object({ enabled: z.boolean(), start: clock, end: clock }).strict(),
  })
  .strict();

export type AlertSettings = z.infer<typeof alertSettingsSchema>;

export const DEFAULT_ALERT_SETTINGS: AlertSettings = {
  confirmRuns: 2,
  notify: { warning: false, error: true, critical: true, recovered: true },
  quietHours: { enabled: false, start: '22:00', end: '07:00' },
};
