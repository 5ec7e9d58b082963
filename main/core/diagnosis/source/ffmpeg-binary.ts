// Which ffmpeg to run, and the option spellings that binary understands (probed once per path).
import { execFile } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import { sourceFailure, type SourceFailure } from './failure.ts';
import { recalledOptions, rememberOptions } from './ffmpeg-options-file.ts';

export interface FfmpegBinary {
  path: string;
  /**
   * The RTSP socket timeout option (microseconds): `stimeout` before ffmpeg 5, `timeout` from 5 on.
   * null when neither is offered as a socket timeout: ffmpeg 4's rtsp `-timeout` means "listen for
   * an incoming connection", which would turn a probe into a server, so it is never guessed.
   */
  rtspSocketTimeout: 'stimeout' | 'timeout' | null;
  /**
   * False for static glibc builds (the bundled one among them) that crash with SIGSEGV inside
   * getaddrinfo on any host name: they must be given IP addresses.
   */
  resolvesHostNames: boolean;
  /**
   * showinfo takes `checksum=0`: its per-frame checksums and plane statistics, which no probe reads,
   * were 5-13% of a 720p window probe's ffmpeg CPU.
   */
  showinfoSkipsChecksums: boolean;
}

export type FfmpegResolution = { ok: true; binary: FfmpegBinary } | { ok: false; failure: SourceFailure };

const known = new Map<string, Promise<FfmpegResolution>>();
let optionsFile: string | null = null;

/** The file's name in a data folder. */
const FFMPEG_OPTIONS_FILE = 'ffmpeg-options.json';

/**
 * The data folder in which what each binary understands is remembered across processes
 * (ffmpeg-options-file.ts); null: learned by every process anew. Set once at start by the commands
 * that own a data folder.
 */
export function rememberFfmpegOptionsIn(dataDir: string | null): void {
  optionsFile = dataDir === null ? null : join(dataDir, FFMPEG_OPTIONS_FILE);
}

/** Configured path, else the binary of @ffmpeg-installer/ffmpeg, else `ffmpeg` on PATH. */
export async function resolveFfmpeg(configured?: string): Promise<FfmpegResolution> {
  const path = configured ?? (await bundledPath()) ?? (await onPath('ffmpeg'));
  if (!path) {
    return { ok: false, failure: sourceFailure('ffmpeg_missing', 'No ffmpeg found: neither the bundled one nor one on PATH. Configure the ffmpeg path.') };
  }
  let pending = known.get(path);
  if (!pending) {
    pending = probe(path);
    known.set(path, pending);
    // A missing binary may be installed later: only successes stay cached.
    void pending.then((r) => {
      if (!r.ok) known.delete(path);
    });
  }
  return pending;
}

/** Reads the option name from the output of `ffmpeg -hide_banner -h demuxer=rtsp`. */
export function rtspSocketTimeoutOption(help: string): FfmpegBinary['rtspSocketTimeout'] {
  if (/^\s*-stimeout\s/m.test(help)) return 'stimeout';
  if (/^\s*-timeout\s.*socket/m.test(help)) return 'timeout';
  return null;
}

/** Whether `ffmpeg -hide_banner -h filter=showinfo` offers the checksum switch (older builds lack it). */
export function showinfoChecksumOption(help: string): boolean {
  return /^\s*checksum\s+<boolean>/m.test(help);
}

async function probe(path: string): Promise<FfmpegResolution> {
  try {
    await access(path, constants.X_OK);
  } catch {
    return { ok: false, failure: sourceFailure('ffmpeg_missing', `ffmpeg at ${path} does not exist or is not executable.`) };
  }
  const file = optionsFile;
  const recalled = file === null ? null : await recalledOptions(file, path);
  if (recalled) return { ok: true, binary: recalled };
  const learned = await learn(path);
  if (learned.ok && file !== null) await rememberOptions(file, learned.binary);
  return learned;
}

async function learn(path: string): Promise<FfmpegResolution> {
  // All at once: a process that finds nothing remembered waits for them before its first check.
  // localhost resolves from /etc/hosts (no network); port 1 is closed, so a sane build just fails.
  const [help, lookup, showinfo] = await Promise.all([
    run(path, ['-hide_banner', '-h', 'demuxer=rtsp']),
    run(path, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-i', 'tcp://localhost:1', '-f', 'null', '-']),
    run(path, ['-hide_banner', '-h', 'filter=showinfo']),
  ]);
  if (!help.stdout) {
    return { ok: false, failure: sourceFailure('ffmpeg_missing', `${path} does not run as ffmpeg: ${help.stderr.trim().slice(0, 300)}`) };
  }
  return {
    ok: true,
    binary: {
      path,
      rtspSocketTimeout: rtspSocketTimeoutOption(help.stdout),
      resolvesHostNames: lookup.signal === null,
      showinfoSkipsChecksums: showinfoChecksumOption(showinfo.stdout),
    },
  };
}

function run(path: string, args: string[]): Promise<{ stdout: string; stderr: string; signal: NodeJS.Signals | null }> {
  return new Promise((done) => {
    execFile(path, args, { timeout: 10_000, maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      done({ stdout, stderr: stderr || (error?.message ?? ''), signal: error?.signal ?? null });
    });
  });
}

async function bundledPath(): Promise<string | null> {
  try {
    // The installer package throws at import on platforms it has no binary for.
    const installer = (await import('@ffmpeg-installer/ffmpeg')).default;
    await access(installer.path, constants.X_OK);
    return installer.path;
  } catch {
    return null;
  }
}

async function onPath(name: string): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not in this directory
    }
  }
  return null;
}
