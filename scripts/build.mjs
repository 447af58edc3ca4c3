// Compiles harness/ ahead of time into one CommonJS file, dist/cli.cjs (run by `npm ci` through
// the `prepare` script), so `npx parity` starts without registering tsx and transpiling every
// module at each start. One file, dependencies included: nothing to resolve, and
// harness/bin/parity.cjs can load it through vm.Script with a V8 code cache (ES modules get no
// code cache on Node 20), which skips compiling what an earlier run of the same command compiled.
// Dynamic imports stay lazy: the docs checker's markdown stack is compiled and evaluated only by
// the commands that use it. The entry falls back to tsx when dist/ is missing or older than a source.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
const bundle = (entry, out) => build({
  entryPoints: [path.join(root, 'harness', ...entry)],
  outfile: path.join(outdir, out),
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
  // A bundle is one file in dist/: code that finds a file next to its own module asks __dirname.
  define: { 'import.meta.dirname': '__dirname' },
});
const result = await bundle(['cli.ts'], 'cli.cjs');
// The reaper started with every run: a second, small bundle, so it starts without the CLI's code.
await bundle(['processes', 'reaper-main.ts'], 'reaper.cjs');
// Written last: its presence means the build finished.
writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
