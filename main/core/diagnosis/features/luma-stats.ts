// Statistics of the luma plane for the newest frame's checks: histogram, mean and spread, and
// the step profiles that reveal a block grid.
import type { Planes } from './planes.ts';

export interface LumaStats {
  histogram: Uint32Array;
  mean: number;
  std: number;
  /**
   * Mean |I(x)-I(x-1)| down each column (over the even rows) and mean |I(y)-I(y-1)| along each
   * row: the block-boundary profiles.
   */
  columnSteps: Float64Array;
  rowSteps: Float64Array;
}

/** Row y's pixels into the histogram and, on even rows, the column steps; returns the row's summed step to the row above. */
function statisticsRow(gray: Uint8Array, w: number, y: number, histogram: Int32Array, columnSteps: Int32Array): number {
  const row = y * w;
  // The first row has no row above: it is compared with itself, which adds nothing.
  const up = y > 0 ? row - w : row;
  let step = 0;
  if ((y & 1) === 0) {
    let left = gray[row]!;
    for (let x = 0; x < w; x++) {
      const v = gray[row + x]!;
      histogram[v]!++;
      columnSteps[x] = columnSteps[x]! + Math.abs(v - left);
      step += Math.abs(v - gray[up + x]!);
      left = v;
    }
  } else {
    for (let x = 0; x < w; x++) {
      const v = gray[row + x]!;
      histogram[v]!++;
      step += Math.abs(v - gray[up + x]!);
    }
  }
  return step;
}

export function buildLumaStats(planes: Planes): LumaStats {
  const { width: w, height: h, gray } = planes;
  // Counts and step sums are integers: exact, and cheaper to update in integer arrays.
  const histogram = new Int32Array(256);
  const steps = new Int32Array(w);
  const rowSteps = new Float64Array(h);
  for (let y = 0; y < h; y++) rowSteps[y] = statisticsRow(gray, w, y, histogram, steps) / w;
  const evenRows = (h + 1) >> 1;
  const columnSteps = new Float64Array(w);
  for (let x = 0; x < w; x++) columnSteps[x] = steps[x]! / evenRows;
  const stats: LumaStats = { histogram: new Uint32Array(histogram), mean: 0, std: 0, columnSteps, rowSteps };
  let sum = 0;
  let sumSq = 0;
  for (let v = 0; v < 256; v++) {
    const n = stats.histogram[v]!;
    sum += n * v;
    sumSq += n * v * v;
  }
  const count = w * h;
  stats.mean = sum / count;
  stats.std = Math.sqrt(Math.max(0, sumSq / count - stats.mean * stats.mean));
  return stats;
}
