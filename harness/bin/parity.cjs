#!/usr/bin/env node
// Entry point for `npx parity`. Runs the ahead-of-time build, dist/cli.cjs (made by `npm ci`
// through `prepare`), when it is there and no source is newer; otherwise registers tsx and runs
// the TypeScript sources as they are (an edited checkout works without rebuilding, only slower).
// CommonJS, not an ES module: Node starts a CommonJS entry ~10 ms sooner (no ESM loader to set up).
const { mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const vm = require('node:vm');

const harness = path.join(__dirname, '..');
const dist = path.join(harness, '..', 'dist');
const built = path.join(dist, 'cli.cjs');

/** The newest mtime of a .ts file under dir; stat calls only, a couple of ms for the harness. */
function newestSource(dir) {
  let newest = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

function upToDate() {
  if (process.env.PARITY_NO_DIST === '1') return false;
  try {
    // meta.json is written last by the build: its mtime is when the build finished.
    return statSync(path.join(dist, 'meta.json')).mtimeMs >= newestSource(harness);
  } catch {
    return false;
  }
}

/**
 * Loads dist/cli.cjs with the V8 code cache an earlier run of the same command left: compiling
 * the bundle's functions is most of the start-up, and a cache made by `run` holds what `run`
 * compiles. V8 checks the cache against the source and refuses a stale one; then it is rewritten.
 */
function loadBuilt(argv) {
  const command = argv.find((a) => !a.startsWith('-')) ?? 'help';
  const cacheFile = path.join(dist, 'v8-cache', `${/^[a-z][a-z-]{0,30}$/.test(command) ? command : 'other'}.bin`);
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const script = new vm.Script(Module.wrap(readFileSync(built, 'utf8')), { filename: built, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, Module.createRequire(built), bundle, built, dist);
  const saveCache = () => {
    if (cachedData && !script.cachedDataRejected) return;
    // Best effort: a read-only install just starts slower. Renamed into place, so a concurrent
    // run reads a whole cache or none.
    try {
      mkdirSync(path.dirname(cacheFile), { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(tmp, script.createCachedData());
      renameSync(tmp, cacheFile);
    } catch {}
  };
  return { cli: bundle.exports, saveCache };
}

async function main(argv) {
  if (upToDate()) {
    const { cli, saveCache } = loadBuilt(argv);
    process.exitCode = await cli.main(argv);
    // A command refused at its arguments (exit 2) compiled little: leave the cache to a real run.
    if (process.exitCode <= 1) saveCache();
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    const cli = await import('../cli.ts');
    process.exitCode = await cli.main(argv);
  }
}

// The reaper's entry (reaper.cjs) asks the same freshness question.
module.exports = { upToDate };
if (require.main === module) void main(process.argv.slice(2));
