// Whether a window's colour frame is the luma frame it is paired with: the two pipes carry the same
// picture, so their lumas agree within ffmpeg's rounding.

/** Share of pixels whose luma computed from `rgb` (BT.601) is more than one level off `gray`. */
export function lumaMismatch(rgb: Uint8Array, gray: Uint8Array): number {
  let off = 0;
  for (let i = 0; i < gray.length; i++) {
    const y = (77 * rgb[3 * i]! + 150 * rgb[3 * i + 1]! + 29 * rgb[3 * i + 2]! + 128) >> 8;
    if (Math.abs(y - gray[i]!) > 1) off++;
  }
  return off / gray.length;
}
