// One probe of one camera: a single ffmpeg process decodes just what the analysers need (a keyframe, or
// a short window of frames), scaled to analysis size, plus the optional snapshot and thumbnail JPEGs.
import { writeFile } from 'node:fs/promises';
import type { Frame, FrameSet } from '../frame.ts';
import { classifyFfmpegFailure } from './classify.ts';
import { sourceFailure, type SourceFailure } from './failure.ts';
import { resolveFfmpeg } from './ffmpeg-binary.ts';
import { startFfmpeg, type FfmpegProcess } from './ffmpeg-process.ts';
import { buildGrabArgs, MAX_SOURCE_PIXELS, windowFrameStep } from './grab-args.ts';
import { parseGrabOptions, type GrabOptions } from './grab-request.ts';
import { checkLocalFile } from './local-file.ts';
import { RawFrameReader } from './raw-frame-reader.ts';
import { redact } from './redact.ts';
import { resolveHost } from './resolve-host.ts';
import { isRtsp, parseSource, type ParsedSource } from './source-url.ts';
import { StderrReader, type Size } from './stderr-reader.ts';

export interface GrabRequest {
  /** rtsp://, rtsps://, http(s):// (JPEG snapshot, MJPEG, HLS .m3u8), or a local file path / file:// URL. */
  source: string;
  /** Injected into the URL for ffmpeg only. */
  username?: string;
  password?: string;
  /** keyframe: the first keyframe only; window: frames over ~windowSeconds, for freeze and shake. */
  mode: 'keyframe' | 'window';
  /** Default 2. */
  windowSeconds?: number;
  /** Cap on frames in window mode, spaced evenly over the window. Default 8. */
  maxFrames?: number;
  /** Analysis width, default 640; the height keeps the aspect ratio (even). */
  width?: number;
  /** Until the stream is open and probed. Default 5000. */
  connectTimeoutMs?: number;
  /** Longest silence of the socket once connected. Default 5000. */
  readTimeoutMs?: number;
  /** The whole grab. Default 15000. */
  totalTimeoutMs?: number;
  /** When set, one JPEG snapshot at analysis size is written here. */
  snapshotPath?: string;
  /** When true, a JPEG thumbnail of at most 200x150 is returned. */
  thumbnail?: boolean;
  /** Default true; false accepts network sources only. */
  allowFiles?: boolean;
  ffmpegPath?: string;
  /** Abort stops ffmpeg at once. */
  signal?: AbortSignal;
}

export type GrabOutcome =
  | { ok: true; frameSet: FrameSet; snapshotPath?: string; thumbnail?: Buffer; openMs: number; totalMs: number }
  | { ok: false; failure: SourceFailure };

/** Height may be up to 4x the width (portrait corridor views); anything taller is not a camera picture. */
const MAX_ASPECT = 4;
const MAX_JPEG_BYTES = 16 * 1024 * 1024;

/** Never rejects, and settles within totalTimeoutMs (plus the time to reap ffmpeg). */
export async function grabFrames(req: GrabRequest): Promise<GrabOutcome> {
  try {
    return await grab(req);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail('decode_error', `The frame grab failed unexpectedly: ${redact(message, [req.username ?? '', req.password ?? ''])}`);
  }
}

