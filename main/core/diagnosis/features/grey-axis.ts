// The tint of a picture's grey axis: what a colour cast is, as opposed to colourful content. A
// warm table or a green plant colours the picture's mean, but the scene's shadows and highlights
// stay near neutral (black and white things under the same light); a cast tints them too. So the
// grey axis is read at both ends of the tonal range: among the darkest and among the brightest
// cells, the least saturated ones are the scene's nearest-to-neutral surfaces, and their mean
// a*b* is the tint the camera gives them. Clipped cells (a channel at the sensor's limit) and
// near-black ones cannot show a tint and are left out.
//
// The colour pass fills a histogram over (luma, chroma) with the a*b* sums of each bin, so the
// ends and their least saturated share are read afterwards without a second pass over the cells.

/** Luma bins of 4 levels, chroma bins of 2 Lab units (the last one holds everything above). */
export const LUMA_BINS = 64;
export const CHROMA_BINS = 32;
/** A cell with a channel at or above this is clipped: its colour is the sensor's limit, not the light's. */
export const CLIPPED = 250;
/** Below this luma a cell is too dark to show a tint. */
export const NEAR_BLACK = 8;

/** Share of the measurable cells taken as the dark end and as the bright end. */
const END_SHARE = 0.2;
/** Share of an end's cells, least saturated first, taken as its neutral surfaces. */
const NEUTRAL_SHARE = 0.25;
/** Fewer measurable cells than this share of the picture: no grey axis to read (blank or clipped picture). */
const MIN_MEASURABLE = 0.02;

export interface GreyAxisHistogram {
  /** Per (luma bin * CHROMA_BINS + chroma bin): cells, and their summed a* and b* (integers: exact, and cheaper to add). */
  count: Uint32Array;
  sumA: Int32Array;
  sumB: Int32Array;
}

export function emptyGreyAxisHistogram(): GreyAxisHistogram {
  const n = LUMA_BINS * CHROMA_BINS;
  return { count: new Uint32Array(n), sumA: new Int32Array(n), sumB: new Int32Array(n) };
}

export function greyAxisBin(luma: number, chroma: number): number {
  return (luma >> 2) * CHROMA_BINS + Math.min(CHROMA_BINS - 1, chroma >> 1);
}

export interface Tint {
  a: number;
  b: number;
}

/** Mean a*b* of the least saturated NEUTRAL_SHARE of the cells in luma bins [from, to). */
function endTint(h: GreyAxisHistogram, from: number, to: number): Tint {
  const count = new Float64Array(CHROMA_BINS);
  const sumA = new Float64Array(CHROMA_BINS);
  const sumB = new Float64Array(CHROMA_BINS);
  let cells = 0;
  for (let l = from; l < to; l++) {
    for (let c = 0, i = l * CHROMA_BINS; c < CHROMA_BINS; c++, i++) {
      count[c] = count[c]! + h.count[i]!;
      sumA[c] = sumA[c]! + h.sumA[i]!;
      sumB[c] = sumB[c]! + h.sumB[i]!;
      cells += h.count[i]!;
    }
  }
  let n = 0;
  let a = 0;
  let b = 0;
  for (let c = 0; c < CHROMA_BINS && n < NEUTRAL_SHARE * cells; c++) {
    n += count[c]!;
    a += sumA[c]!;
    b += sumB[c]!;
  }
  return n > 0 ? { a: a / n, b: b / n } : { a: 0, b: 0 };
}

/**
 * The grey axis tint: the mean of the dark end's and the bright end's neutral tints, so a tint
 * counts fully only when both ends carry it. Undefined when too few cells can show a tint.
 */
export function greyAxisTint(h: GreyAxisHistogram, cellCount: number): Tint | undefined {
  const perLuma = new Float64Array(LUMA_BINS);
  let total = 0;
  for (let l = 0; l < LUMA_BINS; l++) {
    for (let c = 0, i = l * CHROMA_BINS; c < CHROMA_BINS; c++, i++) perLuma[l] = perLuma[l]! + h.count[i]!;
    total += perLuma[l]!;
  }
  if (total < MIN_MEASURABLE * cellCount) return undefined;
  let darkEnd = 0;
  for (let seen = 0; darkEnd < LUMA_BINS && seen < END_SHARE * total; darkEnd++) seen += perLuma[darkEnd]!;
  let brightStart = LUMA_BINS;
  for (let seen = 0; brightStart > 0 && seen < END_SHARE * total; ) seen += perLuma[--brightStart]!;
  const dark = endTint(h, 0, darkEnd);
  const bright = endTint(h, brightStart, LUMA_BINS);
  return { a: (dark.a + bright.a) / 2, b: (dark.b + bright.b) / 2 };
}
