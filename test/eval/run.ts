// `npm run eval`: the engine over the whole evaluation corpus. Prints the train, held-out, audit, late-audit and final-audit splits
// and writes the same to test-artifacts/eval/eval.json. Options: --scenes a,b (a subset),
// --split train|held-out|audit|late-audit|final-audit (that split's scenes only), --parallel N (default 2), --out FILE,
// --probe-ffmpeg PATH (grab the clips with another ffmpeg, e.g. Debian's /usr/bin/ffmpeg).
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { corpusClips, HISTORY_RUNS } from './clips.ts';
import { evaluate, type Scores } from './evaluate.ts';
import { renderSplit } from './report.ts';
import { SCENES, SPLITS, type Split } from './scenes.ts';

const { values } = parseArgs({
  options: {
    scenes: { type: 'string' },
    split: { type: 'string' },
    parallel: { type: 'string', default: '2' },
    'probe-ffmpeg': { type: 'string' },
    out: { type: 'string', default: resolve(import.meta.dirname, '../../test-artifacts/eval/eval.json') },
  },
});

const wanted = values.scenes?.split(',').map((s) => s.trim());
const unknown = wanted?.filter((id) => !SCENES.some((s) => s.id === id)) ?? [];
if (unknown.length > 0) {
  console.error(`unknown scene(s): ${unknown.join(', ')}; scenes: ${SCENES.map((s) => s.id).join(', ')}`);
  process.exit(2);
}
if (values.split !== undefined && !SPLITS.includes(values.split as Split)) {
  console.error(`unknown split: ${values.split}; splits: ${SPLITS.join(', ')}`);
  process.exit(2);
}
const scenes = SCENES.filter((s) => (!wanted || wanted.includes(s.id)) && (!values.split || s.split === values.split));
const parallel = Math.max(1, Number(values.parallel) || 2);
const clips = corpusClips(scenes);
const started = performance.now();
const probeFfmpeg = values['probe-ffmpeg'];
const result = await evaluate(clips, { parallel, ...(probeFfmpeg ? { probeFfmpeg } : {}), log: (line) => console.error(line) });
const seconds = Math.round((performance.now() - started) / 100) / 10;

/** Each split's score under its JSON key, in the order they print: one list for both. */
const splitsOf = (s: Scores) => ({ train: s.train, heldOut: s.heldOut, audit: s.audit, lateAudit: s.lateAudit, finalAudit: s.finalAudit });
const rendered = (s: Scores, how: string) => Object.values(splitsOf(s)).filter((x) => x.clips > 0).map((x) => renderSplit(x, how)).join('\n\n');

console.log(`Evaluation: ${scenes.length} scenes, ${clips.length} clips, ${seconds} s\n`);
console.log(rendered(result, 'first run'));
const h = result.withHistory;
console.log(`\n\nWITH HISTORY: each scene's camera first saw ${HISTORY_RUNS} other healthy runs by day and by night, then judged every clip against its learned normal.`);
console.log(`cameras with a trusted normal: day ${h.learned.day.cameras}/${h.learned.day.of}, night ${h.learned.night.cameras}/${h.learned.night.of} (a run with a clear alarm teaches nothing)\n`);
console.log(rendered(h, 'with history'));
const out = values.out;
mkdirSync(dirname(out), { recursive: true });
const clipRows = clips.map((c) => {
  const outcome = result.outcomes.find((o) => o.id === c.id)!;
  const judged = h.outcomes.find((o) => o.id === c.id)!;
  return {
    id: c.id,
    scene: c.scene.id,
    split: c.scene.split,
    variant: c.variant,
    fault: c.fault?.id ?? null,
    strength: c.strength ?? null,
    checks: outcome.checks,
    checksWithHistory: judged.checks,
  };
});
writeFileSync(out, `${JSON.stringify({ seconds, scenes: scenes.map((s) => s.id), ...splitsOf(result), all: result.all, withHistory: { learned: h.learned, ...splitsOf(h), all: h.all }, clips: clipRows }, null, 1)}\n`);
console.log(`\nwritten: ${out}`);
