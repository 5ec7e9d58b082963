// How much of two frames' luma is the same picture: the Pearson correlation of their pixels. A scene,
// however flat or dim, persists from frame to frame; snow is drawn anew every frame and correlates
// near 0, even once an encoder has smeared it into blotches.
import type { FrameFeatures } from './frame-features.ts';

/** Null when the frames differ in size or either is flat. Every other row is enough. */
export function temporalCorrelation(a: FrameFeatures, b: FrameFeatures): number | null {
  const { width: w, height: h } = a.planes;
  if (b.planes.width !== w || b.planes.height !== h) return null;
  const ga = a.planes.gray;
  const gb = b.planes.gray;
  let sa = 0;
  let sb = 0;
  let saa = 0;
  let sbb = 0;
  let sab = 0;
  let n = 0;
  for (let y = 0; y < h; y += 2) {
    const row = y * w;
    for (let i = row; i < row + w; i++) {
      const x = ga[i]!;
      const z = gb[i]!;
      sa += x;
      sb += z;
      saa += x * x;
      sbb += z * z;
      sab += x * z;
    }
    n += w;
  }
  const va = saa / n - (sa / n) ** 2;
  const vb = sbb / n - (sb / n) ** 2;
  if (va <= 0 || vb <= 0) return null;
  return (sab / n - (sa / n) * (sb / n)) / Math.sqrt(va * vb);
}
