// The camera verdict through the real `diagnose` path (ffmpeg grab, analysis pool, worker thread):
// a blue screen is one abnormal row, the other checks "not assessed".
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { main } from '../../main/cli/cli.ts';
import type { CliIo } from '../../main/cli/cli-io.ts';

let dir: string;
let blue: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'edge-cli-cause-'));
  blue = join(dir, 'blue.mp4');
  const r = spawnSync(ffmpegInstaller.path, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'color=c=blue:s=640x360:r=10', '-t', '4',
    '-c:v', 'libx264', '-preset', 'veryfast', '-g', '10', '-pix_fmt', 'yuv420p', blue]);
  if (r.status !== 0) throw new Error(`ffmpeg failed: ${r.stderr.toString()}`);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('diagnose reports a blue screen as one abnormal row and the rest not assessed', async () => {
  let out = '';
  const io: CliIo = { out: (t) => void (out += t), err: () => undefined, env: { LANG: 'en_US.UTF-8', EDGE_DATA_DIR: join(dir, 'data') }, onInterrupt: () => undefined, offInterrupt: () => undefined };
  const code = await main(['diagnose', blue, '--json', '--frames', '3'], io);
  expect(code).toBe(1);
  const rows = (JSON.parse(out) as { result: { results: Array<{ diagnosis_type: string; is_abnormal: boolean; metrics: Record<string, unknown> }> } }).result.results;
  expect(rows.length).toBeGreaterThan(10);
  expect(rows.filter((r) => r.is_abnormal).map((r) => r.diagnosis_type)).toEqual(['blue_screen']);
  const rest = rows.filter((r) => r.diagnosis_type !== 'blue_screen');
  for (const r of rest) expect(r.metrics.not_assessed, r.diagnosis_type).toBe(1);
  expect(String(rest[0]!.metrics.message)).toMatch(/^Not assessed: blue/);
});
