// Tests that disturb the shared RabbitMQ (stop_app / start_app, broker-wide limits): excluded from the main suite, run
// alone and one file at a time after it: npx vitest run --config vitest.exclusive.config.ts
import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/worker-exclusive/**/*.test.ts'],
    exclude: [...configDefaults.exclude],
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/no-leftover-processes.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxWorkers: 1,
    reporters: ['default'],
  },
});
