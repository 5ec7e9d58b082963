// How short the frame window of a probe may be before freeze and shake lose accuracy (issue 12 item 3):
// the freeze, shake and healthy clips of the evaluation corpus, already rendered (this renders nothing),
// grabbed with each window length and frame count and judged with every check, as the worker does.
// `node test/eval/window-length.ts [CLIPS_DIR]` (default: this worktree's test-artifacts/eval/clips).
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_CHECKS } from '../../shared/diagnosis/types.ts';
import { runChecks } from '../../main/core/diagnosis/analysers/run-checks.ts';
import { grabFrames } from '../../main/core/diagnosis/source/grab.ts';
import { table } from '../bench/table.ts';
import { FFMPEG } from '../support/media.ts';
import { CLIPS_DIR } from './clips.ts';

interface Window {
  seconds: number;
  frames: number;
}

const ALL_WINDOWS: readonly Window[] = [
  { seconds: 2, frames: 8 },
  { seconds: 2, frames: 6 },
  { seconds: 2, frames: 5 },
  { seconds: 1.5, frames: 6 },
  { seconds: 1, frames: 4 },
  { seconds: 1, frames: 8 },
];
// WINDOWS=2/8,1/4 measures only those.
const WINDOWS = process.env.WINDOWS
  ? process.env.WINDOWS.split(',').map((w) => ({ seconds: Number(w.split('/')[0]), frames: Number(w.split('/')[1]) }))
  : ALL_WINDOWS;

/** Which of freeze and shake should fire on a clip, from its cached file name (variant-fault-strength-hash.mp4). */
function expected(name: string): { freeze: boolean; shake: boolean; kind: string } | undefined {
  const m = /^(day|night)-(healthy|freeze|shake)(?:-(clear|borderline))?-[0-9a-f]+\.mp4$/.exec(name);
  if (!m) return undefined;
  const kind = m[3] ? `${m[2]}-${m[3]}` : `healthy-${m[1]}`;
  return { freeze: m[2] === 'freeze', shake: m[2] === 'shake', kind };
}

const dir = process.argv[2] ?? CLIPS_DIR;
const clips = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((p) => p.endsWith('.mp4'))
  .flatMap((p) => {
    const e = expected(p.split('/').at(-1)!);
    return e ? [{ path: join(dir, p), ...e }] : [];
  });
if (clips.length === 0) throw new Error(`no freeze, shake or healthy clips in ${dir}: render them with npm run eval first`);

const kinds = [...new Set(clips.map((c) => c.kind))].sort();
const rows: string[][] = [];
for (const w of WINDOWS) {
  const caught = new Map<string, { n: number; freeze: number; shake: number }>();
  let cpuMs = 0;
  for (const clip of clips) {
    const t0 = process.cpuUsage();
    const outcome = await grabFrames({ source: clip.path, mode: 'window', windowSeconds: w.seconds, maxFrames: w.frames, ffmpegPath: FFMPEG });
    cpuMs += (process.cpuUsage(t0).user + process.cpuUsage(t0).system) / 1000;
    const results = outcome.ok ? runChecks(ALL_CHECKS, outcome.frameSet, {}) : [];
    const fired = (type: string) => results.some((r) => r.type === type && r.status !== 'normal');
    const c = caught.get(clip.kind) ?? { n: 0, freeze: 0, shake: 0 };
    c.n++;
    if (fired('freeze')) c.freeze++;
    if (fired('shake')) c.shake++;
    caught.set(clip.kind, c);
  }
  for (const k of kinds) {
    const c = caught.get(k)!;
    rows.push([`${w.seconds} s / ${w.frames} frames`, k, String(c.n), String(c.freeze), String(c.shake)]);
  }
  rows.push(['', '', '', '', '']);
  console.error(`window ${w.seconds} s / ${w.frames} frames done (${clips.length} clips, analysis CPU ${(cpuMs / 1000).toFixed(1)} s)`);
}
console.log(`Freeze and shake verdicts per window (${clips.length} clips from ${dir}): clips of each kind where the check fired`);
console.log(table(['window', 'clips', 'n', 'freeze fired', 'shake fired'], rows));
