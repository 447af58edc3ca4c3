#!/usr/bin/env node
// Entry point of the reaper (harness/processes/reaper-main.ts), started by the harness with
// every run. Loads the ahead-of-time build, dist/reaper.cjs, when parity.cjs would load
// dist/cli.cjs (same freshness check); otherwise registers tsx and runs the sources.
const path = require('node:path');
const { upToDate } = require('./parity.cjs');

if (upToDate()) {
  require(path.join(__dirname, '..', '..', 'dist', 'reaper.cjs'));
} else {
  import('tsx/esm/api').then(({ register }) => {
    register();
    return import('../processes/reaper-main.ts');
  });
}
