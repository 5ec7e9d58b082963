// Pass 1 over the decoded frame: bins it to analysis size and produces the luma plane and its
// row/column projections in one read of the frame (luma from ffmpeg when it sent it, else from the
// RGB). Everything else is derived lazily from these planes, so a window or reference frame that
// only needs luma pays for nothing more.
import type { Frame } from '../frame.ts';
import { binFactor } from './analysis-size.ts';

export interface Planes {
  /** Analysis size (the frame binned by `factor`). */
  width: number;
  height: number;
  factor: number;
  /** Packed RGB at analysis size: the frame itself when factor is 1. Throws on a frame sent as luma alone. */
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
// 2x2 or 3x3 input bytes in one go, with no accumulator row to read back. They take row views,
// so the indices start at 0, which V8 compiles to fewer instructions.
function binRow2(top: Uint8Array, bottom: Uint8Array, out: Uint8Array): void {
  for (let o = 0, p = 0; o < out.length; o += 3, p += 6) {
    out[o] = (top[p]! + top[p + 3]! + bottom[p]! + bottom[p + 3]! + 2) >> 2;
    out[o + 1] = (top[p + 1]! + top[p + 4]! + bottom[p + 1]! + bottom[p + 4]! + 2) >> 2;
    out[o + 2] = (top[p + 2]! + top[p + 5]! + bottom[p + 2]! + bottom[p + 5]! + 2) >> 2;
  }
}

function binRow3(top: Uint8Array, middle: Uint8Array, bottom: Uint8Array, out: Uint8Array): void {
  // sum / 9, rounded: 7282 / 65536 is 1/9 to 1e-5, exact for sums up to 9 * 255.
  for (let o = 0, p = 0; o < out.length; o += 3, p += 9) {
    const red = top[p]! + top[p + 3]! + top[p + 6]! + middle[p]! + middle[p + 3]! + middle[p + 6]! + bottom[p]! + bottom[p + 3]! + bottom[p + 6]!;
    const green = top[p + 1]! + top[p + 4]! + top[p + 7]! + middle[p + 1]! + middle[p + 4]! + middle[p + 7]! + bottom[p + 1]! + bottom[p + 4]! + bottom[p + 7]!;
    const blue = top[p + 2]! + top[p + 5]! + top[p + 8]! + middle[p + 2]! + middle[p + 5]! + middle[p + 8]! + bottom[p + 2]! + bottom[p + 5]! + bottom[p + 8]!;
    out[o] = (red * 7282 + 32768) >> 16;
    out[o + 1] = (green * 7282 + 32768) >> 16;
    out[o + 2] = (blue * 7282 + 32768) >> 16;
  }
}

/** Luma of one row (its packed RGB in src) into gray and the column sums; returns the row's luma sum. */
function lumaRow(src: Uint8Array, w: number, gray: Uint8Array, colSums: Float64Array): number {
  let sum = 0;
  // Luma weights 77/150/29 of 256 are BT.601 (as OpenCV's RGB2GRAY), +half for rounding.
  for (let x = 0, p = 0; x < w; x++, p += 3) {
    const v = (77 * src[p]! + 150 * src[p + 1]! + 29 * src[p + 2]! + 128) >> 8;
    gray[x] = v;
    sum += v;
    colSums[x] = colSums[x]! + v;
  }
  return sum;
}

/** Sums and stores the row's luma projections (for luma that came from ffmpeg); returns the row's sum. */
function sumRow(gray: Uint8Array, colSums: Float64Array): number {
  let sum = 0;
  for (let x = 0; x < gray.length; x++) {
    const v = gray[x]!;
    sum += v;
    colSums[x] = colSums[x]! + v;
  }
  return sum;
}

/** Averages the f x f input pixels of one channel into analysis row y. */
function binGrayRow(input: Uint8Array, W: number, f: number, y: number, out: Uint8Array): void {
  const area = f * f;
  for (let x = 0; x < out.length; x++) {
    let sum = 0;
    for (let dy = 0; dy < f; dy++) {
      const p = (y * f + dy) * W + x * f;
      for (let dx = 0; dx < f; dx++) sum += input[p + dx]!;
    }
    out[x] = (sum / area + 0.5) | 0;
  }
}

function binRgb(input: Uint8Array, W: number, f: number, w: number, h: number): Uint8Array {
  const rgb = new Uint8Array(w * h * 3);
  const acc = new Uint32Array(w * 3);
  const stride = W * 3;
  const inputRow = (row: number): Uint8Array => input.subarray(row * stride, (row + 1) * stride);
  for (let y = 0; y < h; y++) {
    const out = rgb.subarray(y * w * 3, (y + 1) * w * 3);
    if (f === 2) binRow2(inputRow(2 * y), inputRow(2 * y + 1), out);
    else if (f === 3) binRow3(inputRow(3 * y), inputRow(3 * y + 1), inputRow(3 * y + 2), out);
    else {
      binRow(input, W, f, y, w, acc);
      storeRow(acc, f * f, rgb, y * w * 3, w * 3);
    }
  }
  return rgb;
}

export function buildPlanes(frame: Frame): Planes {
  const f = binFactor(frame.width);
  const W = frame.width;
  const w = Math.floor(W / f);
  const h = Math.floor(frame.height / f);
  if (w < 16 || h < 16) throw new Error(`frame too small for analysis: ${frame.width}x${frame.height}`);
  if (!frame.rgb && !frame.gray) throw new Error('frame has neither RGB nor luma');
  if (frame.rgb && frame.rgb.length < frame.width * frame.height * 3) throw new Error('frame buffer shorter than width*height*3');
  if (frame.gray && frame.gray.length < frame.width * frame.height) throw new Error('luma buffer shorter than width*height');
  const rgb = frame.rgb && f > 1 ? binRgb(frame.rgb, W, f, w, h) : frame.rgb;
  // ffmpeg's luma at analysis size is used as it is, like the RGB.
  const given = frame.gray && f === 1 ? frame.gray.subarray(0, w * h) : undefined;
  const gray = given ?? new Uint8Array(w * h);
  const rowMeans = new Float64Array(h);
  const colSums = new Float64Array(w);
  // Row views keep the inner loop's indices from 0, which V8 compiles to fewer instructions.
  for (let y = 0; y < h; y++) {
    const row = gray.subarray(y * w, (y + 1) * w);
    if (frame.gray) {
      if (!given) binGrayRow(frame.gray, W, f, y, row);
      rowMeans[y] = sumRow(row, colSums) / w;
    } else {
      rowMeans[y] = lumaRow(rgb!.subarray(y * w * 3, (y + 1) * w * 3), w, row, colSums) / w;
    }
  }
  const colMeans = colSums.map((s) => s / h);
  return {
    width: w,
    height: h,
    factor: f,
    get rgb(): Uint8Array {
      if (!rgb) throw new Error('this frame was delivered as luma only: its colours are not available (only the newest frame of a window has them)');
      return rgb;
    },
    gray,
    rowMeans,
    colMeans,
  };
}
