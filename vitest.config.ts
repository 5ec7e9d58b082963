import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/no-leftover-processes.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: ffmpeg-heavy files in parallel would make timeouts flaky.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
