import { defineConfig } from 'vitest/config';

/** Unit tests: pure code, no database. API and browser tests have their own configs. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    testTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
