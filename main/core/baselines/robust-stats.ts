// Robust location and spread of a camera's recent values: the median and the median absolute
// deviation resist the odd outlier run that a mean and standard deviation would follow.

/** MAD times this estimates the standard deviation of normally distributed values. */
export const MAD_TO_SIGMA = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  // A typed array sorts numerically without a comparator call per pair (several times faster).
  const sorted = Float64Array.from(values).sort();
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median absolute deviation from `center` (the median of `values` when not given). */
export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((v) => Math.abs(v - center)));
}

/** The spread in standard-deviation units: MAD x 1.4826. */
export function robustSpread(values: readonly number[], center = median(values)): number {
  return medianAbsoluteDeviation(values, center) * MAD_TO_SIGMA;
}
