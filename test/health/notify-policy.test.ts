import { describe, expect, it } from 'vitest';
import { inQuietHours, noticeFor, noticesFor } from '../../main/core/alerts/notify-policy.ts';
import { DEFAULT_ALERT_SETTINGS, type AlertSettings } from '../../shared/alerts/alert-settings.ts';
import type { AlertView } from '../../shared/api/health-views.ts';

const at = (h: number, m = 0) => new Date(2026, 10, 30, h, m);
const quiet = (start: string, end: string, enabled = true): AlertSettings['quietHours'] => ({ enabled, start, end });

const alert: AlertView = {
  id: 3,
  cameraId: 'gate-1',
  cameraName: 'Gate 1',
  severity: 'error',
  state: 'open',
  check: 'signal_loss',
  message: 'No picture for 10 s',
  snapshotResultId: null,
  openedAt: 0,
  acknowledgedAt: null,
  acknowledgedBy: null,
  note: null,
  resolvedAt: null,
};

describe('quiet hours', () => {
  it('across midnight: from the start, until (not at) the end', () => {
    const q = quiet('22:00', '07:00');
    expect([at(21, 59), at(22, 0), at(23, 30), at(0, 0), at(6, 59), at(7, 0), at(12, 0)].map((d) => inQuietHours(q, d))).toEqual([false, true, true, true, true, false, false]);
  });
  it('within a day, switched off, and an empty span', () => {
    expect([at(12, 0), at(12, 30), at(13, 0)].map((d) => inQuietHours(quiet('12:00', '13:00'), d))).toEqual([true, true, false]);
    expect(inQuietHours(quiet('00:00', '23:59', false), at(12))).toBe(false);
    expect(inQuietHours(quiet('08:00', '08:00'), at(8))).toBe(false);
  });
});

describe('noticeFor', () => {
  it('a new alert: camera and severity as the title, check and finding as the body, in the language', () => {
    const target = { page: 'camera', cameraId: 'gate-1' };
    expect(noticeFor({ alert, change: 'opened' }, DEFAULT_ALERT_SETTINGS, at(12), 'en')).toEqual({ title: 'Gate 1: fault', body: 'Signal loss: No picture for 10 s', target });
    expect(noticeFor({ alert, change: 'opened' }, DEFAULT_ALERT_SETTINGS, at(12), 'zh-CN')).toEqual({ title: 'Gate 1：故障', body: '信号丢失：No picture for 10 s', target });
  });
  it('a recovery, when recoveries are wanted', () => {
    const resolved = { alert: { ...alert, state: 'resolved' as const }, change: 'resolved' as const };
    expect(noticeFor(resolved, DEFAULT_ALERT_SETTINGS, at(12), 'en')?.title).toBe('Gate 1: back to normal');
    expect(noticeFor(resolved, { ...DEFAULT_ALERT_SETTINGS, notify: { ...DEFAULT_ALERT_SETTINGS.notify, recovered: false } }, at(12), 'en')).toBeNull();
  });
  it('per severity: warnings are off by default', () => {
    expect(noticeFor({ alert: { ...alert, severity: 'warning' }, change: 'opened' }, DEFAULT_ALERT_SETTINGS, at(12), 'en')).toBeNull();
    expect(noticeFor({ alert: { ...alert, severity: 'critical' }, change: 'opened' }, DEFAULT_ALERT_SETTINGS, at(12), 'en')?.title).toBe('Gate 1: critical fault');
    const off = { ...DEFAULT_ALERT_SETTINGS, notify: { ...DEFAULT_ALERT_SETTINGS.notify, error: false } };
    expect(noticeFor({ alert, change: 'opened' }, off, at(12), 'en')).toBeNull();
  });
  it('an escalation notifies as a new alert of its new severity', () => {
    expect(noticeFor({ alert: { ...alert, severity: 'critical' }, change: 'escalated' }, DEFAULT_ALERT_SETTINGS, at(12), 'en')?.title).toBe('Gate 1: critical fault');
  });
  it('nothing in quiet hours, nothing for an acknowledgement', () => {
    const night = { ...DEFAULT_ALERT_SETTINGS, quietHours: quiet('22:00', '07:00') };
    expect(noticeFor({ alert, change: 'opened' }, night, at(23), 'en')).toBeNull();
    expect(noticeFor({ alert, change: 'opened' }, night, at(8), 'en')).not.toBeNull();
    expect(noticeFor({ alert, change: 'acknowledged' }, DEFAULT_ALERT_SETTINGS, at(12), 'en')).toBeNull();
  });
});

describe('noticesFor', () => {
  const many = (n: number, change: 'opened' | 'resolved') => Array.from({ length: n }, (_, i) => ({ alert: { ...alert, id: i, cameraId: i, cameraName: `Gate ${i}` }, change }));
  it('one notice per change up to three', () => {
    expect(noticesFor({ alerts: many(3, 'opened') }, DEFAULT_ALERT_SETTINGS, at(12), 'en').map((n) => n.title)).toEqual(['Gate 0: fault', 'Gate 1: fault', 'Gate 2: fault']);
  });
  it('many at once (a switch failing): one summary that opens the Alerts page, in both languages', () => {
    const alerts = [...many(11, 'opened'), ...many(1, 'resolved'), { alert, change: 'acknowledged' as const }];
    expect(noticesFor({ alerts }, DEFAULT_ALERT_SETTINGS, at(12), 'en')).toEqual([
      { title: '11 cameras abnormal, 1 camera back to normal', body: 'Gate 0, Gate 1, Gate 2 and 8 more. Click to see the alerts.', target: { page: 'alerts' } },
    ]);
    expect(noticesFor({ alerts }, DEFAULT_ALERT_SETTINGS, at(12), 'zh-CN')[0]).toMatchObject({ title: '11 个摄像机出现异常，1 个摄像机已恢复正常', body: 'Gate 0、Gate 1、Gate 2 等 11 个。点击查看告警。' });
  });
  it('counts only what the settings let through', () => {
    const off = { ...DEFAULT_ALERT_SETTINGS, notify: { ...DEFAULT_ALERT_SETTINGS.notify, error: false } };
    expect(noticesFor({ alerts: many(10, 'opened') }, off, at(12), 'en')).toEqual([]);
  });
});
