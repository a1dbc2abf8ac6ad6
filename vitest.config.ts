import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['node_modules/**'],
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // Integration files each make their own database and queue prefix, so they can run in parallel;
    // two forks match the machine's two cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
