// Dirty lens: veiling glare lifts the whole picture's black level (the dark channel of He et al.:
// clear scenes almost always hold some pixel with a dark channel near 0), and a smudge leaves an
// island of hazy, edgeless blocks inside textured surroundings. Value 0..1 is the stronger one.
//
// A lifted black level alone is also a grey wall, a flat (low-contrast) picture or an exposure
// raised too far. A veil is light scattered in the lens laid over the scene: the picture becomes
// t * scene + (1 - t) * airlight, with a bright airlight (the glow of the scene's own light). With
// the scene's black and white at 0 and 255, the picture's black level B and white level W give
// t = (W - B) / 255 and the airlight A = B / (1 - t). A picture compressed toward mid grey (low
// contrast, a grey wall) has A near 128 and is not veiled; a lifted picture whose highlights clip
// and whose levels keep their span is overexposed (the brightness check's), not veiled.
//
// Scattered light in the lens lies over the whole picture, so it lifts the dark channel in every
// part of it; sky or distant haze lifts it only where the scene is far. The veil's black level is
// therefore the least lifted region's: a part of the picture that still holds dark pixels proves
// no veil lies over it, however much sky surrounds it.
import { DEFAULT_THRESHOLDS } from '../../../../shared/diagnosis/thresholds.ts';
import type { Analyser, Measurement } from './analyser.ts';
import { severityAbove } from '../scoring.ts';
import { largestComponent, type BlockGrid } from '../features/block-grid.ts';
import { round, verdict } from './report.ts';

/** Percentile of the dark channel taken as the frame's black level. */
const BLACK_PERCENTILE = 0.02;
/** Black level still normal for a clear lens, and the span over which the veil grows to 1. */
const CLEAR_BLACK = 20;
const VEIL_SPAN = 200;
/** Regions per side of the coarse grid a veil must lift all of. */
const REGIONS = 4;
/**
 * Share of a region's blocks (each block's darkest cell) below its black level: robust to a
 * speck, yet a few dark blocks are enough to show the region is not veiled.
 */
const REGION_PERCENTILE = 0.1;
/** Percentile of luma taken as the frame's white level. */
const WHITE_PERCENTILE = 0.98;
/** Airlight of a picture compressed toward mid grey (no veil), and the one from which a lift counts fully. */
const GREY_AIRLIGHT = 128;
const BRIGHT_AIRLIGHT = 160;
/** Luma at which highlights clip, and the share of the picture there that makes them clipped. */
const CLIPPED = 250;
const CLIPPED_PERCENTILE = 0.99;
/**
 * Share of the levels (t) a lifted picture with clipped highlights still spans when it was exposed
 * too bright: raised exposure shifts the levels and keeps their span, a veil squeezes them.
 */
const EXPOSED_KEPT = 0.35;
/** A smudge block's dark channel stands this far above the frame's black level. */
const SMUDGE_LIFT = 60;
/** Luma std a veiled block keeps from the blurred scene behind it (flat walls and sky have less). */
const VEILED_STD = 3;
/** A smudge over 15% of the picture is already at the warning threshold 0.3. */
const SMUDGE_WEIGHT = 2;
/** Luma std below which the frame is blank (judged by signal_loss). */
const BLANK_STD = 6;
/**
 * Mean luma above which the picture is overexposed (the platform's default brightness_max): the
 * brightness check reports it, and a lifted black level is then as likely the exposure as a veil.
 */
const OVEREXPOSED_MEAN = DEFAULT_THRESHOLDS.brightness.brightness_max!;

function percentile(histogram: Uint32Array, total: number, q: number): number {
  const target = total * q;
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v]!;
    if (seen > target) return v;
  }
  return histogram.length - 1;
}

