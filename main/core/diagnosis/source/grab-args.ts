// The ffmpeg command line of one probe, always as an argument array (never through a shell).
import type { FfmpegBinary } from './ffmpeg-binary.ts';
import type { GrabOptions } from './grab-request.ts';
import { isRtsp, type ParsedSource } from './source-url.ts';
import { COLOUR_SHOWINFO } from './stderr-reader.ts';

export interface GrabArgsInput {
  source: ParsedSource;
  options: GrabOptions;
  binary: FfmpegBinary;
  snapshot: boolean;
  thumbnail: boolean;
}

export interface GrabArgs {
  args: string[];
  /** stdout carries RGB24 frames in keyframe mode, luma frames in window mode. */
  stdoutFormat: 'rgb24' | 'gray';
  /** Extra pipes after stdout/stderr, in order: fd 3, fd 4... The window's frames that may be its newest, in RGB24. */
  colourFd: number | null;
  snapshotFd: number | null;
  thumbnailFd: number | null;
}

/** Decoders refuse pictures above this (8K is 33 Mpx), before allocating anything for them. */
export const MAX_SOURCE_PIXELS = 8192 * 8192;

// Nested protocols ffmpeg may open for each kind of source; everything else (file:, pipe:, concat:,
// a playlist pointing at local files...) is refused by ffmpeg itself.
const RTSP_PROTOCOLS = 'rtsp,rtsps,tcp,tls,udp,rtp';
const HTTP_PROTOCOLS = 'http,https,tcp,tls,crypto';
const FILE_PROTOCOLS = 'file,crypto';

export function buildGrabArgs(input: GrabArgsInput): GrabArgs {
  const { source, options, binary } = input;
  const args = ['-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info'];
  const readUs = String(options.readTimeoutMs * 1000);

  if (isRtsp(source)) {
    args.push('-rtsp_transport', 'tcp', '-protocol_whitelist', RTSP_PROTOCOLS);
    if (binary.rtspSocketTimeout) args.push(`-${binary.rtspSocketTimeout}`, readUs);
  } else if (source.kind === 'network') {
    args.push('-protocol_whitelist', HTTP_PROTOCOLS, '-rw_timeout', readUs);
  } else {
    args.push('-protocol_whitelist', FILE_PROTOCOLS);
  }
  // An RTSP keyframe grab probes as little as ffmpeg allows. Any probing holds the frame back: with
  // -skip_frame nokey the prober decodes keyframes only and never sees enough frames to stop early, so
  // it reads to its limit (about a second of a small stream). The size is not needed up front: the SDP's
  // parameter sets or the keyframe waited for bring it, and the filters are set up on the first
  // decoded frame. A window starts at any frame, so it keeps the larger probe for cameras whose SDP
  // lacks the parameter sets.
  const rtspKeyframe = isRtsp(source) && options.mode === 'keyframe';
  if (rtspKeyframe) args.push('-analyzeduration', '0', '-probesize', '32', '-fpsprobesize', '0');
  else args.push('-analyzeduration', '1000000', '-probesize', '1000000', '-fpsprobesize', '0');
  args.push('-max_pixels', String(MAX_SOURCE_PIXELS));
  // One decoding thread: probes run many at once, so parallel ffmpeg processes already use every core;
  // decoder threads on top only add synchronisation (20-25% more CPU per 720p window probe, measured).
  args.push('-threads', '1');
  if (options.mode === 'keyframe') args.push('-skip_frame', 'nokey');
  args.push('-i', source.input);

  const frames = options.mode === 'keyframe' ? 1 : options.maxFrames;
  args.push('-filter_complex', filterGraph(input, frames), '-vsync', 'passthrough');
  // ffmpeg 4 stalls when one output of a split ends by -frames:v while another is still open:
  // with one frame all outputs end together; with more, the JPEG branches end through trim instead
  // (the two raw outputs carry the same frames, so they end together).
  const jpegFrames = frames === 1 ? ['-frames:v', '1'] : [];
  // A window's frames go out as luma (a third of the bytes): only the newest one's colours are read.
  // Which frame is the newest is known only when the window ends, so the frames that may be it also
  // go out in RGB24 on a pipe of its own (colourSelect), of which the reader keeps the newest alone.
  const stdoutFormat = options.mode === 'window' ? 'gray' : 'rgb24';
  // The raw encoder on one thread as well: with frame threads (ffmpeg 5's default on 2 cores) each
  // frame reached its pipe only when the next one was encoded, and a window's newest one at the end.
  const rawOut = ['-threads', '1', '-f', 'rawvideo'];
  args.push('-map', '[raw]', '-frames:v', String(frames));
  args.push(...rawOut, '-pix_fmt', stdoutFormat, 'pipe:1');

  const colourFd = options.mode === 'window' ? 3 : null;
  const snapshotFd = input.snapshot ? (colourFd ?? 2) + 1 : null;
  const thumbnailFd = input.thumbnail ? (snapshotFd ?? colourFd ?? 2) + 1 : null;
  if (colourFd !== null) {
    args.push('-map', '[colour]', '-frames:v', String(frames), ...rawOut, '-pix_fmt', 'rgb24', `pipe:${colourFd}`);
  }
  if (snapshotFd !== null) {
    args.push('-map', '[snap]', ...jpegFrames, '-c:v', 'mjpeg', '-q:v', '3', '-f', 'image2pipe', `pipe:${snapshotFd}`);
  }
  if (thumbnailFd !== null) {
    args.push('-map', '[thumb]', ...jpegFrames, '-c:v', 'mjpeg', '-q:v', '5', '-f', 'image2pipe', `pipe:${thumbnailFd}`);
  }
  return { args, stdoutFormat, colourFd, snapshotFd, thumbnailFd };
}