async function grab(req: GrabRequest): Promise<GrabOutcome> {
  const options = parseGrabOptions(req);
  if ('kind' in options) return { ok: false, failure: options };
  const parsed = parseSource(req);
  if ('message' in parsed) return { ok: false, failure: parsed };
  let source: ParsedSource = parsed;
  if (source.kind === 'file') {
    const problem = await checkLocalFile(source.path);
    if (problem) return { ok: false, failure: problem };
  }
  if (req.signal?.aborted) return aborted(source);
  const resolved = await resolveFfmpeg(req.ffmpegPath);
  if (!resolved.ok) return resolved;
  if (source.kind === 'network') {
    const addressed = await resolveHost(source, !resolved.binary.resolvesHostNames, options.connectTimeoutMs);
    if ('message' in addressed) return { ok: false, failure: addressed };
    source = addressed;
  }
  if (req.signal?.aborted) return aborted(source);

  const { args, stdoutFormat, colourFd, snapshotFd, thumbnailFd } = buildGrabArgs({
    source,
    options,
    binary: resolved.binary,
    snapshot: req.snapshotPath !== undefined,
    thumbnail: req.thumbnail === true,
  });
  const extraPipes = (colourFd === null ? 0 : 1) + (snapshotFd === null ? 0 : 1) + (thumbnailFd === null ? 0 : 1);
  const started = performance.now();
  const rtsp = isRtsp(source);
  const sessions: Session[] = [];
  let decoded = false;
  const open = (): void => {
    const stopper = new AbortController();
    const proc = startFfmpeg(resolved.binary.path, args, extraPipes);
    const hooks: SessionHooks = {
      // An RTSP session that lacks the H.264 parameter sets (none in the SDP, none yet in the stream) may
      // never get them: a server that restarts the stream for each client sends them once, with the first
      // keyframe, at times before its answer to PLAY, and ffmpeg drops what precedes that answer. A second
      // session opens beside it at once: its arrival restarts such a stream, which the first one, past its
      // PLAY, now receives whole; a camera joined between keyframes gives its next keyframe to both.
      lacksParameters:
        rtsp && sessions.length === 0
          ? () => {
              if (!decoded && !req.signal?.aborted) open();
            }
          : undefined,
      // The first session to decode a frame stops the other.
      decoded: () => {
        if (!decoded) sessions.forEach((other) => other.stopper !== stopper && other.stopper.abort());
        decoded = true;
      },
    };
    const signal = req.signal ? AbortSignal.any([req.signal, stopper.signal]) : stopper.signal;
    sessions.push({
      stopper,
      run: watch(proc, { stdoutFormat, colour: colourFd === null ? null : proc.extra[colourFd - 3]! }, source, options, signal, started, hooks),
      snapshot: snapshotFd === null ? null : collect(proc.extra[snapshotFd - 3]!, proc),
      thumbnail: thumbnailFd === null ? null : collect(proc.extra[thumbnailFd - 3]!, proc),
    });
  };
  open();
  const results = await settleAll(sessions);
  // The session that decoded, else the first one's failure (a second one's is a consequence).
  const chosen = Math.max(results.findIndex((r) => r.ok), 0);
  const result = results[chosen]!;
  const { snapshot, thumbnail } = sessions[chosen]!;
  const totalMs = Math.round(performance.now() - started);
  if (!result.ok) return result;

  const outcome: GrabOutcome = { ok: true, frameSet: result.frameSet, openMs: result.openMs, totalMs };
  const snapshotJpeg = await snapshot;
  if (req.snapshotPath !== undefined && isJpeg(snapshotJpeg)) {
    // The frames are good even when the snapshot cannot be stored: an absent snapshotPath says so.
    const written = await writeFile(req.snapshotPath, snapshotJpeg).then(() => true, () => false);
    if (written) outcome.snapshotPath = req.snapshotPath;
  }
  const thumbnailJpeg = await thumbnail;
  if (isJpeg(thumbnailJpeg)) outcome.thumbnail = thumbnailJpeg;
  return outcome;
}

type RunResult = { ok: true; frameSet: FrameSet; openMs: number } | { ok: false; failure: SourceFailure };

interface Session {
  stopper: AbortController;
  run: Promise<RunResult>;
  snapshot: Promise<Buffer> | null;
  thumbnail: Promise<Buffer> | null;
}

/** Each called once: when the decoder first lacks parameter sets, and at the first decoded frame. */
interface SessionHooks {
  lacksParameters?: () => void;
  decoded: () => void;
}

/** Every session's result, once all have ended (a second one may open while the first runs). */
async function settleAll(sessions: readonly Session[]): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (let i = 0; i < sessions.length; i++) results.push(await sessions[i]!.run);
  return results;
}

interface RawPipes {
  stdoutFormat: 'rgb24' | 'gray';
  /** The window's frames that may be its newest, in RGB24 again, when stdout carries luma. */
  colour: NodeJS.ReadableStream | null;
}

