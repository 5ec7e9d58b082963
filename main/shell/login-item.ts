// Start at login: Electron's login item on Windows and macOS, an XDG autostart entry on Linux
// (~/.config/autostart/easysight-edge.desktop). The app starts in the tray (--hidden).
import { join } from 'node:path';

export const HIDDEN_ARG = '--hidden';
export const AUTOSTART_FILE = 'easysight-edge.desktop';

/** Characters that make the Desktop Entry spec require quoting an Exec argument. */
const RESERVED = /[\s"'\\><~|&;$*?#()`]/;

/** One Exec argument, quoted and escaped per the Desktop Entry spec (before string escaping). */
export function execArg(arg: string): string {
  if ([...arg].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) throw new Error('an autostart command cannot contain control characters');
  const value = arg.replaceAll('%', '%%');
  if (value !== '' && !RESERVED.test(value)) return value;
  return `"${value.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

/** The text of the autostart .desktop file. */
export function desktopEntry(args: { name: string; exec: string; args?: string[]; comment?: string }): string {
  const exec = [args.exec, ...(args.args ?? [])].map(execArg).join(' ');
  const escape = (v: string) => v.replaceAll('\\', '\\\\');
  const one = (v: string) => v.replace(/[\r\n]+/g, ' ');
  return [
    '[Desktop Entry]',
    'Type=Application',
    `Name=${one(args.name)}`,
    ...(args.comment ? [`Comment=${one(args.comment)}`] : []),
    `Exec=${escape(exec)}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

/** $XDG_CONFIG_HOME/autostart, else ~/.config/autostart. */
export function autostartPath(env: NodeJS.ProcessEnv, home: string): string {
  const config = env.XDG_CONFIG_HOME && env.XDG_CONFIG_HOME.startsWith('/') ? env.XDG_CONFIG_HOME : join(home, '.config');
  return join(config, 'autostart', AUTOSTART_FILE);
}

export interface LoginItemDeps {
  platform: NodeJS.Platform;
  app: {
    setLoginItemSettings(settings: { openAtLogin: boolean; args?: string[] }): void;
    getLoginItemSettings(): { openAtLogin: boolean };
  };
  env: NodeJS.ProcessEnv;
  home: string;
  execPath: string;
  fs: {
    mkdirSync(path: string, options: { recursive: true }): unknown;
    writeFileSync(path: string, data: string): void;
    rmSync(path: string, options: { force: true }): void;
    existsSync(path: string): boolean;
  };
}

export function setStartAtLogin(on: boolean, deps: LoginItemDeps): void {
  if (deps.platform === 'win32') {
    deps.app.setLoginItemSettings({ openAtLogin: on, args: [HIDDEN_ARG] });
    return;
  }
  if (deps.platform === 'darwin') {
    deps.app.setLoginItemSettings({ openAtLogin: on });
    return;
  }
  const file = autostartPath(deps.env, deps.home);
  if (!on) {
    deps.fs.rmSync(file, { force: true });
    return;
  }
  // An AppImage runs from a temporary mount: start the AppImage file itself.
  const exec = deps.env.APPIMAGE || deps.execPath;
  deps.fs.mkdirSync(join(file, '..'), { recursive: true });
  deps.fs.writeFileSync(file, desktopEntry({ name: 'EasySight Edge', comment: 'Camera diagnosis worker', exec, args: [HIDDEN_ARG] }));
}

export function isStartAtLogin(deps: LoginItemDeps): boolean {
  if (deps.platform === 'win32' || deps.platform === 'darwin') return deps.app.getLoginItemSettings().openAtLogin;
  return deps.fs.existsSync(autostartPath(deps.env, deps.home));
}
