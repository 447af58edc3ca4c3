// StrykerJS mutation testing of the pure modules (`npm run mutation`); kept out of `npm test`.
// .ci/run runs it with thresholds.break 90. docs/mutation.md lists the equivalent mutants left.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner'],
  // Pure modules measured at 90 % or more: the parsers, and the modules that decide pass, fail,
  // flaky and skip. Tests are written for docs/shortcodes.ts and docs/data-diff.ts, but no full
  // run has measured them yet; docs/parse.ts, docs/shell.ts and docs/checks/*.ts are not measured
  // either (docs/mutation.md). Add a file once it scores 90 %.
  mutate: [
    'harness/output/filters.ts',
    'harness/output/normalize.ts',
    'harness/output/redactions.ts',
    'harness/output/split.ts',
    'harness/output/dapr-lines.ts',
    'harness/parity/parse-secret.ts',
    'harness/parity/secret-formats.ts',
    'harness/golden/compare.ts',
    'harness/samples/manifest.ts',
    'harness/parity/check.ts',
    'harness/run/infra.ts',
    'harness/samples/unreachable-registry.ts',
    'harness/report/baseline.ts',
    'harness/report/exit-code.ts',
    'harness/golden/verdict.ts',
    'harness/golden/stability.ts',
    'harness/golden/expected-lines.ts',
    'harness/samples/shard.ts',
    'harness/samples/install-key.ts',
    'harness/dapr/release-checksum.ts',
    'harness/dapr/loopback-flags.ts',
    'harness/run/dapr-args.ts',
  ],
  // The sandbox is a copy of the tree: leave out per-sample installs, run outputs and e2e tests.
  ignorePatterns: [
    'samples/**/.venv',
    'samples/**/node_modules',
    'samples/**/target',
    'samples/**/bin',
    'samples/**/obj',
    'samples/**/order-processor',
    'artifacts',
    '.parity',
    'test/e2e',
    'reports',
    '.stryker-tmp',
    '.stryker-test-tmp',
  ],
  coverageAnalysis: 'perTest',
  concurrency: 2,
  // Committed: CI runs `--incremental` against it, so only mutants whose code or covering tests
  // changed since it was written are run again; `npm run mutation:full` (nightly) runs them all.
  incrementalFile: 'mutation/incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/mutation.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true, reportMutants: true },
  thresholds: { high: 95, low: 90, break: 90 },
  timeoutMS: 10_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: true,
};
