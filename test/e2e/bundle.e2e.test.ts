// The production renderer bundle: its size as served (and gzipped), printed for the record.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const ASSETS = resolve(import.meta.dirname, '../../dist/renderer/assets');

describe('production bundle', () => {
  it('measures dist/renderer/assets', () => {
    expect(existsSync(ASSETS), 'build the renderer first: npm run build (or npx vite build)').toBe(true);
    const files = readdirSync(ASSETS).filter((f) => statSync(join(ASSETS, f)).isFile());
    let total = 0;
    let gzip = 0;
    for (const f of files) {
      const bytes = readFileSync(join(ASSETS, f));
      total += bytes.length;
      gzip += gzipSync(bytes).length;
    }
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
    console.log(`e2e: production bundle: ${kb(total)} (${kb(gzip)} gzip) across ${files.length} files`);
    expect(files.length).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(0);
    expect(gzip).toBeGreaterThan(0);
    expect(gzip).toBeLessThan(total);
  });
});
