// `--fail-on new` against a baseline, through the real CLI: the baseline is the report.json of an
// earlier real run of the same tree (as last night's would be), and the exit code is the process's.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sampleResult } from '../../helpers/fault-asserts.ts';
import { faultSuite } from '../../helpers/fault-suite.ts';
import { HTTP_SECRET_APP, makeFaultTree } from '../../helpers/fault-tree.ts';
import { runParity } from '../../helpers/parity-child.ts';

faultSuite();

const E2E = 180_000;
const OTHER_SECRET_LINE = 'Fetched Secret: {"secret":"NotWhatTheStoreHolds"}';

describe('--fail-on new and the exit code', () => {
  // One tree, run four times in order: each run's report.json is a later run's baseline.
  const tree = makeFaultTree({ samples: [{ run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } }] });
  const run = async (name: string, args: string[]) => {
    const r = await runParity(tree.root, ['--concurrency', '1', ...args], { reportDir: tree.path(name) });
    return { r, s: sampleResult(expect, r), report: path.join(tree.path(name), 'report.json') };
  };
  let passedReport = '';
  let failedReport = '';

  it('a failure the baseline did not have is new: exit 1', async () => {
    const clean = await run('clean', []);
    expect(clean.r.code, clean.r.describe()).toBe(0);
    passedReport = clean.report;
    // The app now prints one line more than its golden: a golden failure, parity still fine.
    writeFileSync(path.join(tree.sampleDir(), 'app.py'), `${HTTP_SECRET_APP}print('one line more', flush=True)\n`);
    const broken = await run('new-failure', ['--baseline', passedReport, '--fail-on', 'new']);
    expect(broken.s.status).toBe('failed');
    expect(broken.r.report!.parity.ok).toBe(true);
    expect(broken.s.change).toBe('new-failure');
    expect(broken.r.report!.baseline).toMatchObject({ file: passedReport, newFailures: 1, stillFailing: 0 });
    expect(broken.r.code, broken.r.describe()).toBe(1);
    failedReport = broken.report;
  }, E2E);

  it('the same failure against a baseline that had it: exit 0 with new, 1 with any', async () => {
    const asNew = await run('still-new', ['--baseline', failedReport, '--fail-on', 'new']);
    expect(asNew.s.status).toBe('failed');
    expect(asNew.s.change).toBe('still-failing');
    expect(asNew.r.code, asNew.r.describe()).toBe(0);
    const asAny = await run('still-any', ['--baseline', failedReport, '--fail-on', 'any']);
    expect(asAny.s.change).toBe('still-failing');
    expect(asAny.r.code, asAny.r.describe()).toBe(1);
  }, E2E);

  it('a parity failure on a sample that passes its golden: new when the baseline passed parity (exit 1), not when it failed it too (exit 0)', async () => {
    // Prints another secret than the store holds, and its golden says so: the golden passes and
    // parity fails. No sample is a new failure, yet the run is worse than the baseline.
    writeFileSync(path.join(tree.sampleDir(), 'app.py'), `print(${JSON.stringify(OTHER_SECRET_LINE)}, flush=True)\n`);
    writeFileSync(tree.path('expected', 'python-http.txt'), `${OTHER_SECRET_LINE}\n`);
    const newly = await run('parity-new', ['--baseline', passedReport, '--fail-on', 'new']);
    expect(newly.s.status).toBe('passed');
    expect(newly.s.change).toBe('unchanged');
    expect(newly.r.report!.parity.ok).toBe(false);
    expect(newly.r.report!.parity.problems).toEqual(['python/http: returned {"secret":"NotWhatTheStoreHolds"}, secrets.json holds {"secret":"YourPasskeyHere"}']);
    expect(newly.r.report!.baseline).toMatchObject({ newFailures: 0, parityNewlyFailed: true });
    expect(newly.r.stdout).toContain('parity FAILED, where the baseline passed it');
    expect(newly.r.code, newly.r.describe()).toBe(1);
    const again = await run('parity-again', ['--baseline', newly.report, '--fail-on', 'new']);
    expect(again.r.report!.parity.ok).toBe(false);
    expect(again.r.report!.baseline).toMatchObject({ newFailures: 0, parityNewlyFailed: false });
    expect(again.r.code, again.r.describe()).toBe(0);
    const asAny = await run('parity-any', ['--baseline', newly.report, '--fail-on', 'any']);
    expect(asAny.r.code, asAny.r.describe()).toBe(1);
    // Without a baseline, new cannot tell new from old: every failure counts, parity's too.
    const noBaseline = await run('parity-no-baseline', ['--fail-on', 'new']);
    expect(noBaseline.r.code, noBaseline.r.describe()).toBe(1);
  }, E2E);
});
