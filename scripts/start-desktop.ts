// `npm start`: `ensure` makes sure the Electron binary is on this computer (it is downloaded on the
// first start, not by npm install), `launch` starts the desktop app with it. When the binary cannot
// be had (no internet, a proxy, a bad override), it says so in plain words and how to go on,
// instead of the downloader's stack traces.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const ELECTRON_DIR = dirname(createRequire(join(ROOT, 'package.json')).resolve('electron/package.json'));
const VERSION = (JSON.parse(readFileSync(join(ELECTRON_DIR, 'package.json'), 'utf8')) as { version: string }).version;
/** A download that has not finished by then is taken as not possible from here. */
const DOWNLOAD_TIMEOUT_MS = 10 * 60_000;

function executableName(): string {
  if (process.platform === 'darwin') return 'Electron.app/Contents/MacOS/Electron';
  return process.platform === 'win32' ? 'electron.exe' : 'electron';
}

type Binary = { ok: true; path: string } | { ok: false; reason: string };

/** The binary Electron's own launcher would use, without downloading anything. */
function installedBinary(): Binary {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const path = join(override, executableName());
    return existsSync(path) ? { ok: true, path } : { ok: false, reason: `ELECTRON_OVERRIDE_DIST_PATH is ${override}, but there is no ${executableName()} in it.` };
  }
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  const path = join(ELECTRON_DIR, 'dist', existsSync(pathFile) ? readFileSync(pathFile, 'utf8') : executableName());
  return existsSync(path) ? { ok: true, path } : { ok: false, reason: `Electron ${VERSION} is not downloaded yet.` };
}

/** The downloader's own reason in one line: its first line that is not a stack frame. */
function downloadFailure(output: string): string {
  const lines = output.split('\n').map((l) => l.trim());
  return lines.find((l) => l !== '' && !l.startsWith('at ') && !l.startsWith('Downloading')) ?? 'no reason given';
}

/** Where the downloader fetches the zip from (@electron/get: the mirror, else GitHub's releases). */
function downloadUrl(): string {
  const mirror = process.env.ELECTRON_MIRROR ?? process.env.npm_config_electron_mirror ?? 'https://github.com/electron/electron/releases/download/';
  return `${mirror.endsWith('/') ? mirror : `${mirror}/`}v${VERSION}/electron-v${VERSION}-${process.platform}-${process.arch}.zip`;
}

/** The downloader says only "fetch failed"; asking the same address names the cause (DNS, refused, proxy...). */
async function networkCause(url: string): Promise<string | null> {
  try {
    const res = await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(15_000) });
    return res.ok ? null : `the server answered ${res.status} ${res.statusText}`;
  } catch (err) {
    const cause = (err as { cause?: { message?: string } }).cause;
    return cause?.message ?? (err as Error).message;
  }
}

async function download(): Promise<Binary> {
  console.log(`EasySight Edge: downloading Electron ${VERSION} for the desktop app (once, about 100 MB)…`);
  const r = spawnSync(process.execPath, [join(ELECTRON_DIR, 'install.js')], { cwd: ELECTRON_DIR, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: DOWNLOAD_TIMEOUT_MS });
  if (r.error?.message.includes('ETIMEDOUT') || r.signal === 'SIGTERM') return { ok: false, reason: `The download of Electron ${VERSION} did not finish within ${DOWNLOAD_TIMEOUT_MS / 60_000} minutes.` };
  if (r.status !== 0) {
    const url = downloadUrl();
    const said = downloadFailure(`${r.stderr}\n${r.stdout}`);
    const cause = said.includes('fetch failed') ? await networkCause(url) : null;
    return { ok: false, reason: `The download of Electron ${VERSION} from ${url} failed: ${cause ?? said}` };
  }
  return installedBinary();
}

function explain(reason: string): string {
  const platform = `${process.platform}-${process.arch}`;
  return [
    '',
    'EasySight Edge cannot start the desktop app: it needs the Electron binary, and there is none here.',
    `  ${reason}`,
    '',
    'Ways to go on:',
    '  - Download it through a mirror that this computer can reach, for example:',
    '      ELECTRON_MIRROR=https://npmmirror.com/mirrors/electron/ npm start',
    `  - Or put electron-v${VERSION}-${platform}.zip (from any computer with internet access) in a folder and point to it:`,
    '      electron_config_cache=/path/to/that/folder npm start',
    '  - Or use an Electron that is already unpacked somewhere (the folder holding its executable):',
    '      ELECTRON_OVERRIDE_DIST_PATH=/path/to/electron npm start',
    '',
    'Without a window, the headless worker serves the same dashboard in a browser:',
    '      npm run build && npx easysight-edge worker',
    '  and open the "Dashboard:" address it prints.',
    '',
  ].join('\n');
}

async function ensure(): Promise<void> {
  let binary = installedBinary();
  // An explicit override that is wrong is reported as such, not papered over by a download.
  if (!binary.ok && !process.env.ELECTRON_OVERRIDE_DIST_PATH) binary = await download();
  if (!binary.ok) {
    console.error(explain(binary.reason));
    process.exit(1);
  }
}

function launch(args: string[]): void {
  const binary = installedBinary();
  if (!binary.ok) {
    console.error(explain(binary.reason));
    process.exit(1);
  }
  const child = spawn(binary.path, ['.', ...args], { cwd: ROOT, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
  child.on('error', (err) => {
    console.error(`EasySight Edge: ${binary.path} could not be started: ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'ensure') await ensure();
else if (mode === 'launch') launch(rest);
else {
  console.error('usage: node scripts/start-desktop.ts ensure | launch [electron arguments]');
  process.exit(2);
}
