import type { Menu, NativeImage } from 'electron';
import { describe, expect, it } from 'vitest';
import { TrayController, type TrayActions } from '../../main/shell/tray.ts';
import type { TrayIcon, TrayState } from '../../main/shell/tray-model.ts';
import { FakeMenu, FakeTray, type FakeMenuItem } from './fake-electron.ts';

const running: TrayState = { enabled: true, broker: 'connected', brokerDetail: '', runningTasks: 1, maxTasks: 3, diskLowFreeMb: null, lastError: null, attention: 0 };

function setUp(state: TrayState = running, showsTitle = false) {
  const calls: string[] = [];
  const actions: TrayActions = {
    setEnabled: (on) => calls.push(`setEnabled:${on}`),
    open: () => calls.push('open'),
    diagnose: () => calls.push('diagnose'),
    alerts: () => calls.push('alerts'),
    quit: () => calls.push('quit'),
  };
  let tray: FakeTray | null = null;
  const controller = new TrayController(
    {
      createTray: (image) => {
        tray = new FakeTray(image);
        return tray as unknown as Electron.Tray;
      },
      buildMenu: (template) => new FakeMenu(template as FakeMenuItem[]) as unknown as Menu,
      image: (icon: TrayIcon) => ({ icon }) as unknown as NativeImage,
      actions,
      showsTitle,
    },
    state,
    'en',
  );
  const fake = tray as unknown as FakeTray;
  return { controller, tray: fake, calls, menu: () => fake.menu as FakeMenu };
}

describe('TrayController', () => {
  it('cameras needing attention: the attention icon, the count in the tooltip, the status line and beside the icon on macOS', () => {
    const { controller, tray, menu, calls } = setUp(running, true);
    controller.update({ ...running, attention: 3 });
    expect(tray.image).toEqual({ icon: 'attention' });
    expect(tray.tooltip).toBe('3 cameras need attention · Running · 1 of 3 tasks');
    expect(menu().items[0]?.label).toBe('3 cameras need attention · Running · 1 of 3 tasks');
    expect(tray.title).toBe('3');
    menu().click('alerts');
    expect(calls).toEqual(['alerts']);
    controller.update({ ...running, attention: 0 });
    expect(menu().items.some((i) => i.id === 'alerts')).toBe(false);
    expect(tray.image).toEqual({ icon: 'running' });
    expect(tray.title).toBe('');
  });

  it('shows the model: image, tooltip, a status line and the actions', () => {
    const { tray, menu } = setUp();
    expect(tray.image).toEqual({ icon: 'running' });
    expect(tray.tooltip).toBe('Running · 1 of 3 tasks');
    expect(menu().items[0]).toMatchObject({ label: 'Running · 1 of 3 tasks', enabled: false });
    expect(menu().items.filter((i) => i.id).map((i) => i.id)).toEqual(['status', 'enabled', 'open', 'diagnose', 'quit']);
    expect(menu().item('enabled')).toMatchObject({ type: 'checkbox', checked: true });
  });

  it('rebuilds the menu on every state change, not for an identical state', () => {
    const { controller, tray, menu } = setUp();
    expect(tray.menus).toHaveLength(1);
    controller.update({ ...running, runningTasks: 2 });
    expect(tray.menus).toHaveLength(2);
    expect(menu().items[0]?.label).toBe('Running · 2 of 3 tasks');
    controller.update({ ...running, runningTasks: 2 });
    expect(tray.menus).toHaveLength(2);
    controller.update({ ...running, enabled: false, runningTasks: 0 });
    expect(tray.menus).toHaveLength(3);
    expect(menu().item('enabled').checked).toBe(false);
    expect(tray.image).toEqual({ icon: 'paused' });
    expect(tray.tooltip).toBe('Paused');
  });

  it('changes the image only when the icon changes', () => {
    const { controller, tray } = setUp();
    controller.update({ ...running, runningTasks: 2 });
    expect(tray.images).toHaveLength(0);
    controller.update({ ...running, broker: 'reconnecting', brokerDetail: 'ECONNRESET' });
    expect(tray.images).toEqual([{ icon: 'degraded' }]);
  });

  it('menu actions: toggle the worker, open, diagnose, quit', () => {
    const { menu, calls } = setUp();
    menu().click('enabled');
    menu().click('open');
    menu().click('diagnose');
    menu().click('quit');
    expect(calls).toEqual(['setEnabled:false', 'open', 'diagnose', 'quit']);
  });

  it('after a toggle the menu is rebuilt even when the state stayed (the switch failed)', () => {
    const { controller, tray, menu } = setUp();
    menu().click('enabled'); // the checkbox flipped itself
    controller.update(running); // the worker is still on
    expect(tray.menus).toHaveLength(2);
    expect(menu().item('enabled').checked).toBe(true);
  });

  it('a click on the icon opens the window', () => {
    const { tray, calls } = setUp();
    tray.emit('click');
    expect(calls).toEqual(['open']);
  });

  it('switches language', () => {
    const { controller, tray, menu } = setUp();
    controller.setLanguage('zh-CN');
    expect(tray.tooltip).toBe('运行中 · 1/3 个任务');
    expect(menu().item('quit').label).toBe('退出');
  });

  it('destroy removes the icon and later updates do nothing', () => {
    const { controller, tray } = setUp();
    controller.destroy();
    controller.update({ ...running, enabled: false });
    expect(tray.destroyed).toBe(true);
    expect(tray.menus).toHaveLength(1);
  });
});
