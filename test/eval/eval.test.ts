// The evaluation on a bounded part of the corpus (two train scenes and one held-out scene, every
// clip of each): the floors measured with `npm run eval` may not regress. Raise them when a
// measure gets better; never lower them to let a change through.
import { describe, expect, it } from 'vitest';
import { corpusClips } from './clips.ts';
import { evaluate, type Evaluation } from './evaluate.ts';
import { SCENES } from './scenes.ts';
import type { SplitScore } from './score.ts';

const PART = ['hotel', 'desk', 'field'];

interface Floors {
  /** Abnormal rows on the healthy clips (day and night) at most. */
  falseAlarms: number;
  /** Fault clips caught by their own check at least, at clear and at borderline strength. */
  caughtClear: number;
  caughtBorderline: number;
  /** Abnormal rows of other checks on the fault clips at most. */
  collateralRows: number;
}

const FLOORS: Record<'train' | 'heldOut', Floors> = {
  // With one cause per camera (issue 8 item 5) two clear faults are now named by their dominant cause
  // (a near-black picture as a lost signal), and collateral rows fell from 56 to 19. Occlusion judged
  // against the picture's own highlights: no false alarm on the desk at night, collateral 19 -> 17
  // and 29 -> 13; a clear shake explains the soft picture it smears: 17 -> 15 and 13 -> 9; stripes
  // explain the smeared blocks the garbled-picture measure sees: 15 -> 14 and 9 -> 7. Mosaic finds
  // the grid's own period (a CIF pixelation is no 16 px grid at analysis size), a corrupt stream and
  // clear blocking explain what they make other checks see: 14 -> 11 and 7 -> 6, held-out clear
  // 21 -> 23 and borderline 9 -> 10. Clear noise explains the sharpness it buries: 11 -> 9. Colour cast
  // read on the picture's grey axis, a lens veil told from a picture squeezed toward mid grey, and a
  // veil, blur or low contrast naming its consequences: collateral 9 -> 7 and 6 -> 2, clear 44 -> 45.
  // The one floor that went down, held-out borderline 10 -> 9, was a trade made on train alone: the
  // field's borderline cast (tint 21.7) reads like the healthy aloe room's warm light (22.7), and a
  // false alarm on a healthy camera costs more than a borderline catch.
  // Measured again on 2026-11-30 (sharpness on the window's mean, noise in the camera's pixels, a shake
  // explaining grain): no collateral row left on the train part, 7 -> 0.
  // First runs judged as the worker judges them (judge.ts): a warning less than a quarter into the
  // warning band is not raised before the camera's normal is known, as the issue asks ("by a large
  // margin" on first runs). A trade made on the whole train split (clear 222 -> 224 with the dimmed
  // scene told from a lost signal, borderline 109 -> 102, collateral 0.041 -> 0.019 a fault clip):
  // here the hotel's borderline colour cast and brightness are no longer raised on a first run
  // (24 -> 22), and the field's collateral falls 2 -> 1.
  train: { falseAlarms: 0, caughtClear: 45, caughtBorderline: 22, collateralRows: 0 },
  heldOut: { falseAlarms: 0, caughtClear: 23, caughtBorderline: 9, collateralRows: 1 },
};

/**
 * The same clips judged by a camera that learned its normal from HISTORY_RUNS other healthy runs of
 * the scene (history.ts). Day and night are told apart by a monochrome picture, not brightness: the
 * field (a grey scene) no longer learns its night normal from its day runs, false alarms 3 -> 0.
 * A warning by the platform threshold holds the other checks' deviations (the run has its cause):
 * collateral 24 -> 11 and 13 -> 10, one clear fault fewer caught on train (a low contrast whose
 * lens_dirty warning stands, 46 -> 45). Night history runs with their own sensor noise (they had the
 * judged clip's by mistake): 45 -> 44 on train. Mosaic's own period and the corrupt-stream and
 * blocking causes: collateral 11 -> 8 and 10 -> 6, held-out caught 22 -> 23 and 10 -> 11. Clear noise
 * explains the sharpness it buries: 8 -> 6. The colour cast, lens veil and one-cause changes above:
 * clear 44 -> 46 on train. Freeze leaves the camera's normal only below a quarter of it (a colour cast
 * lowers the noise a still scene shows, not its liveness).
 */
const HISTORY_FLOORS: Record<'train' | 'heldOut', Floors> = {
  // 2026-11-30, as above: collateral 5 -> 0 and 6 -> 2, held-out borderline 11 -> 12.
  train: { falseAlarms: 0, caughtClear: 46, caughtBorderline: 26, collateralRows: 0 },
  heldOut: { falseAlarms: 0, caughtClear: 23, caughtBorderline: 12, collateralRows: 2 },
};

function expectFloors(got: Floors, floor: Floors): void {
  const detail = JSON.stringify(got);
  expect(got.falseAlarms, detail).toBeLessThanOrEqual(floor.falseAlarms);
  expect(got.collateralRows, detail).toBeLessThanOrEqual(floor.collateralRows);
  expect(got.caughtClear, detail).toBeGreaterThanOrEqual(floor.caughtClear);
  expect(got.caughtBorderline, detail).toBeGreaterThanOrEqual(floor.caughtBorderline);
}

function summary(s: SplitScore): Floors {
  return { falseAlarms: s.falseAlarms, caughtClear: s.caughtClear.caught, caughtBorderline: s.caughtBorderline.caught, collateralRows: s.collateralRows };
}

describe('evaluation corpus (bounded part)', () => {
  let result: Evaluation;

  it('renders and diagnoses every clip of the part', { timeout: 900_000 }, async () => {
    const clips = corpusClips(SCENES.filter((s) => PART.includes(s.id)));
    result = await evaluate(clips, { parallel: 2 });
    expect(result.outcomes).toHaveLength(clips.length);
    // Every clip decodes: a grab failure would hide what the analysers do.
    expect(result.outcomes.filter((o) => !o.grabbed && !o.id.includes('corrupt')).map((o) => o.id)).toEqual([]);
  });

  for (const split of ['train', 'heldOut'] as const) {
    it(`${split}, first run: no more false alarms or collateral rows, no fewer faults caught than measured`, () => {
      expectFloors(summary(result[split]), FLOORS[split]);
    });

    it(`${split}, with history: no more false alarms or collateral rows, no fewer faults caught than measured`, () => {
      expectFloors(summary(result.withHistory[split]), HISTORY_FLOORS[split]);
    });
  }
});
