// How dark the brightest part and how bright the darkest part of a picture are: what tells a
// picture that is dark all over from one with a dark region in it, and an IR-lit scene (it has
// highlights) from a picture too dark to show anything.
export interface LumaLevels {
  /** Luma below which 10% of the pixels lie. */
  p10: number;
  /** Luma below which 90% of the pixels lie. */
  p90: number;
  /** Luma below which 95% of the pixels lie: how bright the highlights are. */
  p95: number;
  /** Luma below which 99% of the pixels lie: the brightest part of the scene, even when most of it is hidden. */
  p99: number;
}

function quantile(histogram: ArrayLike<number>, total: number, q: number): number {
  const target = q * total;
  let seen = 0;
  for (let v = 0; v < histogram.length; v++) {
    seen += histogram[v]!;
    if (seen >= target) return v;
  }
  return histogram.length - 1;
}

export function lumaLevels(histogram: ArrayLike<number>): LumaLevels {
  let total = 0;
  for (let v = 0; v < histogram.length; v++) total += histogram[v]!;
  return { p10: quantile(histogram, total, 0.1), p90: quantile(histogram, total, 0.9), p95: quantile(histogram, total, 0.95), p99: quantile(histogram, total, 0.99) };
}
