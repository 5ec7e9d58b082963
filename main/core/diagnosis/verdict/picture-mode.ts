// Day or night picture: a camera in night mode (IR light, IR-cut filter out) sends a monochrome
// picture, whose colour checks do not apply and whose brightness and noise are judged by night thresholds.
import type { FrameFeatures } from '../features/frame-features.ts';

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
/** Pixels at or beyond these green levels are crushed or clipped: their chroma says nothing. */
const CRUSHED = 2;
const CLIPPED = 253;
/**
 * A pixel whose |R-G| + |B-G| differs from its block's median by more than this varies in colour:
 * a monochrome picture decodes to R = G = B exactly (flat chroma planes code and decode exactly;
 * night clips of the eval: no pixel at all), while a colour sensor's chroma noise that H.264 mostly
 * smoothed away still leaves pixels a level or two off their block's colour.
 */
const CHROMA_STEP = 1;
/**
 * A monochrome picture: at most this share of its pixels varies in colour. A colour sensor keeps
 * chroma noise and colour fringes even on a grey scene (a grey brick wall by day: 16-20% of its
 * pixels after H.264; a dull grey CIF sub-stream, upscaled: over 2% once pixels two levels off count), whereas an IR picture's
 * chroma planes are flat (none, short of where a region's edge meets another tint).
 */
const MONOCHROME_SPREAD = 0.02;
/** Share of pixels that must be neither crushed nor clipped before the chroma spread is trusted. */
const MIN_LIT_SHARE = 0.1;
/** Luma std below which a frame is blank (judged by signal_loss), not a night scene. */
const SCENE_STD = 6;

/** Colour differences R-G and B-G are binned from -REACH to REACH; beyond it a block is plainly coloured, so they are clamped. */
const REACH = 64;
const BINS = 2 * REACH + 1;

interface PictureColour {
  /** Share of all blocks whose level lets them show colour (neither crushed nor clipped). */
  judgedShare: number;
  /** Share of those blocks whose colour is not grey. */
  colouredShare: number;
  /** RMS chroma of those blocks, 0..255: the picture's overall colourfulness, tint included. */
  chroma: number;
}

/** Each block's median R-G and B-G, row-major: what a pixel's colour is compared with. */
interface BlockMedians {
  cols: number;
  rg: Int16Array;
  bg: Int16Array;
}

interface ColourSpread {
  /** Share of sampled pixels neither crushed nor clipped. */
  litShare: number;
  /** Share of those pixels whose colour differs from their block's median colour: chroma noise and colour texture. */
  spread: number;
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
function blockColour(features: FrameFeatures): { colour: PictureColour; medians: BlockMedians } {
  const { width: w, height: h, rgb } = features.planes;
  const cols = Math.ceil(w / BLOCK);
  const medians: BlockMedians = { cols, rg: new Int16Array(cols * Math.ceil(h / BLOCK)), bg: new Int16Array(cols * Math.ceil(h / BLOCK)) };
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
    const end = Math.min(h, by + BLOCK);
    const rows = Math.ceil((end - by) / STEP);
    for (let y = by; y < end; y += STEP) sampleRow(rgb, w, y, levels, rg, bg);
    for (let c = 0; c < cols; c++) {
      const n = rows * Math.ceil((Math.min(w, (c + 1) * BLOCK) - c * BLOCK) / STEP);
      const med = all++;
      medians.rg[med] = median(rg, c * BINS, n);
      medians.bg[med] = median(bg, c * BINS, n);
      const level = levels[c]! / (3 * n);
      if (level < DARKEST_BLOCK || level > BRIGHTEST_BLOCK) continue;
      const chroma = Math.hypot(medians.rg[med]!, medians.bg[med]!);
      blocks++;
      energy += chroma * chroma;
      if (chroma >= COLOURED_CHROMA) coloured++;
    }
  }
  const colour = {
    judgedShare: all > 0 ? blocks / all : 0,
    colouredShare: blocks > 0 ? coloured / blocks : 0,
    chroma: blocks > 0 ? Math.sqrt(energy / blocks) : 0,
  };
  return { colour, medians };
}

/** Counts row y's sampled pixels that are lit, and those whose colour leaves their block's median. */
function spreadRow(rgb: Uint8Array, w: number, y: number, medians: BlockMedians, count: { lit: number; varied: number }): void {
  const first = Math.floor(y / BLOCK) * medians.cols;
  let p = y * w * 3;
  for (let x = 0; x < w; x += STEP, p += 3 * STEP) {
    const g = rgb[p + 1]!;
    if (g <= CRUSHED || g >= CLIPPED) continue;
    const block = first + Math.floor(x / BLOCK);
    count.lit++;
    if (Math.abs(clampReach(rgb[p]! - g) - medians.rg[block]!) + Math.abs(clampReach(rgb[p + 2]! - g) - medians.bg[block]!) > CHROMA_STEP) count.varied++;
  }
}

/**
 * How much the colour varies pixel to pixel around each block's median: a region's constant tint
 * (a filter, a codec's offset) does not count, only variation does.
 */
function colourSpread(features: FrameFeatures, medians: BlockMedians): ColourSpread {
  const { width: w, height: h, rgb } = features.planes;
  const count = { lit: 0, varied: 0 };
  let samples = 0;
  for (let y = 0; y < h; y += STEP) {
    spreadRow(rgb, w, y, medians, count);
    samples += Math.ceil(w / STEP);
  }
  return { litShare: samples > 0 ? count.lit / samples : 0, spread: count.lit > 0 ? count.varied / count.lit : 0 };
}

/**
 * Night: a monochrome picture (its colour does not vary pixel to pixel, no block of real colour,
 * no overall tint) of a scene, not a blank frame. Brightness does not decide: an IR picture may be
 * dim or brightly lit near the illuminator, and a grey scene by day is still seen through a colour
 * sensor, whose chroma noise and fringes remain. A picture almost all crushed or clipped shows too
 * little to tell, and is judged by the day's stricter limits.
 */
export function pictureMode(features: FrameFeatures): PictureMode {
  if (features.luma.std < SCENE_STD) return 'day';
  const { colour, medians } = blockColour(features);
  if (colour.colouredShare > NIGHT_COLOURED_SHARE || colour.chroma > NIGHT_CHROMA) return 'day';
  const { litShare, spread } = colourSpread(features, medians);
  return litShare >= MIN_LIT_SHARE && spread <= MONOCHROME_SPREAD ? 'night' : 'day';
}
