// Whether an alert change raises an OS notification, and its words. Pure: the shell's notifier only
// shows what this decides.
import type { AlertSettings } from '../../../shared/alerts/alert-settings.ts';
import type { AlertView, HealthEvent } from '../../../shared/api/health-views.ts';
import { isCheckType } from '../../../shared/diagnosis/types.ts';
import { CHECK_NAMES } from '../baselines/messages.ts';

export type NoticeLanguage = 'zh-CN' | 'en';

export interface Notice {
  title: string;
  body: string;
  /** The camera page the click opens. */
  cameraId: number | string;
}

const minutes = (clock: string): number => {
  const [h, m] = clock.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

/** Inside [start, end) in local time; across midnight when end is before start; never when they are equal. */
export function inQuietHours(quiet: AlertSettings['quietHours'], at: Date): boolean {
  if (!quiet.enabled) return false;
  const now = at.getHours() * 60 + at.getMinutes();
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  if (start === end) return false;
  return start < end ? now >= start && now < end : now >= start || now < end;
}

const TEXT = {
  'zh-CN': {
    opened: (camera: string, severity: string) => `${camera}：${severity}`,
    recovered: (camera: string) => `${camera}：已恢复正常`,
    severity: { warning: '警告', error: '故障', critical: '严重故障' },
    recoveredBody: (check: string) => `此前的问题（${check}）已连续多次检测正常。`,
  },
  en: {
    opened: (camera: string, severity: string) => `${camera}: ${severity}`,
    recovered: (camera: string) => `${camera}: back to normal`,
    severity: { warning: 'warning', error: 'fault', critical: 'critical fault' },
    recoveredBody: (check: string) => `The earlier problem (${check}) has checked normal run after run.`,
  },
} as const;

function checkName(check: string, lang: NoticeLanguage): string {
  return isCheckType(check) ? CHECK_NAMES[check][lang] : check;
}

/** The notification for one change, or null when the settings or the hour say none. */
export function noticeFor(change: HealthEvent['alerts'][number], settings: AlertSettings, at: Date, lang: NoticeLanguage): Notice | null {
  const { alert } = change;
  if (change.change === 'acknowledged') return null;
  const wanted = change.change === 'resolved' ? settings.notify.recovered : settings.notify[alert.severity];
  if (!wanted || inQuietHours(settings.quietHours, at)) return null;
  const t = TEXT[lang];
  const check = checkName(alert.check, lang);
  if (change.change === 'resolved') return { title: t.recovered(alert.cameraName), body: t.recoveredBody(check), cameraId: alert.cameraId };
  return { title: t.opened(alert.cameraName, t.severity[alert.severity]), body: causeLine(alert, check, lang), cameraId: alert.cameraId };
}

function causeLine(alert: AlertView, check: string, lang: NoticeLanguage): string {
  if (!alert.message) return check;
  return lang === 'zh-CN' ? `${check}：${alert.message}` : `${check}: ${alert.message}`;
}
