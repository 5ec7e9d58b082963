// CIELab a*, b* and a hue class for every RGB colour quantised to 5 bits per channel, built once
// per process (32768 entries): per-pixel cube roots would cost more than everything else together.
// The quantisation error (a few Lab units) is far below the colour thresholds (20 and more).

/** Chroma (Lab units) below which a colour has no hue class: greys, pale and dark tints. */
const SCREEN_CHROMA = 45;
/** Hue classes of 30 degrees; ACHROMATIC marks colours with too little chroma. */
export const HUE_CLASSES = 12;
export const ACHROMATIC = HUE_CLASSES;

export interface LabTable {
  a: Int8Array;
  b: Int8Array;
  /** Chroma sqrt(a² + b²), rounded, at most 255. */
  chroma: Uint8Array;
  hue: Uint8Array;
}

function linear(v: number): number {
  const c = v / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

function labF(t: number): number {
  return t > 216 / 24389 ? Math.cbrt(t) : (24389 / 27 * t + 16) / 116;
}

function build(): LabTable {
  const a = new Int8Array(32768);
  const b = new Int8Array(32768);
  const chromaOf = new Uint8Array(32768);
  const hue = new Uint8Array(32768);
  const lin = new Float64Array(32);
  for (let q = 0; q < 32; q++) lin[q] = linear(q * 8 + 4);
  for (let r = 0; r < 32; r++) {
    for (let g = 0; g < 32; g++) {
      for (let bl = 0; bl < 32; bl++) {
        const R = lin[r]!;
        const G = lin[g]!;
        const B = lin[bl]!;
        // sRGB (D65) to XYZ, normalised by the D65 white.
        const fx = labF((0.4124 * R + 0.3576 * G + 0.1805 * B) / 0.95047);
        const fy = labF(0.2126 * R + 0.7152 * G + 0.0722 * B);
        const fz = labF((0.0193 * R + 0.1192 * G + 0.9505 * B) / 1.08883);
        const av = 500 * (fx - fy);
        const bv = 200 * (fy - fz);
        const i = (r << 10) | (g << 5) | bl;
        a[i] = Math.max(-128, Math.min(127, Math.round(av)));
        b[i] = Math.max(-128, Math.min(127, Math.round(bv)));
        const chroma = Math.hypot(av, bv);
        chromaOf[i] = Math.min(255, Math.round(chroma));
        const deg = (Math.atan2(bv, av) * 180) / Math.PI + 360;
        hue[i] = chroma < SCREEN_CHROMA ? ACHROMATIC : Math.floor((deg % 360) / 30);
      }
    }
  }
  return { a, b, chroma: chromaOf, hue };
}

let table: LabTable | undefined;

export function labTable(): LabTable {
  table ??= build();
  return table;
}

export function labIndex(r: number, g: number, b: number): number {
  return ((r >> 3) << 10) | ((g >> 3) << 5) | (b >> 3);
}
