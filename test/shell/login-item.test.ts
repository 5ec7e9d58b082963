import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as fs from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { autostartPath, desktopEntry, execArg, isStartAtLogin, setStartAtLogin, type LoginItemDeps } from '../../main/shell/login-item.ts';
import { resourcePaths } from '../../main/shell/resources.ts';
import { TRAY_ICONS } from '../../main/shell/tray-model.ts';
import { createFakeElectron } from './fake-electron.ts';

describe('XDG autostart entry', () => {
  it('the desktop file text', () => {
    expect(desktopEntry({ name: 'EasySight Edge', comment: 'Camera diagnosis worker', exec: '/opt/EasySight Edge/easysight-edge', args: ['--hidden'] })).toBe(
      [
        '[Desktop Entry]',
        'Type=Application',
        'Name=EasySight Edge',
        'Comment=Camera diagnosis worker',
        'Exec="/opt/EasySight Edge/easysight-edge" --hidden',
        'Terminal=false',
        'X-GNOME-Autostart-enabled=true',
        '',
      ].join('\n'),
    );
  });

  it('quotes and escapes Exec arguments per the spec', () => {
    expect(execArg('/usr/bin/edge')).toBe('/usr/bin/edge');
    expect(execArg('/a b/edge')).toBe('"/a b/edge"');
    expect(execArg('/a$b/`x`"y"')).toBe('"/a\\$b/\\`x\\`\\"y\\""');
    expect(execArg('/100%/edge')).toBe('/100%%/edge');
    expect(execArg('')).toBe('""');
    expect(() => execArg('/a\nb')).toThrow(/control/);
    // A backslash is escaped for the quoting rule and again for the string rule: four in the file.
    expect(desktopEntry({ name: 'E', exec: '/a\\b' })).toContain('Exec="/a\\\\\\\\b"');
  });

  it('lives in $XDG_CONFIG_HOME/autostart or ~/.config/autostart', () => {
    expect(autostartPath({}, '/home/u')).toBe('/home/u/.config/autostart/easysight-edge.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: '/cfg' }, '/home/u')).toBe('/cfg/autostart/easysight-edge.desktop');
    expect(autostartPath({ XDG_CONFIG_HOME: 'relative' }, '/home/u')).toBe('/home/u/.config/autostart/easysight-edge.desktop');
  });
});

describe('start at login', () => {
  let home: string | null = null;
  afterEach(() => {
    if (home) rmSync(home, { recursive: true, force: true });
    home = null;
  });

  function deps(platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}): LoginItemDeps & { app: ReturnType<typeof createFakeElectron>['app'] } {
    home = mkdtempSync(join(tmpdir(), 'edge-login-'));
    return { platform, app: createFakeElectron().app, env, home, execPath: '/opt/EasySight Edge/easysight-edge', fs };
  }

  it('Linux: writes and removes the autostart file', () => {
    const d = deps('linux');
    setStartAtLogin(true, d);
    const file = autostartPath({}, d.home);
    expect(readFileSync(file, 'utf8')).toContain('Exec="/opt/EasySight Edge/easysight-edge" --hidden');
    expect(isStartAtLogin(d)).toBe(true);
    setStartAtLogin(false, d);
    expect(isStartAtLogin(d)).toBe(false);
    setStartAtLogin(false, d); // removing twice is fine
  });

  it('Linux AppImage: starts the AppImage file, not the temporary mount', () => {
    const d = deps('linux', { APPIMAGE: '/home/u/Apps/EasySight-Edge.AppImage' });
    setStartAtLogin(true, d);
    expect(readFileSync(autostartPath({}, d.home), 'utf8')).toContain('Exec=/home/u/Apps/EasySight-Edge.AppImage --hidden');
  });

  it('Windows and macOS: the login item settings', () => {
    const win = deps('win32');
    setStartAtLogin(true, win);
    expect(win.app.loginItem).toEqual({ openAtLogin: true, args: ['--hidden'] });
    expect(isStartAtLogin(win)).toBe(true);
    const mac = deps('darwin');
    setStartAtLogin(true, mac);
    expect(mac.app.loginItem).toEqual({ openAtLogin: true });
    setStartAtLogin(false, mac);
    expect(isStartAtLogin(mac)).toBe(false);
  });
});

describe('resource paths', () => {
  it('development: under the app folder', () => {
    const p = resourcePaths({ isPackaged: false, appPath: '/src/edge', resourcesPath: '/electron/resources', platform: 'linux', arch: 'x64' });
    expect(p.trayIcon('running')).toBe('/src/edge/resources/icons/tray-running.png');
    expect(p.appIcon).toBe('/src/edge/resources/icons/app.png');
    expect(p.samples).toBe('/src/edge/resources/samples');
    expect(p.preload).toBe('/src/edge/dist/main/shell/preload.cjs');
    expect(p.renderer).toBe('/src/edge/dist/renderer');
    expect(p.ffmpeg).toBeNull();
  });

  it('packaged: extraResources beside the asar, ffmpeg unpacked, .ico tray icons on Windows', () => {
    const p = resourcePaths({ isPackaged: true, appPath: 'C:/Edge/resources/app.asar', resourcesPath: 'C:/Edge/resources', platform: 'win32', arch: 'x64' });
    expect(p.trayIcon('error').replaceAll('\\', '/')).toBe('C:/Edge/resources/resources/icons/tray-error.ico');
    expect(p.samples.replaceAll('\\', '/')).toBe('C:/Edge/resources/resources/samples');
    expect(p.preload.replaceAll('\\', '/')).toBe('C:/Edge/resources/app.asar/dist/main/shell/preload.cjs');
    expect(p.ffmpeg?.replaceAll('\\', '/')).toBe('C:/Edge/resources/app.asar.unpacked/node_modules/@ffmpeg-installer/win32-x64/ffmpeg.exe');
  });

  it('every tray icon the shell asks for exists', () => {
    const p = resourcePaths({ isPackaged: false, appPath: join(import.meta.dirname, '../..'), resourcesPath: '', platform: 'linux', arch: 'x64' });
    for (const icon of TRAY_ICONS) {
      for (const file of [p.trayIcon(icon), p.trayIcon(icon).replace('.png', '@2x.png'), p.trayIcon(icon).replace('.png', '.ico')]) {
        expect(fs.existsSync(file), file).toBe(true);
      }
    }
    expect(fs.existsSync(p.appIcon)).toBe(true);
  });
});
