// The acceptance on a real quickstarts tree, as a user runs it: the tree copied to a temporary
// folder (a run writes samples.yaml and goldens there, never into the original), `parity init`,
// then `parity run --update` and two more `parity run`s over the selected samples, each timed; the
// goldens must not change after the first. Exit 0 when every run passed.
//
//   npm run acceptance -- --root ../shared/upstream/quickstarts [--runs 3] [--concurrency 2] [filter…]
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { goldenTree } from '../harness/golden/store.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { root: { type: 'string' }, runs: { type: 'string', default: '3' }, concurrency: { type: 'string', default: '2' }, keep: { type: 'boolean', default: false } },
});
const BIN = path.resolve(import.meta.dirname, '..', 'harness', 'bin', 'parity.cjs');


if (!values.root) {
  console.error('acceptance: --root PATH (a quickstarts tree) is required');
  process.exit(2);
}
const tree = path.resolve(values.root);
if (!existsSync(tree)) {
  console.log(`acceptance: skipped: ${tree} does not exist`);
  process.exit(0);
}
const copy = mkdtempSync(path.join(os.tmpdir(), 'parity-acceptance-'));
let failed = 0;
try {
  cpSync(tree, copy, { recursive: true });
  const t0 = Date.now();
  execFileSync(process.execPath, [BIN, 'init', copy], { stdio: 'inherit' });
  console.log(`acceptance: init ${Date.now() - t0} ms`);
  let first: Record<string, string> | undefined;
  for (let i = 0; i < Number(values.runs); i++) {
    const args = [BIN, 'run', '--root', copy, '--concurrency', values.concurrency!, '--report-dir', path.join(copy, `artifacts-${i + 1}`), ...(i === 0 ? ['--update'] : []), ...positionals];
    const t = Date.now();
    const r = spawnSync(process.execPath, args, { stdio: 'inherit', env: { ...process.env, CI: '' } });
    console.log(`acceptance: run ${i + 1}${i === 0 ? ' (--update)' : ''}: exit ${r.status}, ${Math.round((Date.now() - t) / 1000)} s`);
    if (r.status !== 0) failed++;
    const now = goldenTree(path.join(copy, 'expected'));
    if (first && JSON.stringify(now) !== JSON.stringify(first)) {
      console.log(`acceptance: run ${i + 1} changed the goldens`);
      failed++;
    }
    first ??= now;
  }
} finally {
  if (values.keep) console.log(`acceptance: the copy is kept at ${copy}`);
  else rmSync(copy, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
