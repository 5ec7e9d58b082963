import { describe, expect, it } from 'vitest';
import { errorTrayState, resolveLanguage, TOOLTIP_MAX, trayModel, trayStateFromStatus, type Language, type TrayState } from '../../main/shell/tray-model.ts';
import { statusView } from './fake-service.ts';

const base: TrayState = { enabled: true, broker: 'connected', brokerDetail: '', runningTasks: 2, maxTasks: 3, diskLowFreeMb: null, lastError: null, attention: 0 };

describe('trayModel', () => {
  const cases: Array<{ name: string; state: Partial<TrayState>; icon: string; zh: string; en: string }> = [
    { name: 'running', state: {}, icon: 'running', zh: '运行中 · 2/3 个任务', en: 'Running · 2 of 3 tasks' },
    { name: 'paused', state: { enabled: false, runningTasks: 0 }, icon: 'paused', zh: '已暂停', en: 'Paused' },
    { name: 'paused, finishing', state: { enabled: false, runningTasks: 1 }, icon: 'paused', zh: '已暂停 · 1 个任务收尾中', en: 'Paused · finishing 1 task' },
    { name: 'connecting', state: { broker: 'connecting', brokerDetail: 'amqp://10.0.0.5:5672' }, icon: 'degraded', zh: '连接中：amqp://10.0.0.5:5672', en: 'Connecting: amqp://10.0.0.5:5672' },
    { name: 'reconnecting', state: { broker: 'reconnecting', brokerDetail: 'ECONNREFUSED 10.0.0.5:5672' }, icon: 'degraded', zh: '重连中：ECONNREFUSED 10.0.0.5:5672', en: 'Reconnecting: ECONNREFUSED 10.0.0.5:5672' },
    { name: 'reconnecting, no reason', state: { broker: 'reconnecting', brokerDetail: ' ' }, icon: 'degraded', zh: '重连中：原因未知', en: 'Reconnecting: reason unknown' },
    { name: 'broker stopped', state: { broker: 'stopped', brokerDetail: '' }, icon: 'error', zh: '已停止：未连接消息代理', en: 'Stopped: not connected to the broker' },
    { name: 'error', state: { lastError: 'cannot open the database' }, icon: 'error', zh: '错误：cannot open the database', en: 'Error: cannot open the database' },
    { name: 'disk nearly full', state: { diskLowFreeMb: 120 }, icon: 'degraded', zh: '磁盘将满（剩余 120 MB）· 暂停接收任务', en: 'Disk nearly full (120 MB free) · taking no tasks' },
    { name: 'error wins over paused', state: { enabled: false, lastError: 'disk full' }, icon: 'error', zh: '错误：disk full', en: 'Error: disk full' },
  ];
  for (const c of cases) {
    it(`${c.name}: icon and tooltip in both languages`, () => {
      const state = { ...base, ...c.state };
      const zh = trayModel(state, 'zh-CN');
      const en = trayModel(state, 'en');
      expect(zh.icon).toBe(c.icon);
      expect(en.icon).toBe(c.icon);
      expect(zh.tooltip).toBe(c.zh);
      expect(en.tooltip).toBe(c.en);
    });
  }

  it('plural in English', () => {
    expect(trayModel({ ...base, enabled: false, runningTasks: 2 }, 'en').tooltip).toBe('Paused · finishing 2 tasks');
    expect(trayModel({ ...base, runningTasks: 0 }, 'en').tooltip).toBe('Running · 0 of 3 tasks');
  });

  for (const lang of ['zh-CN', 'en'] as Language[]) {
    it(`menu in ${lang}: the four actions, the checkbox follows the switch`, () => {
      const on = trayModel(base, lang).menu;
      expect(on.map((i) => i.id)).toEqual(['enabled', 'open', 'diagnose', 'quit']);
      expect(on[0]).toMatchObject({ id: 'enabled', type: 'checkbox', checked: true });
      expect(trayModel({ ...base, enabled: false }, lang).menu[0]).toMatchObject({ checked: false });
      for (const item of on) expect(item.label.length).toBeGreaterThan(0);
    });
  }

  it('labels are in the language', () => {
    expect(trayModel(base, 'zh-CN').menu.map((i) => i.label)).toEqual(['接收任务', '打开 EasySight Edge', '立即诊断…', '退出']);
    expect(trayModel(base, 'en').menu.map((i) => i.label)).toEqual(['Take tasks', 'Open EasySight Edge', 'Diagnose now…', 'Quit']);
  });

  it('a long reason is cut to what Windows shows, on one line', () => {
    const tip = trayModel({ ...base, broker: 'reconnecting', brokerDetail: `line one\n${'x'.repeat(300)}` }, 'en').tooltip;
    expect(tip.length).toBe(TOOLTIP_MAX);
    expect(tip).not.toContain('\n');
    expect(tip.endsWith('…')).toBe(true);
  });
});

