// The coarse grid that region checks (occlusion, lens_dirty, flower_screen) reason on:
// 16x16 analysis pixels per block, which is 8x8 colour cells.
export const BLOCK = 16;

export interface BlockGrid {
  cols: number;
  rows: number;
}

export function blockGrid(width: number, height: number): BlockGrid {
  return { cols: Math.ceil(width / BLOCK), rows: Math.ceil(height / BLOCK) };
}

/**
 * Size of the largest 4-connected set of marked blocks, and whether any of its blocks lies on the
 * frame border.
 */
export function largestComponent(marked: Uint8Array, grid: BlockGrid): { size: number; touchesBorder: boolean } {
  const { cols, rows } = grid;
  const label = new Int32Array(cols * rows).fill(-1);
  const stack = new Int32Array(cols * rows);
  let best = 0;
  let bestBorder = false;
  for (let start = 0; start < cols * rows; start++) {
    if (marked[start] === 0 || label[start] !== -1) continue;
    let top = 0;
    stack[top++] = start;
    label[start] = start;
    let size = 0;
    let border = false;
    while (top > 0) {
      const i = stack[--top]!;
      size++;
      const x = i % cols;
      const y = (i - x) / cols;
      if (x === 0 || y === 0 || x === cols - 1 || y === rows - 1) border = true;
      for (let k = 0; k < 4; k++) {
        const n = k === 0 ? (x > 0 ? i - 1 : -1) : k === 1 ? (x < cols - 1 ? i + 1 : -1) : k === 2 ? (y > 0 ? i - cols : -1) : y < rows - 1 ? i + cols : -1;
        if (n >= 0 && marked[n] !== 0 && label[n] === -1) {
          label[n] = start;
          stack[top++] = n;
        }
      }
    }
    if (size > best) {
      best = size;
      bestBorder = border;
    }
  }
  return { size: best, touchesBorder: bestBorder };
}
