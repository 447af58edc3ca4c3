import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // e2e tests start real daprd processes; two at a time is what 2 cores carry without timeouts.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60 * 60_000,
    reporters: process.env.CI ? ['default', 'junit', 'json'] : ['default'],
    outputFile: { junit: 'artifacts/vitest-junit.xml', json: 'artifacts/vitest-results.json' },
  },
});
