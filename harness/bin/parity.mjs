#!/usr/bin/env node
// Entry point for `npx parity`. Runs the ahead-of-time build in dist/ (made by `npm ci` through
// `prepare`) when it is there and no source is newer; otherwise registers tsx and runs the
// TypeScript sources as they are (an edited checkout works without rebuilding, only slower).
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const harness = path.join(here, '..');
const built = path.join(harness, '..', 'dist', 'cli.js');

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
    return statSync(path.join(path.dirname(built), 'meta.json')).mtimeMs >= newestSource(harness);
  } catch {
    return false;
  }
}

let cli;
if (upToDate()) {
  cli = await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  cli = await import('../cli.ts');
}
process.exitCode = await cli.main(process.argv.slice(2));
