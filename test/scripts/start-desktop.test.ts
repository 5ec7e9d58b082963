// `npm start` where the Electron binary cannot be had (this machine cannot download it): plain
// words and the ways on, no stack trace; with a binary (a stand-in given by ELECTRON_OVERRIDE_DIST_PATH)
// the app is launched from the project folder and its exit code is passed on.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const SCRIPT = join(ROOT, 'scripts', 'start-desktop.ts');
const VERSION = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')) as { version: string }).version;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'edge-start-'));
  dirs.push(dir);
  return dir;
}

async function run(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^(ELECTRON_|electron_|npm_config_electron)/.test(k)));
  const child = spawn(process.execPath, [SCRIPT, ...args], { cwd: ROOT, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, output };
}

/** A local port nothing listens on: a mirror that refuses the connection. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((done) => server.close(done));
  return port;
}

describe('npm start without the Electron binary', () => {
  it('says what failed and how to go on, without a stack trace', async () => {
    const mirror = `http://127.0.0.1:${await closedPort()}/`;
    const { code, output } = await run(['ensure'], { ELECTRON_MIRROR: mirror, electron_config_cache: tempDir() });
    expect(code).toBe(1);
    expect(output).toContain(`The download of Electron ${VERSION} from ${mirror}v${VERSION}/electron-v${VERSION}-${process.platform}-${process.arch}.zip failed: connect ECONNREFUSED`);
    for (const way of ['ELECTRON_MIRROR=', 'electron_config_cache=', 'ELECTRON_OVERRIDE_DIST_PATH=', 'npx easysight-edge worker']) expect(output).toContain(way);
    expect(output).not.toMatch(/^\s+at /m);
    expect(output).not.toContain('install-electron');
  }, 60_000);

  it('names a wrong ELECTRON_OVERRIDE_DIST_PATH instead of downloading', async () => {
    const empty = tempDir();
    for (const mode of ['ensure', 'launch']) {
      const { code, output } = await run([mode], { ELECTRON_OVERRIDE_DIST_PATH: empty });
      expect(code).toBe(1);
      expect(output).toContain(`ELECTRON_OVERRIDE_DIST_PATH is ${empty}, but there is no electron in it.`);
      expect(output).not.toContain('downloading');
    }
  });

  it.runIf(process.platform === 'linux')('launches the binary it finds on the project folder and passes its exit code on', async () => {
    const dist = tempDir();
    const log = join(dist, 'args.txt');
    writeFileSync(join(dist, 'electron'), `#!/bin/sh\necho "$PWD $*" > '${log}'\nexit 3\n`);
    chmodSync(join(dist, 'electron'), 0o755);
    expect((await run(['ensure'], { ELECTRON_OVERRIDE_DIST_PATH: dist })).code).toBe(0);
    const launched = await run(['launch', '--enable-logging'], { ELECTRON_OVERRIDE_DIST_PATH: dist });
    expect(launched.code).toBe(3);
    expect(readFileSync(log, 'utf8').trim()).toBe(`${ROOT} . --enable-logging`);
  });
});
