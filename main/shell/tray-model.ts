// What the tray shows, decided from the worker's state alone: the icon, the tooltip and the menu.
// Pure: tray.ts turns the model into Electron Tray and Menu calls.
import type { BrokerState, StatusView } from '../../shared/api/views.ts';

export type Language = 'zh-CN' | 'en';
export const TRAY_ICONS = ['running', 'paused', 'degraded', 'attention', 'error'] as const;
export type TrayIcon = (typeof TRAY_ICONS)[number];

export interface TrayState {
  enabled: boolean;
  broker: BrokerState;
  /** Why the broker is in its state (the reconnect reason). */
  brokerDetail: string;
  runningTasks: number;
  maxTasks: number;
  /** Free MB while the data folder is below its floor (no tasks are taken), else null. */
  diskLowFreeMb: number | null;
  /** Set when the worker cannot run at all (the engine failed, the broker gave up). */
  lastError: string | null;
  /** Cameras with an alert nobody has acknowledged yet. */
  attention: number;
}

export type TrayMenuItem =
  | { id: 'enabled'; type: 'checkbox'; checked: boolean; label: string }
  | { id: 'alerts' | 'open' | 'diagnose' | 'quit'; type: 'normal'; label: string };

export type TrayAction = TrayMenuItem['id'];

export interface TrayModel {
  icon: TrayIcon;
  tooltip: string;
  /** The count beside the icon where the platform shows one (macOS), '' for none. */
  badge: string;
  menu: TrayMenuItem[];
}

/** Windows cuts tray tooltips at 127 characters. */
export const TOOLTIP_MAX = 127;

const TEXT = {
  'zh-CN': {
    running: (n: number, max: number) => `运行中 · ${n}/${max} 个任务`,
    paused: '已暂停',
    finishing: (n: number) => `已暂停 · ${n} 个任务收尾中`,
    connecting: (why: string) => `连接中：${why}`,
    reconnecting: (why: string) => `重连中：${why}`,
    stopped: (why: string) => `已停止：${why}`,
    error: (why: string) => `错误：${why}`,
    diskLow: (mb: number) => `磁盘将满（剩余 ${mb} MB）· 暂停接收任务`,
    attention: (n: number) => `${n} 个摄像机需要关注`,
    unknown: '原因未知',
    notConnected: '未连接消息代理',
    enabled: '接收任务',
    open: '打开 EasySight Edge',
    diagnose: '立即诊断…',
    alerts: (n: number) => `查看告警（${n}）…`,
    quit: '退出',
  },
  en: {
    running: (n: number, max: number) => `Running · ${n} of ${max} tasks`,
    paused: 'Paused',
    finishing: (n: number) => `Paused · finishing ${n} ${n === 1 ? 'task' : 'tasks'}`,
    connecting: (why: string) => `Connecting: ${why}`,
    reconnecting: (why: string) => `Reconnecting: ${why}`,
    stopped: (why: string) => `Stopped: ${why}`,
    error: (why: string) => `Error: ${why}`,
    diskLow: (mb: number) => `Disk nearly full (${mb} MB free) · taking no tasks`,
    attention: (n: number) => `${n} ${n === 1 ? 'camera needs' : 'cameras need'} attention`,
    unknown: 'reason unknown',
    notConnected: 'not connected to the broker',
    enabled: 'Take tasks',
    open: 'Open EasySight Edge',
    diagnose: 'Diagnose now…',
    alerts: (n: number) => `Show alerts (${n})…`,
    quit: 'Quit',
  },
} as const;

function clip(text: string, max = TOOLTIP_MAX): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, max - 1)}…`;
}

function iconAndTooltip(s: TrayState, lang: Language): { icon: TrayIcon; tooltip: string } {
  const t = TEXT[lang];
  const why = s.brokerDetail.trim() || t.unknown;
  if (s.lastError !== null) return { icon: 'error', tooltip: t.error(s.lastError.trim() || t.unknown) };
  if (!s.enabled) return { icon: 'paused', tooltip: s.runningTasks > 0 ? t.finishing(s.runningTasks) : t.paused };
  if (s.diskLowFreeMb !== null) return { icon: 'degraded', tooltip: t.diskLow(s.diskLowFreeMb) };
  switch (s.broker) {
    case 'connected':
      return { icon: 'running', tooltip: t.running(s.runningTasks, s.maxTasks) };
    case 'connecting':
      return { icon: 'degraded', tooltip: t.connecting(why) };
    case 'reconnecting':
      return { icon: 'degraded', tooltip: t.reconnecting(why) };
    case 'stopped':
      return { icon: 'error', tooltip: t.stopped(s.brokerDetail.trim() || t.notConnected) };
  }
}

/** Cameras needing attention come first, with an icon of their own, unless the worker cannot run at all. */
function withAttention(base: { icon: TrayIcon; tooltip: string }, s: TrayState, lang: Language): { icon: TrayIcon; tooltip: string } {
  if (s.attention <= 0 || base.icon === 'error') return base;
  return { icon: 'attention', tooltip: `${TEXT[lang].attention(s.attention)} · ${base.tooltip}` };
}

export function trayModel(state: TrayState, lang: Language): TrayModel {
  const t = TEXT[lang];
  const { icon, tooltip } = withAttention(iconAndTooltip(state, lang), state, lang);
  return {
    icon,
    tooltip: clip(tooltip),
    badge: state.attention > 0 ? String(state.attention) : '',
    menu: [
      { id: 'enabled', type: 'checkbox', checked: state.enabled, label: t.enabled },
      ...(state.attention > 0 ? [{ id: 'alerts' as const, type: 'normal' as const, label: t.alerts(state.attention) }] : []),
      { id: 'open', type: 'normal', label: t.open },
      { id: 'diagnose', type: 'normal', label: t.diagnose },
      { id: 'quit', type: 'normal', label: t.quit },
    ],
  };
}

/** The tray's view of a StatusView pushed by the service. */
export function trayStateFromStatus(s: Pick<StatusView, 'enabled' | 'broker' | 'brokerDetail' | 'runningTasks' | 'maxTasks' | 'diskLow'>, attention = 0): TrayState {
  const diskLowFreeMb = s.diskLow ? Math.round(s.diskLow.freeBytes / 1024 / 1024) : null;
  return { enabled: s.enabled, broker: s.broker, brokerDetail: s.brokerDetail, runningTasks: s.runningTasks, maxTasks: s.maxTasks, diskLowFreeMb, lastError: null, attention };
}

/** The state shown when the worker cannot report one (the engine failed to start). */
export function errorTrayState(message: string): TrayState {
  return { enabled: false, broker: 'stopped', brokerDetail: '', runningTasks: 0, maxTasks: 0, diskLowFreeMb: null, lastError: message, attention: 0 };
}

/** The language setting ('auto' follows the system locale). */
export function resolveLanguage(setting: 'auto' | Language | undefined, locale: string): Language {
  if (setting === 'zh-CN' || setting === 'en') return setting;
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
