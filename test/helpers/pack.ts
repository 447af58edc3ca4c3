// The npm package as `npm pack` makes it, from a copy of the sources: the build its prepare runs
// writes the copy's dist/, never the one other tests' harness children are loading.
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from './parity-child.ts';
import { tempDir } from './temp-dirs.ts';

const exec = promisify(execFile);

/** What the package is built from; everything else in the clone stays out of the copy. */
const SOURCES = ['package.json', 'README.md', 'harness', 'scripts/build.mjs', 'schema'];

/** Packs the package into a temp folder (removed with the calling file's temp folders); its path. */
export async function packTarball(): Promise<string> {
  const src = tempDir('parity-pack-src-');
  for (const f of SOURCES) cpSync(path.join(REPO_ROOT, f), path.join(src, f), { recursive: true });
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(src, 'node_modules'));
  const out = tempDir('parity-pack-out-');
  await exec('npm', ['pack', '--pack-destination', out], { cwd: src });
  const [tarball] = readdirSync(out);
  if (!tarball?.endsWith('.tgz')) throw new Error(`npm pack left no tarball in ${out}`);
  return path.join(out, tarball);
}