/** Feeds the readers, enforces the timeouts and the abort, and turns the exit into a result. */
async function watch(
  proc: FfmpegProcess,
  pipes: RawPipes,
  source: ParsedSource,
  options: GrabOptions,
  signal: AbortSignal,
  started: number,
  hooks: SessionHooks,
): Promise<RunResult> {
  const stderr = new StderrReader(options.mode === 'window');
  const maxFrames = options.mode === 'keyframe' ? 1 : options.maxFrames;
  const maxFrameBytes = options.width * options.width * MAX_ASPECT * 3;
  const raw = new RawFrameReader(maxFrames * maxFrameBytes, pipes.stdoutFormat === 'gray' ? 1 : 3);
  const colour = pipes.colour ? new RawFrameReader(maxFrames * maxFrameBytes, 3, true) : null;
  let stopped: SourceFailure | null = null;
  let openMs = 0;
  let hooked: 'lacks' | 'decoded' | null = null;
  let stallTimer: NodeJS.Timeout | undefined;

  const stop = (failure: SourceFailure, graceMs?: number): void => {
    stopped ??= failure;
    proc.stop(graceMs);
  };
  const timers = [
    setTimeout(() => {
      if (!stderr.opened) stop(sourceFailure('timeout', `${source.display} did not open a stream within ${options.connectTimeoutMs} ms (no answer, or the stream never started).`));
    }, options.connectTimeoutMs),
    // From the grab's start: a second session shares the first one's deadline.
    setTimeout(
      () => stop(sourceFailure('timeout', `${source.display} gave no ${options.mode === 'window' ? 'frame window' : 'picture'} within ${options.totalTimeoutMs} ms.`)),
      options.totalTimeoutMs - (performance.now() - started),
    ),
  ];
  // Abort means "now": ffmpeg gets no grace period to finish its output.
  const onAbort = (): void => stop(sourceFailure('aborted', `The grab of ${source.display} was aborted.`), 0);
  signal.addEventListener('abort', onAbort, { once: true });

  const guarded = <T>(fn: (value: T) => void) => (value: T): void => {
    try {
      fn(value);
    } catch (error) {
      stop(sourceFailure('decode_error', `Reading ffmpeg's output failed: ${error instanceof Error ? error.message : String(error)}`));
    }
  };
  proc.stderr.setEncoding('utf8');
  proc.stderr.on('data', guarded((chunk: string) => {
    const wasOpen = stderr.opened;
    stderr.push(chunk);
    if (!wasOpen && stderr.opened) openMs = Math.round(performance.now() - started);
    checkSizes();
    callHooks();
    endWhenWhole();
  }));
  proc.stdout.on('data', guarded((chunk: Buffer) => {
    if (!raw.push(chunk)) stop(tooLarge(`ffmpeg produced more than ${raw.limit} bytes of pictures`));
    endWhenWhole();
  }));
  pipes.colour?.on('data', guarded((chunk: Buffer) => {
    if (colour && !colour.push(chunk)) stop(tooLarge(`ffmpeg produced more than ${colour.limit} bytes of pictures`));
    endWhenWhole();
  }));

  function checkSizes(): void {
    const input = stderr.inputSize;
    if (input && input.width * input.height > MAX_SOURCE_PIXELS) {
      stop(tooLarge(`the source picture is ${input.width}x${input.height}`));
    }
    const output = stderr.outputSize;
    if (output && output.width * output.height * 3 > maxFrameBytes) {
      stop(tooLarge(`the scaled picture would be ${output.width}x${output.height}`));
    } else if (output) {
      raw.setSize(output);
      colour?.setSize(output);
    }
  }
  function callHooks(): void {
    if (hooked !== 'decoded' && stderr.frameTimes.length > 0) {
      hooked = 'decoded';
      // A stream that crawls once it has started (seen: 4 s of picture in 43 s, under load) would hold
      // the probe, its task and every camera after it: the window ends with the frames it has by then.
      // They carry their own timestamps, so freeze and shake read them as they are.
      if (options.mode === 'window') stallTimer = setTimeout(() => proc.stop(), windowDeadlineMs(options.windowSeconds));
      hooks.decoded();
    } else if (hooked === null && stderr.parametersMissing) {
      hooked = 'lacks';
      hooks.lacksParameters?.();
    }
  }
  // A window is whole once no later frame could still be selected in it (the next one is due a
  // frame step after the newest, past the window's end, or it has maxFrames) and the pipes hold
  // every frame in luma and the newest in colour: ffmpeg itself ends only at the first frame past
  // the window, one frame interval later (0.2 s at 10 fps).
  function endWhenWhole(): void {
    const times = stderr.frameTimes;
    if (options.mode !== 'window' || times.length === 0) return;
    const full = times.length >= options.maxFrames;
    if (!full && times.at(-1)! - times[0]! + windowFrameStep(options) < options.windowSeconds) return;
    const newestInColour = !colour || newestColourTime(colour, stderr) === times.at(-1);
    if (raw.frameCount >= times.length && newestInColour) proc.stop();
  }
  function tooLarge(why: string): SourceFailure {
    return sourceFailure('too_large', `${source.display}: ${why}, beyond what can be analysed (at most ${MAX_SOURCE_PIXELS} pixels, height at most ${MAX_ASPECT}x the width).`);
  }

  const exit = await proc.exited;
  for (const timer of [...timers, stallTimer]) clearTimeout(timer);
  signal.removeEventListener('abort', onAbort);
  stderr.end();
  checkSizes();

  if (stopped) return { ok: false, failure: stopped };
  if (exit.spawnError) {
    return { ok: false, failure: sourceFailure('ffmpeg_missing', `ffmpeg could not be started: ${exit.spawnError.message}`) };
  }
  const size = stderr.outputSize;
  const sourceWidth = stderr.inputSize?.width;
  const found = !size ? [] : colour ? windowFrames(raw, colour, size, stderr) : keyframes(raw, size, stderr.frameTimes);
  const frames = sourceWidth ? found.map((f) => ({ ...f, sourceWidth })) : found;
  if (frames.length === 0) return { ok: false, failure: classifyFfmpegFailure(stderr.lines(), source.display, source.secrets) };
  return { ok: true, frameSet: { frames, decodeErrors: stderr.decodeErrors }, openMs };
}

