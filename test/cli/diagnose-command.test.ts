// The `diagnose` command end to end on real files and real ffmpeg: output, snapshots, exit codes.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/cli.ts';
import type { CliIo } from '../../main/cli/cli-io.ts';

const VTEST = '/usr/share/doc/opencv-doc/examples/data/vtest.avi';
const ROOT = resolve(import.meta.dirname, '../..');
let dir: string;
let healthy: string;
let dark: string;

function ffmpeg(args: string[]): void {
  const r = spawnSync(ffmpegInstaller.path, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
}

async function run(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = {
    out: (t) => void (out += t),
    err: (t) => void (err += t),
    env: { LANG: 'en_US.UTF-8', EDGE_DATA_DIR: join(dir, 'data') },
    onInterrupt: () => undefined,
    offInterrupt: () => undefined,
  };
  const code = await main(argv, io);
  return { code, out, err };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edge-cli-'));
  healthy = join(dir, 'street.mp4');
  dark = join(dir, 'street-dark.mp4');
  // A real static street camera (OpenCV's vtest.avi): 4 s at 640 px, a keyframe every second.
  ffmpeg(['-t', '4', '-i', VTEST, '-vf', 'scale=640:-2', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '10', '-pix_fmt', 'yuv420p', healthy]);
  ffmpeg(['-i', healthy, '-vf', 'eq=brightness=-0.55', '-c:v', 'libx264', '-preset', 'veryfast', '-g', '10', '-pix_fmt', 'yuv420p', dark]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('easysight-edge diagnose', () => {
  it('passes a healthy street scene with exit 0 and prints a table of every check', async () => {
    const r = await run(['diagnose', healthy]);
    expect(r.err).toBe('');
    expect(r.out).toMatch(/all normal/);
    for (const t of ['brightness', 'clarity', 'noise', 'freeze', 'shake', 'stripe']) expect(r.out).toContain(t);
    expect(r.code).toBe(0);
  });

  it('flags a dark picture with exit 1, in Chinese when asked', async () => {
    const r = await run(['diagnose', dark, '--types', 'brightness,contrast', '--lang', 'zh-CN']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/brightness\s+(警告|异常|严重)/);
    expect(r.out).toContain('检测项');
  });

  it('judges a camera it has never seen as a first run: a value only just past the threshold is not raised', async () => {
    const measured = JSON.parse((await run(['diagnose', healthy, '--json', '--types', 'brightness', '--frames', '1'])).out) as { result: { results: Array<{ metrics: { value: number } }> } };
    const luma = measured.result.results[0]!.metrics.value;
    const withMin = (min: number) => run(['diagnose', healthy, '--types', 'brightness', '--frames', '1', '--thresholds', JSON.stringify({ brightness: { brightness_min: min } })]);
    // 10% under brightness_min: a fifth into the warning band.
    const just = await withMin(Math.round(luma * 1.1));
    expect(just.out).toMatch(/brightness\s+normal/);
    expect(just.out).toContain('not raised yet');
    expect(just.code).toBe(0);
    // A third under it: raised.
    const past = await withMin(Math.round(luma * 1.5));
    expect(past.out).toMatch(/brightness\s+(warning|error)/);
    expect(past.code).toBe(1);
  });

  it('prints the platform result envelope with --json and keeps snapshots', async () => {
    const snaps = join(dir, 'snaps');
    const r = await run(['diagnose', healthy, dark, '--json', '--types', 'brightness,clarity', '--frames', '1', '--snapshot-dir', snaps]);
    expect(r.code).toBe(1);
    const body = JSON.parse(r.out) as { result: { success: boolean; results_count: number; results: Array<Record<string, unknown>> }; completed_at: string };
    expect(body.result.success).toBe(true);
    expect(body.result.results_count).toBe(4);
    const row = body.result.results[0]!;
    for (const key of ['camera_id', 'camera_name', 'diagnosis_type', 'diagnosis_status', 'score', 'threshold', 'is_abnormal', 'processing_time', 'error_message', 'suggestions', 'metrics', 'image_timestamp', 'thumbnail']) {
      expect(row).toHaveProperty(key);
    }
    const darkRow = body.result.results.find((x) => x.camera_id === 2 && x.diagnosis_type === 'brightness')!;
    expect(darkRow.is_abnormal).toBe(true);
    // Counted as the platform counts them: success_count = normal rows, error_count = the others.
    const counts = body.result as unknown as { success_count: number; error_count: number };
    expect(counts.error_count).toBe(body.result.results.filter((x) => x.diagnosis_status !== 'normal').length);
    expect(counts.error_count).toBeGreaterThan(0);
    expect(counts.success_count).toBe(4 - counts.error_count);
    const jpeg = Buffer.from(String(row.thumbnail), 'base64');
    expect(jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    const files = readdirSync(snaps);
    expect(files).toHaveLength(2);
    expect(readFileSync(join(snaps, files[0]!)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('reports a camera that cannot be opened as signal_loss (exit 1) and never leaks credentials', async () => {
    const r = await run(['diagnose', 'rtsp://admin:s3cret@127.0.0.1:1/live', '--timeout', '5']);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/signal_loss\s+critical/);
    expect(r.out).toMatch(/refused/);
    expect(r.out + r.err).not.toContain('s3cret');
  });

  it('exits 2 for bad arguments, no source and invalid sources', async () => {
    expect((await run(['diagnose'])).code).toBe(2);
    expect((await run(['diagnose', healthy, '--types', 'nope'])).code).toBe(2);
    expect((await run(['diagnose', 'ftp://example.invalid/x'])).code).toBe(2);
    expect((await run(['nosuchcommand'])).code).toBe(2);
  });

  it('compares with a reference picture for scene_change', async () => {
    const same = await run(['diagnose', healthy, '--types', 'scene_change', '--reference', healthy]);
    expect(same.out).toMatch(/scene_change\s+normal/);
    const photo = '/usr/share/doc/opencv-doc/examples/data/building.jpg';
    const moved = await run(['diagnose', healthy, '--types', 'scene_change', '--reference', photo]);
    expect(moved.code).toBe(1);
    expect(moved.out).not.toMatch(/scene_change\s+normal/);
    // One reference for several cameras: each probe compares with it (the analysis takes a probe's buffers).
    const two = await run(['diagnose', healthy, healthy, '--types', 'scene_change', '--reference', healthy]);
    expect(two.out.match(/scene_change\s+normal/g)).toHaveLength(2);
  });

  it('runs as the built `easysight-edge` binary, and keeps what its ffmpeg understands in the data folder', () => {
    const bin = join(ROOT, 'bin/easysight-edge.js');
    expect(existsSync(join(ROOT, 'dist/cli/easysight-edge.js')), 'run `npm run build` first').toBe(true);
    const data = join(dir, 'bin-data');
    const r = spawnSync(process.execPath, [bin, 'diagnose', healthy, '--types', 'brightness', '--frames', '1', '--json'], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, EDGE_DATA_DIR: data } });
    expect(r.status, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).result.results[0].diagnosis_type).toBe('brightness');
    expect(Object.keys(JSON.parse(readFileSync(join(data, 'ffmpeg-options.json'), 'utf8')).binaries)).toEqual([ffmpegInstaller.path]);
    const version = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("starts the built worker with a small young generation and glibc's mmap threshold fixed, in the same process; other commands as they are", () => {
    const bin = join(ROOT, 'bin/easysight-edge.js');
    const show = 'data:text/javascript,console.error("FLAGS", process.pid, JSON.stringify([process.execArgv, process.env.MALLOC_MMAP_THRESHOLD_ ?? null]))';
    const flags = (args: string[]) => {
      const env: NodeJS.ProcessEnv = { ...process.env, EDGE_DATA_DIR: join(dir, 'data') };
      delete env.MALLOC_MMAP_THRESHOLD_;
      const r = spawnSync(process.execPath, ['--import', show, bin, ...args], { encoding: 'utf8', timeout: 60_000, env });
      return [...r.stderr.matchAll(/^FLAGS (\d+) (.*)$/gm)].map((m) => {
        const [execArgv, mmapThreshold] = JSON.parse(m[2]!) as [string[], string | null];
        return { pid: Number(m[1]), execArgv, mmapThreshold };
      });
    };
    const worker = flags(['worker', '--help']);
    expect(worker).toHaveLength(2);
    expect(worker[1]!.pid).toBe(worker[0]!.pid);
    expect(worker[1]).toMatchObject({ execArgv: ['--max-semi-space-size=1', '--import', show], mmapThreshold: '131072' });
    expect(flags(['--version'])).toEqual([{ pid: expect.any(Number), execArgv: ['--import', show], mmapThreshold: null }]);
  });
});
