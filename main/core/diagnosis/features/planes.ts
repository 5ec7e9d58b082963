// Pass 1 over the decoded RGB frame: bins it to analysis size and produces the luma plane and its
// row/column projections in one read of the frame. Everything else is derived lazily from these
// planes, so a window or reference frame that only needs luma pays for nothing more.
import type { Frame } from '../frame.ts';
import { binFactor } from './analysis-size.ts';

export interface Planes {
  /** Analysis size (the frame binned by `factor`). */
  width: number;
  height: number;
  factor: number;
  /** Packed RGB at analysis size: the frame itself when factor is 1. */
  rgb: Uint8Array;
  /** BT.601 luma, 0..255, width*height. */
  gray: Uint8Array;
  /** Mean luma of each row / column (gray projections for shake and stripe). */
  rowMeans: Float64Array;
  colMeans: Float64Array;
}

// The per-row work lives in small functions: V8 optimises a function called for every row far
// better than one long loop nest entered once per frame (on-stack replacement keeps deoptimising).

/** Sums the f x f input pixels of analysis row y into acc (R, G, B per analysis pixel). */
function binRow(rgb: Uint8Array, W: number, f: number, y: number, w: number, acc: Uint32Array): void {
  acc.fill(0);
  for (let dy = 0; dy < f; dy++) {
    let p = (y * f + dy) * W * 3;
    for (let i = 0; i < w * 3; i += 3) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dx = 0; dx < f; dx++, p += 3) {
        r += rgb[p]!;
        g += rgb[p + 1]!;
        b += rgb[p + 2]!;
      }
      acc[i] = acc[i]! + r;
      acc[i + 1] = acc[i + 1]! + g;
      acc[i + 2] = acc[i + 2]! + b;
    }
  }
}

/** Stores the binned row as averaged RGB at analysis size. */
function storeRow(acc: Uint32Array, area: number, rgb: Uint8Array, p: number, n: number): void {
  const scale = 1 / area;
  for (let i = 0; i < n; i++) rgb[p + i] = (acc[i]! * scale + 0.5) | 0;
}

// Unrolled for the common factors (1280 and 1920 wide): each output byte is summed from its
// 2x2 or 3x3 input bytes in one go, with no accumulator row to read back.
function binRow2(src: Uint8Array, p: number, stride: number, n: number, out: Uint8Array, o: number): void {
  const q = p + stride;
  for (let i = 0, k = 0; i < n; i += 3, k += 6, o += 3) {
    out[o] = (src[p + k]! + src[p + k + 3]! + src[q + k]! + src[q + k + 3]! + 2) >> 2;
    out[o + 1] = (src[p + k + 1]! + src[p + k + 4]! + src[q + k + 1]! + src[q + k + 4]! + 2) >> 2;
    out[o + 2] = (src[p + k + 2]! + src[p + k + 5]! + src[q + k + 2]! + src[q + k + 5]! + 2) >> 2;
  }
}

function binRow3(src: Uint8Array, p: number, stride: number, n: number, out: Uint8Array, o: number): void {
  const q = p + stride;
  const r = q + stride;
  for (let i = 0, k = 0; i < n; i += 3, k += 9, o += 3) {
    for (let c = 0; c < 3; c++) {
      const j = k + c;
      const sum = src[p + j]! + src[p + j + 3]! + src[p + j + 6]! + src[q + j]! + src[q + j + 3]! + src[q + j + 6]! + src[r + j]! + src[r + j + 3]! + src[r + j + 6]!;
      // sum / 9, rounded: 7282 / 65536 is 1/9 to 1e-5, exact for sums up to 9 * 255.
      out[o + c] = (sum * 7282 + 32768) >> 16;
    }
  }
}

/** Luma of row y of the analysis-size RGB into gray and the column sums; returns the row's luma sum. */
function lumaRow(rgb: Uint8Array, w: number, y: number, gray: Uint8Array, colSums: Float64Array): number {
  const row = y * w;
  let sum = 0;
  // Luma weights 77/150/29 of 256 are BT.601 (as OpenCV's RGB2GRAY), +half for rounding.
  for (let x = 0, p = row * 3; x < w; x++, p += 3) {
    const v = (77 * rgb[p]! + 150 * rgb[p + 1]! + 29 * rgb[p + 2]! + 128) >> 8;
    gray[row + x] = v;
    sum += v;
    colSums[x] = colSums[x]! + v;
  }
  return sum;
}

export function buildPlanes(frame: Frame): Planes {
  const f = binFactor(frame.width);
  const W = frame.width;
  const w = Math.floor(W / f);
  const h = Math.floor(frame.height / f);
  if (w < 16 || h < 16) throw new Error(`frame too small for analysis: ${frame.width}x${frame.height}`);
  if (frame.rgb.length < frame.width * frame.height * 3) throw new Error('frame buffer shorter than width*height*3');
  let rgb = frame.rgb;
  if (f > 1) {
    rgb = new Uint8Array(w * h * 3);
    const acc = new Uint32Array(w * 3);
    const stride = W * 3;
    for (let y = 0; y < h; y++) {
      if (f === 2) binRow2(frame.rgb, 2 * y * stride, stride, w * 3, rgb, y * w * 3);
      else if (f === 3) binRow3(frame.rgb, 3 * y * stride, stride, w * 3, rgb, y * w * 3);
      else {
        binRow(frame.rgb, W, f, y, w, acc);
        storeRow(acc, f * f, rgb, y * w * 3, w * 3);
      }
    }
  }
  const gray = new Uint8Array(w * h);
  const rowMeans = new Float64Array(h);
  const colSums = new Float64Array(w);
  for (let y = 0; y < h; y++) rowMeans[y] = lumaRow(rgb, w, y, gray, colSums) / w;
  const colMeans = colSums.map((s) => s / h);
  return { width: w, height: h, factor: f, rgb, gray, rowMeans, colMeans };
}