/** Black level of the least lifted region of the picture (REGIONS x REGIONS over the block grid). */
function leastLiftedRegion(blockDark: Uint8Array, grid: BlockGrid): number {
  const histogram = new Uint32Array(256);
  let least = 255;
  for (let ry = 0; ry < REGIONS; ry++) {
    const y0 = Math.floor((ry * grid.rows) / REGIONS);
    const y1 = Math.floor(((ry + 1) * grid.rows) / REGIONS);
    for (let rx = 0; rx < REGIONS; rx++) {
      const x0 = Math.floor((rx * grid.cols) / REGIONS);
      const x1 = Math.floor(((rx + 1) * grid.cols) / REGIONS);
      const blocks = (y1 - y0) * (x1 - x0);
      if (blocks === 0) continue;
      histogram.fill(0);
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) histogram[blockDark[y * grid.cols + x]!]!++;
      least = Math.min(least, percentile(histogram, blocks, REGION_PERCENTILE));
    }
  }
  return least;
}

/** The airlight a veil over a full-range scene would need to give black level B and white level W. */
function airlightOf(black: number, white: number): number {
  const kept = (white - black) / 255;
  return kept >= 1 ? 0 : black / (1 - kept);
}

export const lensDirty: Analyser = {
  type: 'lens_dirty',
  need: 'single',
  analyse(input, thresholds): Measurement {
    const features = input.frames.at(-1)!;
    const c = features.colour;
    const g = features.gradients;
    // A blank frame has no black level to lift: that is signal loss, not a veil.
    if (features.luma.std < BLANK_STD) {
      return {
        severity: 0,
        value: 0,
        metrics: { veil: 0, smudge: 0, blankFrame: 1 },
        message: { 'zh-CN': '画面无内容，无法判断镜头脏污', en: 'Blank picture: lens not assessed' },
      };
    }
    if (features.luma.mean > OVEREXPOSED_MEAN) {
      return {
        severity: 0,
        value: 0,
        metrics: { veil: 0, smudge: 0, overexposed: 1 },
        message: { 'zh-CN': '画面过亮，无法判断镜头脏污', en: 'Overexposed picture: lens not assessed' },
      };
    }
    const black = percentile(c.darkHistogram, c.cellCount, BLACK_PERCENTILE);
    const pixels = features.planes.width * features.planes.height;
    const white = percentile(features.luma.histogram, pixels, WHITE_PERCENTILE);
    const clipped = percentile(features.luma.histogram, pixels, CLIPPED_PERCENTILE) >= CLIPPED;
    const regionBlack = leastLiftedRegion(c.blockDark, g.grid);
    const veilBlack = Math.min(black, regionBlack);
    const exposed = clipped && (white - black) / 255 >= EXPOSED_KEPT;
    const airlight = airlightOf(veilBlack, white);
    const bright = exposed ? 0 : Math.min(1, Math.max(0, (airlight - GREY_AIRLIGHT) / (BRIGHT_AIRLIGHT - GREY_AIRLIGHT)));
    const veil = bright * Math.min(1, Math.max(0, (veilBlack - CLEAR_BLACK) / VEIL_SPAN));
    const n = g.grid.cols * g.grid.rows;
    const hazy = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const count = g.blockCount[i]!;
      if (count === 0) continue;
      const mean = g.blockSum[i]! / count;
      const std = Math.sqrt(Math.max(0, g.blockSumSq[i]! / count - mean * mean));
      // Under a smudge the scene shows through blurred: faint structure, but no edges.
      if (c.blockDark[i]! >= black + SMUDGE_LIFT && g.blockEdges[i]! / count < 0.25 * g.edgeDensity && std >= VEILED_STD) hazy[i] = 1;
    }
    // A hazy region reaching the frame border is more likely sky or a plain wall than a smudge.
    const region = largestComponent(hazy, g.grid);
    const smudge = region.touchesBorder ? 0 : Math.min(1, SMUDGE_WEIGHT * (region.size / n));
    const value = Math.max(veil, smudge);
    const severity = severityAbove(value, thresholds.lens_dirty_threshold!, thresholds.lens_dirty_severe_threshold);
    return {
      severity,
      value: round(value),
      metrics: { veil: round(veil), smudge: round(smudge), blackLevel: black, regionBlack, whiteLevel: white, airlight: round(airlight, 1), exposed: exposed ? 1 : 0 },
      message: verdict(
        severity,
        { 'zh-CN': '镜头清洁', en: 'Lens clean' },
        { 'zh-CN': '镜头脏污或起雾（画面发灰）', en: 'Lens dirty or fogged (veiled picture)' },
      ),
    };
  },
};
