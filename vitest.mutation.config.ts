import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

// Stryker bails on a mutant's first failing test, and a bailed file's afterAll never runs: the
// temp folders its tests made would stay in /tmp, hundreds a run. Tests make them under this
// folder instead, inside Stryker's sandbox copy, which Stryker removes when the run ends.
const testTmp = path.join(import.meta.dirname, '.stryker-test-tmp');
mkdirSync(testTmp, { recursive: true });

// Used only by StrykerJS (`npm run mutation`): the pure modules are mutated and judged by the
// unit tests alone; e2e tests start real daprd and have no place in a per-mutant loop.
export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // Tests that read the harness's source text (the ReDoS scan of every regex) would read
    // Stryker's instrumented copies, not the code: they judge the source, not a mutant.
    // entry-point.test.ts builds the CLI and spawns it: a child process runs with no mutant
    // active, so it can kill none, and it cost every static mutant a build and three spawns.
    // cli.test.ts replaces a module with vi.mock, which a shared module cache (isolate: false
    // below) cannot honour, and it judges the whole command line, no pure module's mutant.
    exclude: ['test/unit/redos.test.ts', 'test/unit/bin/parity.test.ts', 'test/unit/cli.test.ts'],
    testTimeout: 30_000,
    // Property tests cover nearly every mutant: a few runs each (see parsers.property.test.ts).
    // The cache goes with the sandbox too: no unit test writes into the user's (parse caches,
    // seen-tree stamps of its throwaway trees), and none needs the Dapr binaries kept there.
    env: { PARITY_PROPERTY_RUNS: '5', TMPDIR: testTmp, PARITY_CACHE_DIR: path.join(testTmp, 'cache') },
    // One module cache across runs: Stryker switches mutants through a global, not by reloading
    // sources, and re-importing remark for every mutant costs more than the test itself.
    isolate: false,
  },
});
