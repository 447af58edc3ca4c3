// The acceptance on the public Dapr quickstarts tree (a copy beside this clone, in ../shared): the
// tree copied to a temporary folder, `parity init` over all of it, then a slice of its samples run
// for real with `--update` and again without, the goldens unchanged, nothing left running. Without
// the tree (a user's clone) it is a skip that says why. The slice keeps CI short; the whole tree
// is `npm run acceptance -- --root PATH`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { goldenTree } from '../../harness/golden/store.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';
import { endParityChildren, PARITY_BIN, REPO_ROOT, startParity } from '../helpers/parity-child.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);

const UPSTREAM = process.env.PARITY_UPSTREAM_TREE ?? path.resolve(REPO_ROOT, '..', 'shared', 'upstream', 'quickstarts');
const here = existsSync(path.join(UPSTREAM, 'secrets_management'));
/** Samples that need no more than redis, one per shape: a single app, a run file with a server, a seed step. */
const SLICE = (process.env.PARITY_ACCEPTANCE_SLICE ?? 'secrets_management/javascript/http pub_sub/javascript/http configuration/python/sdk').split(/\s+/).filter(Boolean);


describe.skipIf(!here)(`the upstream quickstarts tree${here ? '' : ` (skipped: ${UPSTREAM} is not here; a clone without ../shared has no upstream tree)`}`, () => {
  const copy = here ? tempDir('parity-upstream-') : '';

  it('parity init writes one entry per building-block README (81), every one loadable, and says what runs here', () => {
    cpSync(UPSTREAM, copy, { recursive: true });
    execFileSync(process.execPath, [PARITY_BIN, 'init', copy], { stdio: 'pipe' });
    const m = loadManifest(copy);
    expect(m.samples).toHaveLength(81);
    expect(new Set(m.samples.map((s) => s.block)).size).toBe(11);
    expect(m.samples.every((s) => s.scenario)).toBe(true);
    // Skipped with a reason, never dropped: the LLM samples, the blocks whose services come later.
    const skipped = m.samples.filter((s) => s.scenario!.skip);
    expect(skipped.every((s) => s.scenario!.skip!.length > 10)).toBe(true);
    expect(m.samples.filter((s) => ['secrets_management', 'state_management', 'pub_sub', 'configuration'].includes(s.block!) && s.scenario!.skip)).toEqual([]);
  }, 60_000);

  it(`runs the slice (${SLICE.join(', ')}) for real: recorded, then passed against its goldens, which do not change; nothing is left`, async () => {
    const first = await startParity(copy, ['--update', '--concurrency', '2', ...SLICE], { reportDir: path.join(copy, 'artifacts-1') }).done;
    expect(first.code, first.describe()).toBe(0);
    const recorded = goldenTree(path.join(copy, 'expected'));
    expect(Object.keys(recorded).length).toBeGreaterThanOrEqual(SLICE.length);
    const second = await startParity(copy, ['--concurrency', '2', ...SLICE], { reportDir: path.join(copy, 'artifacts-2') }).done;
    expect(second.code, second.describe()).toBe(0);
    expect(second.leftovers, second.describe()).toEqual([]);
    expect(goldenTree(path.join(copy, 'expected'))).toEqual(recorded);
    const statuses = second.report!.samples.map((s) => s.status);
    expect(statuses.every((s) => s === 'passed' || s === 'adapted'), second.describe()).toBe(true);
    expect(second.report!.blocks!.every((b) => b.ok), JSON.stringify(second.report!.blocks)).toBe(true);
  }, 900_000);
});
