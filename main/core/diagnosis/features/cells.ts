// Colour at half the analysis resolution (2x2 averages, like 4:2:0 chroma): colour measures need
// no more detail than the codec kept.
import type { Planes } from './planes.ts';

export interface Cells {
  width: number;
  height: number;
  /** Packed RGB, width*height*3. */
  rgb: Uint8Array;
}

function cellRow(src: Uint8Array, p0: number, p1: number, cw: number, cells: Uint8Array, base: number): void {
  for (let c = 0; c < cw * 3; c += 3, p0 += 6, p1 += 6) {
    cells[base + c] = (src[p0]! + src[p0 + 3]! + src[p1]! + src[p1 + 3]! + 2) >> 2;
    cells[base + c + 1] = (src[p0 + 1]! + src[p0 + 4]! + src[p1 + 1]! + src[p1 + 4]! + 2) >> 2;
    cells[base + c + 2] = (src[p0 + 2]! + src[p0 + 5]! + src[p1 + 2]! + src[p1 + 5]! + 2) >> 2;
  }
}

export function buildCells(planes: Planes): Cells {
  const { width: w, rgb } = planes;
  const cw = w >> 1;
  const ch = planes.height >> 1;
  const cells = new Uint8Array(cw * ch * 3);
  for (let cy = 0; cy < ch; cy++) cellRow(rgb, 2 * cy * w * 3, (2 * cy + 1) * w * 3, cw, cells, cy * cw * 3);
  return { width: cw, height: ch, rgb: cells };
}
