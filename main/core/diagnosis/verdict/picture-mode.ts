// Day or night picture: a camera in night mode (IR light, IR-cut filter out) sends a grey picture,
// whose colour checks do not apply and whose brightness and noise are judged by night thresholds.
import type { FrameFeatures } from '../features/frame-features.ts';

export type PictureMode = 'day' | 'night';

/** Block side in analysis pixels: averaging a block cancels chroma noise, real colour stays. */
const BLOCK = 32;
/** Pixels sampled per block side (every other row and column). */
const STEP = 2;
/** Block chroma (max-min of the block's mean R, G, B) from which a block shows colour. */
const COLOURED_CHROMA = 8;
/** Blocks darker or brighter than this (mean of R, G, B) show no reliable colour: noise clips there. */
const DARKEST_BLOCK = 24;
const BRIGHTEST_BLOCK = 200;
/** A night picture: at most this share of blocks (two or three at 640x360) shows colour, and the mean block chroma stays below the next. */
const NIGHT_COLOURED_SHARE = 0.01;
const NIGHT_MEAN_CHROMA = 4;
/** Share of blocks that must show reliable colour before a picture can be called grey. */
const MIN_JUDGED_SHARE = 0.25;
/** Luma std below which a frame is blank (judged by signal_loss), not a night scene. */
const SCENE_STD = 6;
/** Mean luma above which a grey picture is a lit (day) scene: IR pictures are not that bright. */
const NIGHT_MAX_MEAN = 170;

export interface PictureColour {
  /** Share of all blocks whose level lets them show colour (neither crushed nor clipped). */
  judgedShare: number;
  /** Share of those blocks whose mean colour is not grey. */
  colouredShare: number;
  /** Mean over blocks of the block's chroma (max-min of its mean R, G, B), 0..255. */
  meanChroma: number;
}

/** Sums every STEP-th pixel of row y into the block sums of its block row. */
function sumRow(rgb: Uint8Array, w: number, y: number, sums: Float64Array): void {
  let p = y * w * 3;
  for (let x = 0; x < w; x += STEP, p += 3 * STEP) {
    const i = Math.floor(x / BLOCK) * 4;
    sums[i] = sums[i]! + rgb[p]!;
    sums[i + 1] = sums[i + 1]! + rgb[p + 1]!;
    sums[i + 2] = sums[i + 2]! + rgb[p + 2]!;
    sums[i + 3] = sums[i + 3]! + 1;
  }
}

/** How much colour the picture holds, from block means (noise in the chroma averages out). */
export function pictureColour(features: FrameFeatures): PictureColour {
  const { width: w, height: h, rgb } = features.planes;
  const cols = Math.ceil(w / BLOCK);
  const sums = new Float64Array(cols * 4);
  let all = 0;
  let blocks = 0;
  let coloured = 0;
  let chromaSum = 0;
  for (let by = 0; by < h; by += BLOCK) {
    sums.fill(0);
    for (let y = by; y < Math.min(h, by + BLOCK); y += STEP) sumRow(rgb, w, y, sums);
    for (let i = 0; i < sums.length; i += 4) {
      const n = sums[i + 3]!;
      if (n === 0) continue;
      const r = sums[i]! / n;
      const g = sums[i + 1]! / n;
      const b = sums[i + 2]! / n;
      all++;
      const level = (r + g + b) / 3;
      if (level < DARKEST_BLOCK || level > BRIGHTEST_BLOCK) continue;
      const chroma = Math.max(r, g, b) - Math.min(r, g, b);
      blocks++;
      chromaSum += chroma;
      if (chroma >= COLOURED_CHROMA) coloured++;
    }
  }
  return {
    judgedShare: all > 0 ? blocks / all : 0,
    colouredShare: blocks > 0 ? coloured / blocks : 0, meanChroma: blocks > 0 ? chromaSum / blocks : 0,
  };
}

/**
 * Night: grey everywhere (no block of real colour, no overall tint), yet a scene (not a blank
 * frame) and not a brightly lit one. A grey day scene keeps some colour somewhere: a car, a sign,
 * foliage, the white balance's tint.
 */
export function pictureMode(features: FrameFeatures): PictureMode {
  const { mean, std } = features.luma;
  if (std < SCENE_STD || mean > NIGHT_MAX_MEAN) return 'day';
  const colour = pictureColour(features);
  const grey = colour.judgedShare >= MIN_JUDGED_SHARE && colour.colouredShare <= NIGHT_COLOURED_SHARE;
  return grey && colour.meanChroma <= NIGHT_MEAN_CHROMA ? 'night' : 'day';
}
