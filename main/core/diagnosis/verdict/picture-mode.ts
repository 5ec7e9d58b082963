// Day or night picture: a camera in night mode (IR light, IR-cut filter out) sends a grey picture,
// whose colour checks do not apply and whose brightness and noise are judged by night thresholds.
import type { FrameFeatures } from '../features/frame-features.ts';
import { lumaLevels } from './luma-levels.ts';

export type PictureMode = 'day' | 'night';

/** Block side in analysis pixels: a block's median colour is what it shows. */
const BLOCK = 32;
/** Every other row and column is sampled: 256 samples a block. */
const STEP = 2;
/** Block chroma (length of the block's median (R-G, B-G)) from which a block shows colour. */
const COLOURED_CHROMA = 12;
/** Blocks darker or brighter than this (mean of R, G, B) show no reliable colour. */
const DARKEST_BLOCK = 24;
const BRIGHTEST_BLOCK = 200;
/** A night picture: at most this share of blocks (two at 640x360) shows colour, and its overall chroma stays below the next. */
const NIGHT_COLOURED_SHARE = 0.01;
const NIGHT_CHROMA = 4;
/** Share of blocks that must show reliable colour before a picture can be called grey. */
const MIN_JUDGED_SHARE = 0.25;
/** Luma std below which a frame is blank (judged by signal_loss), not a night scene. */
const SCENE_STD = 6;
/** Mean luma above which a grey picture is a lit (day) scene: IR pictures are not that bright. */
const NIGHT_MAX_MEAN = 170;
/** An IR illuminator lights what is near: a night scene's brightest 5% reach at least this. */
const NIGHT_MIN_HIGHLIGHT = 64;

/** Colour differences R-G and B-G are binned from -REACH to REACH; beyond it a block is plainly coloured, so they are clamped. */
const REACH = 64;
const BINS = 2 * REACH + 1;

export interface PictureColour {
  /** Share of all blocks whose level lets them show colour (neither crushed nor clipped). */
  judgedShare: number;
  /** Share of those blocks whose colour is not grey. */
  colouredShare: number;
  /** RMS chroma of those blocks, 0..255: the picture's overall colourfulness, tint included. */
  chroma: number;
}

function clampReach(d: number): number {
  return d < -REACH ? -REACH : d > REACH ? REACH : d;
}

/** The median of a block's colour difference, from its histogram of `count` samples. */
function median(histogram: Uint16Array, offset: number, count: number): number {
  const half = count / 2;
  let seen = 0;
  for (let v = 0; v < BINS; v++) {
    seen += histogram[offset + v]!;
    if (seen >= half) return v - REACH;
  }
  return 0;
}

/** Adds every STEP-th pixel of row y to its block's level sum and colour-difference histograms. */
function sampleRow(rgb: Uint8Array, w: number, y: number, levels: Float64Array, rg: Uint16Array, bg: Uint16Array): void {
  let p = y * w * 3;
  for (let x = 0; x < w; x += STEP, p += 3 * STEP) {
    const r = rgb[p]!;
    const g = rgb[p + 1]!;
    const b = rgb[p + 2]!;
    const block = Math.floor(x / BLOCK);
    levels[block] = levels[block]! + r + g + b;
    rg[block * BINS + clampReach(r - g) + REACH]!++;
    bg[block * BINS + clampReach(b - g) + REACH]!++;
  }
}

/**
 * How much colour the picture holds, from each block's median colour difference: the median
 * ignores chroma noise, and the values a dark or bright pixel's noise clips at 0 or 255, which a
 * mean would count as colour.
 */
export function pictureColour(features: FrameFeatures): PictureColour {
  const { width: w, height: h, rgb } = features.planes;
  const cols = Math.ceil(w / BLOCK);
  const levels = new Float64Array(cols);
  const rg = new Uint16Array(cols * BINS);
  const bg = new Uint16Array(cols * BINS);
  let all = 0;
  let blocks = 0;
  let coloured = 0;
  let energy = 0;
  for (let by = 0; by < h; by += BLOCK) {
    levels.fill(0);
    rg.fill(0);
    bg.fill(0);
    const rows = Math.ceil((Math.min(h, by + BLOCK) - by) / STEP);
    for (let y = by; y < Math.min(h, by + BLOCK); y += STEP) sampleRow(rgb, w, y, levels, rg, bg);
    for (let c = 0; c < cols; c++) {
      const n = rows * Math.ceil((Math.min(w, (c + 1) * BLOCK) - c * BLOCK) / STEP);
      all++;
      const level = levels[c]! / (3 * n);
      if (level < DARKEST_BLOCK || level > BRIGHTEST_BLOCK) continue;
      const chroma = Math.hypot(median(rg, c * BINS, n), median(bg, c * BINS, n));
      blocks++;
      energy += chroma * chroma;
      if (chroma >= COLOURED_CHROMA) coloured++;
    }
  }
  return {
    judgedShare: all > 0 ? blocks / all : 0,
    colouredShare: blocks > 0 ? coloured / blocks : 0,
    chroma: blocks > 0 ? Math.sqrt(energy / blocks) : 0,
  };
}

/**
 * Night: grey everywhere (no block of real colour, no overall tint), yet a scene (not a blank
 * frame) with lit highlights, and not a brightly lit one. A grey day scene keeps some colour
 * somewhere: a car, a sign, foliage, the white balance's tint. A picture too dark to show colour
 * is not called night: it is judged by the day's stricter limits.
 */
export function pictureMode(features: FrameFeatures): PictureMode {
  const { mean, std, histogram } = features.luma;
  if (std < SCENE_STD || mean > NIGHT_MAX_MEAN || lumaLevels(histogram).p95 < NIGHT_MIN_HIGHLIGHT) return 'day';
  const colour = pictureColour(features);
  const grey = colour.judgedShare >= MIN_JUDGED_SHARE && colour.colouredShare <= NIGHT_COLOURED_SHARE;
  return grey && colour.chroma <= NIGHT_CHROMA ? 'night' : 'day';
}
