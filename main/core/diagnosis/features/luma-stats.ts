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

function statisticsRow(gray: Uint8Array, w: number, y: number, stats: LumaStats): void {
  const { histogram, columnSteps } = stats;
  const row = y * w;
  if ((y & 1) === 0) {
    let left = gray[row]!;
    for (let x = 0; x < w; x++) {
      const v = gray[row + x]!;
      histogram[v]!++;
      columnSteps[x] = columnSteps[x]! + Math.abs(v - left);
      left = v;
    }
  } else {
    for (let x = 0; x < w; x++) histogram[gray[row + x]!]!++;
  }
  if (y > 0) {
    const up = row - w;
    let step = 0;
    for (let x = 0; x < w; x++) step += Math.abs(gray[row + x]! - gray[up + x]!);
    stats.rowSteps[y] = step / w;
  }
}

export function buildLumaStats(planes: Planes): LumaStats {
  const { width: w, height: h, gray } = planes;
  const stats: LumaStats = { histogram: new Uint32Array(256), mean: 0, std: 0, columnSteps: new Float64Array(w), rowSteps: new Float64Array(h) };
  for (let y = 0; y < h; y++) statisticsRow(gray, w, y, stats);
  const evenRows = (h + 1) >> 1;
  for (let x = 0; x < w; x++) stats.columnSteps[x] = stats.columnSteps[x]! / evenRows;
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
