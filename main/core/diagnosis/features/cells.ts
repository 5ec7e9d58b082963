// Colour at half the analysis resolution (2x2 averages, like 4:2:0 chroma): colour measures need
// no more detail than the codec kept. Built a row at a time, as the colour pass consumes it, with
// each cell's Lab table index while its RGB is at hand.
import { labIndex } from './lab-table.ts';

/** Width of a cell row (cells) for a plane of the given width. */
export function cellWidth(width: number): number {
  return width >> 1;
}

/** Cell row cy of the packed RGB plane (width w): packed RGB into out, Lab table indices into index. */
export function cellRow(rgb: Uint8Array, w: number, cy: number, out: Uint8Array, index: Uint16Array): void {
  const n = cellWidth(w) * 3;
  let p0 = 2 * cy * w * 3;
  let p1 = p0 + w * 3;
  for (let c = 0, x = 0; c < n; c += 3, x++, p0 += 6, p1 += 6) {
    const r = (rgb[p0]! + rgb[p0 + 3]! + rgb[p1]! + rgb[p1 + 3]! + 2) >> 2;
    const g = (rgb[p0 + 1]! + rgb[p0 + 4]! + rgb[p1 + 1]! + rgb[p1 + 4]! + 2) >> 2;
    const b = (rgb[p0 + 2]! + rgb[p0 + 5]! + rgb[p1 + 2]! + rgb[p1 + 5]! + 2) >> 2;
    out[c] = r;
    out[c + 1] = g;
    out[c + 2] = b;
    index[x] = labIndex(r, g, b);
  }
}