/**
 * The least time between two frames of a window, in seconds: select drops frames to at most maxFrames
 * per window. 1 ms of slack: timestamps like 1.6-1.2 come out a hair under 0.4 in floating point.
 */
export function windowFrameStep(options: Pick<GrabOptions, 'windowSeconds' | 'maxFrames'>): number {
  return Number((options.windowSeconds / options.maxFrames - 0.001).toFixed(4));
}

/**
 * The window frames that may turn out to be its newest, the only one whose colours are read: every
 * frame in RGB24 was 5.5 MB of pipe chunks per 640x360 window for 0.7 MB kept, garbage in the
 * worker until its next GC. A frame may be the newest when no later one fits in the window (its
 * last step, with 10 ms to spare for the rounded times the reader judges by), when it is the last
 * of maxFrames, or when the window may be cut short: its first frame (a stream that stops or ends),
 * and any frame once the window has run its own length on the wall clock (a stream that crawls, cut
 * at windowDeadlineMs). st/ld keep the first frame's stream and wall-clock times across frames. A
 * network stream that ends or stops before its last step, within its first windowSeconds, gives a
 * window that ends at its first frame.
 */
function colourSelect(options: GrabOptions): string {
  const lastStepFrom = Number((options.windowSeconds - windowFrameStep(options) - 0.01).toFixed(4));
  const first = 'st(0,t)*0+st(1,time(0))*0+1';
  const later = `gte(t-ld(0),${lastStepFrom})+gte(n,${options.maxFrames - 1})+gte(time(0)-ld(1),${options.windowSeconds})`;
  return `if(eq(n,0),${first},${later})`;
}

function filterGraph({ source, options, binary, snapshot, thumbnail }: GrabArgsInput, frames: number): string {
  const showinfo = binary.showinfoSkipsChecksums ? '=checksum=0' : '';
  const chain: string[] = [];
  if (options.mode === 'window') {
    // The window starts at the first decoded frame, not when the stream opened: joined between
    // keyframes, a camera gives nothing to decode until its next keyframe, up to a GOP later.
    // Over RTSP it starts at the second one: the session's first access unit comes out of the
    // demuxer without a timestamp, and ffmpeg makes one up (the bundled 4.x gives it the time
    // where its probe stopped, 0.5-0.6 s after it; Debian's 5.1 that of the frame after it), so a
    // window timed from it ran 0.1-0.6 s of stream longer than asked, and its first gap was wrong.
    const rtsp = isRtsp(source);
    chain.push(`trim=${rtsp ? 'start_frame=1:' : ''}duration=${options.windowSeconds}`);
    // select drops frames to at most maxFrames per window; unlike fps it never duplicates a frame
    // when the camera is slower than asked, which would look like a frozen picture.
    chain.push(`select='isnan(prev_selected_t)+gte(t-prev_selected_t,${windowFrameStep(options)})'`);
  }
  chain.push(`scale=${options.width}:-2:flags=area`);
  // showinfo logs each frame's pts_time on stderr: raw video carries no timestamps.
  chain.push(`showinfo${showinfo}`);
  const outputs = options.mode === 'window' ? ['[raw]', '[c]'] : ['[raw]'];
  const first = frames === 1 ? '' : 'trim=end_frame=1,';
  // The colour branch logs its own frames' times, by which the reader pairs them with the luma ones.
  // A local file may end inside the window, which no select can foresee, and a node does not probe
  // files by the dozen: every frame of a file's window goes out in colour, as before.
  const colourFrames = source.kind === 'file' ? '' : `select='${colourSelect(options)}',`;
  const extra = options.mode === 'window' ? [`[c]${colourFrames}showinfo@${COLOUR_SHOWINFO}${showinfo}[colour]`] : [];
  if (snapshot) {
    outputs.push('[s]');
    extra.push(`[s]${first}format=yuvj420p[snap]`);
  }
  if (thumbnail) {
    outputs.push('[t]');
    extra.push(`[t]${first}scale=200:150:force_original_aspect_ratio=decrease:flags=area,format=yuvj420p[thumb]`);
  }
  const head = `[0:v:0]${chain.join(',')}`;
  if (outputs.length === 1) return `${head}[raw]`;
  return [`${head},split=${outputs.length}${outputs.join('')}`, ...extra].join(';');
}
