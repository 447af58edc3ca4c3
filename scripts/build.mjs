// Compiles harness/ ahead of time into dist/ (run by `npm ci` through the `prepare` script), so
// `npx parity` starts without registering tsx and transpiling every module at each start.
// Packages stay external (loaded from node_modules as they are); dynamic imports become their
// own chunks, so what a command does not use (the docs checker's markdown stack, init) is never
// loaded. harness/bin/parity.mjs falls back to tsx when dist/ is missing or older than a source.
import { build } from 'esbuild';
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.join(import.meta.dirname, '..');
const outdir = path.join(root, 'dist');
rmSync(outdir, { recursive: true, force: true });
const result = await build({
  entryPoints: { cli: path.join(root, 'harness', 'cli.ts') },
  outdir,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Dependencies bundled too: one file to read instead of hundreds of small ESM modules to
  // resolve (execa alone is dozens); CommonJS ones (cross-spawn) get a real require.
  banner: { js: "import { createRequire as __parityCreateRequire } from 'node:module'; const require = __parityCreateRequire(import.meta.url);" },
  sourcemap: 'linked',
  metafile: true,
  logLevel: 'warning',
});
// Written last: its presence means the build finished.
writeFileSync(path.join(outdir, 'meta.json'), JSON.stringify(result.metafile));
