// Whether an alert change raises an OS notification, and its words. Pure: the shell's notifier only
// shows what this decides.
import type { AlertSettings } from '../../../shared/alerts/alert-settings.ts';
import type { AlertView, HealthEvent } from '../../../shared/api/health-views.ts';
import { isCheckType } from '../../../shared/diagnosis/types.ts';
import { CHECK_NAMES } from '../../../shared/diagnosis/check-names.ts';

export type NoticeLanguage = 'zh-CN' | 'en';

/** What a click opens: the camera's page, or the Alerts page for a summary. */
export type NoticeTarget = { page: 'camera'; cameraId: number | string } | { page: 'alerts' };

export interface Notice {
  title: string;
  body: string;
  target: NoticeTarget;
}

/** More notices than this from one change (a switch failing takes many cameras at once) become one summary. */
export const MAX_NOTICES = 3;

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
    summary: (opened: number, recovered: number) => [opened > 0 ? `${opened} 个摄像机出现异常` : '', recovered > 0 ? `${recovered} 个摄像机已恢复正常` : ''].filter(Boolean).join('，'),
    summaryBody: (names: string) => `${names}。点击查看告警。`,
  },
  en: {
    opened: (camera: string, severity: string) => `${camera}: ${severity}`,
    recovered: (camera: string) => `${camera}: back to normal`,
    severity: { warning: 'warning', error: 'fault', critical: 'critical fault' },
    recoveredBody: (check: string) => `The earlier problem (${check}) has checked normal run after run.`,
    summary: (opened: number, recovered: number) =>
      [opened > 0 ? `${opened} ${opened === 1 ? 'camera' : 'cameras'} abnormal` : '', recovered > 0 ? `${recovered} ${recovered === 1 ? 'camera' : 'cameras'} back to normal` : ''].filter(Boolean).join(', '),
    summaryBody: (names: string) => `${names}. Click to see the alerts.`,
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
  const target: NoticeTarget = { page: 'camera', cameraId: alert.cameraId };
  if (change.change === 'resolved') return { title: t.recovered(alert.cameraName), body: t.recoveredBody(check), target };
  return { title: t.opened(alert.cameraName, t.severity[alert.severity]), body: causeLine(alert, check, lang), target };
}

/** The notifications for one health event: one per change, or one summary when there are many. */
export function noticesFor(event: Pick<HealthEvent, 'alerts'>, settings: AlertSettings, at: Date, lang: NoticeLanguage): Notice[] {
  const wanted = event.alerts.filter((change) => noticeFor(change, settings, at, lang) !== null);
  if (wanted.length <= MAX_NOTICES) return wanted.map((change) => noticeFor(change, settings, at, lang) as Notice);
  const t = TEXT[lang];
  const opened = wanted.filter((c) => c.change !== 'resolved').length;
  const names = [...new Set(wanted.map((c) => c.alert.cameraName))];
  const rest = names.length - MAX_NOTICES;
  const first = names.slice(0, MAX_NOTICES).join(lang === 'zh-CN' ? '、' : ', ');
  const shown = rest <= 0 ? first : lang === 'zh-CN' ? `${first} 等 ${names.length} 个` : `${first} and ${rest} more`;
  return [{ title: t.summary(opened, wanted.length - opened), body: t.summaryBody(shown), target: { page: 'alerts' } }];
}

function causeLine(alert: AlertView, check: string, lang: NoticeLanguage): string {
  if (!alert.message) return check;
  return lang === 'zh-CN' ? `${check}：${alert.message['zh-CN']}` : `${check}: ${alert.message.en}`;
}
