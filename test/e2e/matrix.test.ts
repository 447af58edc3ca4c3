// A version matrix in one command, on the real CLI and two real daprd builds: every pair gets its
// own Dapr home and binaries, and the version × sample table is in all three reports.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MATRIX_TEST_RUNTIME, PINS } from '../../harness/dapr/pins.ts';
import { resolveDapr } from '../../harness/dapr/source.ts';
import { toolchain } from '../../harness/samples/toolchains.ts';
import { endParityChildren, REPO_ROOT, runParity } from '../helpers/parity-child.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

// The matrix test's second runtime builds here: both pairs are the build pins' CLI.
const PINNED = PINS.build;
const pairs = [`${PINNED.cli}@${PINNED.runtime}`, `${PINNED.cli}@${MATRIX_TEST_RUNTIME}`];

// Only a machine without Go (binaries from a folder: one runtime) lacks the second runtime; there
// the test is listed as skipped with that reason. With Go it is built (once, cached) and never skipped.
const noGo = !(await toolchain('go')).version;

beforeAll(async () => {
  if (noGo) return;
  await resolveDapr({ from: process.env.PARITY_DAPR_FROM || 'auto', versions: { cli: PINNED.cli, runtime: MATRIX_TEST_RUNTIME }, progress: (l) => process.stderr.write(`${l}\n`) });
});
afterAll(endParityChildren);
cleanTempDirsAfterAll();

describe('parity run --dapr with two version pairs', () => {
  if (noGo) it.skip(`skipped: no Go on this machine to build daprd ${MATRIX_TEST_RUNTIME}, the matrix's second runtime`, () => {});
  else it('runs the samples on each pair and reports a version × sample table everywhere', async () => {
    const reportDir = tempDir('parity-matrix-');
    const r = await runParity(REPO_ROOT, ['--dapr', pairs.join(','), 'go/http', 'python/http'], { reportDir });
    expect(r.code, r.describe()).toBe(0);
    expect(r.report!.samples.map((s) => [s.id, `${s.dapr?.cli}@${s.dapr?.runtime}`, s.status])).toEqual([
      ['python/http', pairs[0], 'passed'], ['go/http', pairs[0], 'passed'],
      ['python/http', pairs[1], 'passed'], ['go/http', pairs[1], 'passed'],
    ]);
    expect(r.report!.matrix!.map((m) => m.dapr.runtime)).toEqual([PINNED.runtime, MATRIX_TEST_RUNTIME]);
    // Each pair's logs in its own folder, with daprd's own version in them.
    for (const [i, pair] of pairs.entries()) {
      const log = readFileSync(path.join(reportDir, pair, 'logs', 'go-http', 'run.log'), 'utf8');
      expect(log).toContain(`ver=${[PINNED.runtime, MATRIX_TEST_RUNTIME][i]}`);
    }
    expect(r.stdout).toMatch(/go\/http\s+passed \(\S+\)\s+passed \(\S+\)/);
    expect(r.stdout).toContain(pairs[1]);
    const md = readFileSync(path.join(reportDir, 'summary.md'), 'utf8');
    expect(md).toContain(`| sample / dapr cli@runtime | ${pairs[0]} | ${pairs[1]} |`);
    const junit = readFileSync(path.join(reportDir, 'junit.xml'), 'utf8');
    expect(junit.match(/<testsuite /g)).toHaveLength(2);
    expect(junit).toContain(`runtime ${MATRIX_TEST_RUNTIME})`);
    expect(r.leftovers).toEqual([]);
  }, 15 * 60_000);
});
