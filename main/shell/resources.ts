// Where the app's files are, in one place: the app folder in development, process.resourcesPath
// when packaged (electron-builder copies resources/ there as extraResources; ffmpeg is unpacked
// from the asar because a binary cannot run from inside it).
import { join } from 'node:path';
import type { TrayIcon } from './tray-model.ts';

export interface ResourceEnv {
  isPackaged: boolean;
  /** app.getAppPath(): the project folder in development, .../resources/app.asar when packaged. */
  appPath: string;
  /** process.resourcesPath */
  resourcesPath: string;
  platform: NodeJS.Platform;
  arch: string;
}

export interface ResourcePaths {
  /** The resources/ folder. */
  root: string;
  icons: string;
  /** The tray icon of a state: .ico on Windows, PNG elsewhere (with an @2x variant beside it). */
  trayIcon(icon: TrayIcon): string;
  appIcon: string;
  samples: string;
  /** The built renderer (served as app://edge/). */
  renderer: string;
  preload: string;
  /** The bundled ffmpeg when packaged; in development the engine finds @ffmpeg-installer itself. */
  ffmpeg: string | null;
}

export function resourcePaths(env: ResourceEnv): ResourcePaths {
  const root = env.isPackaged ? join(env.resourcesPath, 'resources') : join(env.appPath, 'resources');
  const icons = join(root, 'icons');
  const exe = env.platform === 'win32' ? 'ffmpeg.exe' : 'ffmpeg';
  return {
    root,
    icons,
    trayIcon: (icon) => join(icons, `tray-${icon}.${env.platform === 'win32' ? 'ico' : 'png'}`),
    appIcon: join(icons, 'app.png'),
    samples: join(root, 'samples'),
    renderer: join(env.appPath, 'dist', 'renderer'),
    preload: join(env.appPath, 'dist', 'main', 'shell', 'preload.cjs'),
    ffmpeg: env.isPackaged
      ? join(env.resourcesPath, 'app.asar.unpacked', 'node_modules', '@ffmpeg-installer', `${env.platform}-${env.arch}`, exe)
      : null,
  };
}
