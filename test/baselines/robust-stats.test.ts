import { describe, expect, it } from 'vitest';
import { MAD_TO_SIGMA, median, medianAbsoluteDeviation, robustSpread } from '../../main/core/baselines/robust-stats.ts';

describe('robust statistics', () => {
  it('takes the middle value, or the mean of the two middle ones, whatever the order', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeNaN();
  });

  it('measures the spread by the median absolute deviation, which one wild run does not move', () => {
    const steady = [10, 11, 9, 10, 12, 8, 10];
    expect(medianAbsoluteDeviation(steady)).toBe(1);
    // A standard deviation would jump with the outlier; the MAD stays.
    expect(medianAbsoluteDeviation([...steady, 500])).toBe(1);
    expect(robustSpread(steady)).toBeCloseTo(MAD_TO_SIGMA, 10);
  });

  it('estimates the standard deviation of normally distributed values', () => {
    // Evenly spaced quantiles of N(100, 5): the robust spread must come out near 5.
    const n = 999;
    const values = Array.from({ length: n }, (_, i) => 100 + 5 * inverseNormal((i + 0.5) / n));
    expect(median(values)).toBeCloseTo(100, 6);
    expect(robustSpread(values)).toBeCloseTo(5, 1);
  });

  it('gives no spread for a camera whose value never moved', () => {
    expect(robustSpread([0.31, 0.31, 0.31, 0.31, 0.31])).toBe(0);
  });
});

/** Acklam's rational approximation of the normal quantile; plenty for a test of the 1.4826 factor. */
function inverseNormal(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572];
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  }
  if (p > 1 - low) return -inverseNormal(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
}
