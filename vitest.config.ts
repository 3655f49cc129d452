import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/model/**/*.test.ts', 'tests/server/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The JSON report is what `scripts/test-summary.mjs` counts for CI's closing line; the
    // PostgreSQL run names its own file so that it does not overwrite the PGlite run's.
    reporters: ['default', 'json'],
    outputFile: { json: process.env.KYPHOSIM_VITEST_JSON ?? 'test-results/vitest.json' },
  },
});
