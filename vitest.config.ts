import { defineConfig } from 'vitest/config';
import { hookBudgetMs } from './test/helpers/hook-budget.ts';

// `vitest -u` is seen only here, in the main process (workers do not get the flag): hand it to
// the e2e tests, which then accept new goldens, as snapshot tests would.
const update = process.argv.some((a) => a === '-u' || a === '--update');

export default defineConfig({
  test: {
    env: { PARITY_VITEST_UPDATE: update ? '1' : '' },
    include: ['test/**/*.test.ts'],
    // A temp folder, cache and process mark per run; fails the run when a test (or a harness
    // child) leaves a parity-* temp folder or a marked process behind.
    globalSetup: ['test/global/run-isolation.ts'],
    // e2e tests start real daprd processes; two at a time is what 2 cores carry without timeouts.
    maxWorkers: 2,
    testTimeout: 30_000,
    // What a cold Dapr build (with Go) or unpack (without) needs plus a margin, not a blanket hour.
    hookTimeout: hookBudgetMs(),
    reporters: process.env.CI ? ['default', 'junit', 'json'] : ['default'],
    outputFile: { junit: 'artifacts/vitest-junit.xml', json: 'artifacts/vitest-results.json' },
  },
});
