import { defineConfig } from 'vitest/config';

/**
 * API tests against a real database. Embedded: each file opens its own PGlite from the snapshot.
 * Postgres: one shared database, so files run one at a time.
 */
const pg = process.env.TEST_BACKEND === 'postgres';
export default defineConfig({
  test: {
    include: ['tests/api/**/*.test.ts'],
    globalSetup: ['tests/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    maxWorkers: pg ? 1 : 2,
    fileParallelism: !pg,
  },
});
