// Pass 3 over the half-resolution colour cells (cells.ts): CIELab mean and spread, flat areas by
// hue class (solid colour screens), the grey axis histogram (colour cast), the dark channel per
// block (veiling glare) and chroma roughness per block (garbled decode).
import type { Planes } from './planes.ts';
import { cellRow, cellWidth } from './cells.ts';
import type { BlockGrid } from './block-grid.ts';
import { HUE_CLASSES, labTable, type LabTable } from './lab-table.ts';
import { CLIPPED, emptyGreyAxisHistogram, greyAxisBin, NEAR_BLACK, type GreyAxisHistogram } from './grey-axis.ts';

/** Summed RGB step to the right and lower cell at or below which a cell counts as flat. */
const FLAT_STEP = 24;
const ROW_STEP = 2;

export interface ColourStats {
  /** Cells sampled (every other cell row): the denominator of the shares below. */
  cellCount: number;
  meanA: number;
  meanB: number;
  /** sqrt(var a + var b): the spread of the colours around their mean. */
  spread: number;
  /** Flat cells per hue class (HUE_CLASSES chromatic classes, then achromatic). */
  flatByHue: Uint32Array;
  /** Cells that can show a tint, by luma and chroma (grey-axis.ts). */
  greyAxis: GreyAxisHistogram;
  /** Histogram of min(R,G,B) over cells (the pixel-level dark channel). */
  darkHistogram: Uint32Array;
  /** Per block: min over its cells of min(R,G,B), i.e. the dark channel with a block-size patch. */
  blockDark: Uint8Array;
  /** Per block: mean |da|+|db| to the right and lower cell. */
  blockChroma: Float64Array;
}

/** Colour statistics of cell row cy (`cells`, Lab indices `here`) against its lower neighbour row; Lab sums go to acc [a, b, a², b²]. */
function colourRow(
  cells: Uint8Array,
  lower: Uint8Array,
  cw: number,
  cy: number,
  here: Uint16Array,
  below: Uint16Array,
  lab: LabTable,
  stats: ColourStats,
  blockCells: Uint32Array,
  blockCols: number,
  acc: Float64Array,
): void {
  const { a: labA, b: labB, chroma, hue } = lab;
  const { flatByHue, darkHistogram, blockDark, blockChroma } = stats;
  const { count: axisCount, sumA: axisA, sumB: axisB } = stats.greyAxis;
  const blockRow = (cy >> 3) * blockCols;
  let sA = 0;
  let sB = 0;
  let sA2 = 0;
  let sB2 = 0;
  for (let cx = 0, p = 0; cx < cw - 1; cx++, p += 3) {
    const r = cells[p]!;
    const g = cells[p + 1]!;
    const b = cells[p + 2]!;
    const k = here[cx]!;
    const kr = here[cx + 1]!;
    const kd = below[cx]!;
    const a = labA[k]!;
    const bb = labB[k]!;
    sA += a;
    sB += bb;
    sA2 += a * a;
    sB2 += bb * bb;
    const dr = r - cells[p + 3]!;
    const dg = g - cells[p + 4]!;
    const db = b - cells[p + 5]!;
    const ur = r - lower[p]!;
    const ug = g - lower[p + 1]!;
    const ub = b - lower[p + 2]!;
    const step = Math.abs(dr) + Math.abs(dg) + Math.abs(db) + Math.abs(ur) + Math.abs(ug) + Math.abs(ub);
    if (step <= FLAT_STEP) flatByHue[hue[k]!]!++;
    const dark = Math.min(r, g, b);
    darkHistogram[dark]!++;
    const luma = (77 * r + 150 * g + 29 * b + 128) >> 8;
    if (luma >= NEAR_BLACK && r < CLIPPED && g < CLIPPED && b < CLIPPED) {
      const bin = greyAxisBin(luma, chroma[k]!);
      axisCount[bin]!++;
      axisA[bin] = axisA[bin]! + a;
      axisB[bin] = axisB[bin]! + bb;
    }
    const bi = blockRow + (cx >> 3);
    blockDark[bi] = Math.min(dark, blockDark[bi]!);
    const ca = a - labA[kr]!;
    const cb = bb - labB[kr]!;
    const da = a - labA[kd]!;
    const dbb = bb - labB[kd]!;
    blockChroma[bi] = blockChroma[bi]! + Math.abs(ca) + Math.abs(cb) + Math.abs(da) + Math.abs(dbb);
    blockCells[bi]!++;
  }
  acc[0] = acc[0]! + sA;
  acc[1] = acc[1]! + sB;
  acc[2] = acc[2]! + sA2;
  acc[3] = acc[3]! + sB2;
}

export function buildColourStats(planes: Planes, grid: BlockGrid): ColourStats {
  const { width: w, rgb } = planes;
  const cw = cellWidth(w);
  const ch = planes.height >> 1;
  const lab = labTable();
  const nBlocks = grid.cols * grid.rows;
  const stats: ColourStats = {
    cellCount: 1,
    meanA: 0,
    meanB: 0,
    spread: 0,
    flatByHue: new Uint32Array(HUE_CLASSES + 1),
    greyAxis: emptyGreyAxisHistogram(),
    darkHistogram: new Uint32Array(256),
    blockDark: new Uint8Array(nBlocks).fill(255),
    blockChroma: new Float64Array(nBlocks),
  };
  const blockCells = new Uint32Array(nBlocks);
  const acc = new Float64Array(4);
  const cells = new Uint8Array(cw * 3);
  const lower = new Uint8Array(cw * 3);
  const here = new Uint16Array(cw);
  const below = new Uint16Array(cw);
  // Every other cell row is sampled (with its lower neighbour row): means, shares and minima of
  // tens of thousands of cells do not need all of them. Cell rows are built as they are needed, so
  // the cells are never stored as a whole frame.
  let sampled = 0;
  for (let cy = 0; cy < ch - 1; cy += ROW_STEP) {
    cellRow(rgb, w, cy, cells, here);
    cellRow(rgb, w, cy + 1, lower, below);
    colourRow(cells, lower, cw, cy, here, below, lab, stats, blockCells, grid.cols, acc);
    sampled += cw - 1;
  }
  stats.cellCount = Math.max(1, sampled);
  for (let i = 0; i < nBlocks; i++) if (blockCells[i]! > 0) stats.blockChroma[i] = stats.blockChroma[i]! / blockCells[i]!;
  const n = stats.cellCount;
  stats.meanA = acc[0]! / n;
  stats.meanB = acc[1]! / n;
  stats.spread = Math.sqrt(Math.max(0, acc[2]! / n - stats.meanA ** 2) + Math.max(0, acc[3]! / n - stats.meanB ** 2));
  return stats;
}