/** How long a window may take from its first frame: twice its length and 2 s more, then it ends with what it has. */
export function windowDeadlineMs(windowSeconds: number): number {
  return windowSeconds * 2000 + 2000;
}

/** RGB24 frames as they came out, `times` pairing with them by index. */
function keyframes(raw: RawFrameReader, size: Size, times: readonly number[]): Frame[] {
  const first = times[0] ?? 0;
  return raw.buffers(size).map((rgb, i) => ({ width: size.width, height: size.height, rgb, time: (times[i] ?? first) - first }));
}

/** The time of the newest whole frame in colour: its frames come out in the order their times are logged. */
function newestColourTime(colour: RawFrameReader, stderr: StderrReader): number | undefined {
  return stderr.colourTimes[colour.frameCount - 1];
}

/**
 * A window's luma frames up to the newest one that came out in colour too, which carries both. That
 * is the window's newest frame unless the window was cut short before any later frame came in colour
 * (see colourSelect in grab-args.ts), or its luma was cut off at the end.
 */
function windowFrames(gray: RawFrameReader, colour: RawFrameReader, size: Size, stderr: StderrReader): Frame[] {
  const [rgb] = colour.buffers(size);
  const times = stderr.frameTimes;
  const newest = times.lastIndexOf(newestColourTime(colour, stderr) ?? Number.NaN);
  if (!rgb || newest < 0) return [];
  const lumas = gray.buffers(size);
  const first = times[0] ?? 0;
  const at = (i: number): Pick<Frame, 'width' | 'height' | 'time'> => ({ width: size.width, height: size.height, time: (times[i] ?? first) - first });
  const older: Frame[] = lumas.slice(0, newest).map((luma, i) => ({ ...at(i), gray: luma }));
  const luma = lumas[newest];
  return [...older, { ...at(newest), rgb, ...(luma ? { gray: luma } : {}) }];
}

/** Reads a JPEG pipe to its end, stopping ffmpeg if it grows absurd. */
function collect(stream: NodeJS.ReadableStream, proc: FfmpegProcess): Promise<Buffer> {
  return new Promise((done) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > MAX_JPEG_BYTES) proc.stop();
      else chunks.push(chunk);
    });
    stream.on('error', () => done(Buffer.alloc(0)));
    stream.on('close', () => done(Buffer.concat(chunks)));
  });
}

function isJpeg(bytes: Buffer | null): bytes is Buffer {
  return bytes !== null && bytes.length > 3 && bytes[0] === 0xff && bytes[1] === 0xd8;
}

function aborted(source: ParsedSource): GrabOutcome {
  return fail('aborted', `The grab of ${source.display} was aborted before it started.`);
}

function fail(kind: SourceFailure['kind'], message: string): GrabOutcome {
  return { ok: false, failure: sourceFailure(kind, message) };
}