describe('cameras needing attention', () => {
  it('an icon of their own, the count first in the tooltip, in both languages', () => {
    const zh = trayModel({ ...base, attention: 3 }, 'zh-CN');
    const en = trayModel({ ...base, attention: 3 }, 'en');
    expect([zh.icon, en.icon]).toEqual(['attention', 'attention']);
    expect(zh.tooltip).toBe('3 个摄像机需要关注 · 运行中 · 2/3 个任务');
    expect(en.tooltip).toBe('3 cameras need attention · Running · 2 of 3 tasks');
    expect(en.badge).toBe('3');
    expect(zh.menu.map((i) => i.label)).toEqual(['接收任务', '查看告警（3）…', '打开 EasySight Edge', '立即诊断…', '退出']);
    expect(en.menu[1]).toMatchObject({ id: 'alerts', label: 'Show alerts (3)…' });
    expect(trayModel({ ...base, attention: 1 }, 'en').tooltip).toBe('1 camera needs attention · Running · 2 of 3 tasks');
  });
  it('win over paused and degraded, not over a worker that cannot run', () => {
    expect(trayModel({ ...base, attention: 2, enabled: false, runningTasks: 0 }, 'en')).toMatchObject({ icon: 'attention', tooltip: '2 cameras need attention · Paused' });
    expect(trayModel({ ...base, attention: 2, broker: 'reconnecting', brokerDetail: 'timeout' }, 'en').icon).toBe('attention');
    expect(trayModel({ ...base, attention: 2, lastError: 'boom' }, 'en')).toMatchObject({ icon: 'error', tooltip: 'Error: boom' });
    expect(trayModel({ ...base, attention: 2, broker: 'stopped' }, 'en').icon).toBe('error');
  });
  it('none: the worker\'s own state and no badge', () => {
    expect(trayModel({ ...base, attention: 0 }, 'en')).toMatchObject({ icon: 'running', badge: '' });
  });
});

describe('tray state', () => {
  it('from a status view', () => {
    const s = trayStateFromStatus(statusView({ enabled: false, broker: 'reconnecting', brokerDetail: 'timeout', runningTasks: 1, maxTasks: 4 }));
    expect(s).toEqual({ enabled: false, broker: 'reconnecting', brokerDetail: 'timeout', runningTasks: 1, maxTasks: 4, diskLowFreeMb: null, lastError: null, attention: 0 });
    expect(trayStateFromStatus(statusView(), 3).attention).toBe(3);
    const low = trayStateFromStatus(statusView({ diskLow: { path: '/d', freeBytes: 99.6 * 1024 * 1024, floorBytes: 256 * 1024 * 1024 } }));
    expect(low.diskLowFreeMb).toBe(100);
  });
  it('for an engine that failed', () => {
    expect(trayModel(errorTrayState('boom'), 'en')).toMatchObject({ icon: 'error', tooltip: 'Error: boom' });
  });
  it('language: setting first, else the locale', () => {
    expect(resolveLanguage('en', 'zh-CN')).toBe('en');
    expect(resolveLanguage('zh-CN', 'en-US')).toBe('zh-CN');
    expect(resolveLanguage('auto', 'zh-TW')).toBe('zh-CN');
    expect(resolveLanguage('auto', 'de-DE')).toBe('en');
    expect(resolveLanguage(undefined, 'zh')).toBe('zh-CN');
  });
});
