import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // These stop the shared RabbitMQ: run alone with `vitest run --config vitest.exclusive.config.ts`.
    exclude: [...configDefaults.exclude, 'test/worker-exclusive/**'],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/no-leftover-processes.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: ffmpeg-heavy files in parallel would make timeouts flaky.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
