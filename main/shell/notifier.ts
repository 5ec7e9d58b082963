// OS notifications for alerts: what to show is decided by the pure notify policy (core/alerts);
// this only shows it and opens the camera's page on a click.
import { noticesFor, type NoticeLanguage, type NoticeTarget } from '../core/alerts/notify-policy.ts';
import type { AlertSettings } from '../../shared/alerts/alert-settings.ts';
import type { HealthEvent } from '../../shared/api/health-views.ts';

/** The part of Electron's Notification this uses. */
export interface NotificationHandle {
  on(event: 'click' | 'close', listener: () => void): unknown;
  show(): void;
}

export interface NotifierDeps {
  isSupported(): boolean;
  create(options: { title: string; body: string }): NotificationHandle;
  /** The current alert settings; null when they cannot be read (then nothing is shown). */
  settings(): Promise<AlertSettings | null>;
  language(): NoticeLanguage;
  open(target: NoticeTarget): void;
  now?: () => Date;
}

export function createNotifier(deps: NotifierDeps): (event: HealthEvent) => Promise<void> {
  // Held until clicked or closed: a notification collected by the GC loses its click handler.
  const shown = new Set<NotificationHandle>();
  return async (event) => {
    if (event.alerts.length === 0 || !deps.isSupported()) return;
    const settings = await deps.settings();
    if (!settings) return;
    const at = deps.now?.() ?? new Date();
    for (const notice of noticesFor(event, settings, at, deps.language())) {
      const n = deps.create({ title: notice.title, body: notice.body });
      shown.add(n);
      n.on('click', () => {
        shown.delete(n);
        deps.open(notice.target);
      });
      n.on('close', () => shown.delete(n));
      n.show();
    }
  };
}
