// Every sample, end to end, under the real `dapr run` and the real daprd: one test per sample.
// A sample this machine cannot run (its toolchain is missing, or its registry cannot be reached)
// shows up as a skipped test carrying the reason, and must be reported skipped, never passed.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/model.ts';
import type { ReadSample } from '../helpers/parity-child.ts';
import { runSamples } from '../../harness/runner.ts';
import { CLAIM_WAIT_PHASE } from '../../harness/run/phases.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';
import { readGolden } from '../../harness/golden/store.ts';
import { realDapr, updateRequested } from '../helpers/dapr.ts';
import { ranHere, skipIfMachineSkipped } from '../helpers/machine.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

const root = path.join(import.meta.dirname, '..', '..');
const manifest = loadManifest(root);

let report: RunReport;

beforeAll(async () => {
  const dapr = await realDapr();
  report = await runSamples({
    manifest,
    samples: manifest.samples,
    dapr,
    reportDir: tempDir('parity-e2e-'),
    mode: updateRequested() ? 'overwrite' : 'verify',
    strict: false,
    concurrency: 2,
    retries: 2,
    log: () => {},
  });
}, 45 * 60_000);

describe('samples under the real dapr run', () => {
  for (const sample of manifest.samples) {
    it(`${sample.id} matches its golden`, async (ctx) => {
      const r: ReadSample = report.samples.find((s) => s.id === sample.id)!;
      skipIfMachineSkipped(ctx, expect, r);
      expect(r.status, `${r.reason ?? ''}\n${r.diff ?? ''}\nlog: ${r.logFile}`).toMatch(/^(passed|flaky)$/);
      // Under -u the golden was just rewritten from this very output: comparing them proves nothing.
      if (!updateRequested()) expect(r.output).toBe(await readGolden(sample.golden));
      expect(r.parsedSecret).toEqual({ secret: 'YourPasskeyHere' });
    });
  }

  it('every sample that ran says where its time went: phases present, their sum within its duration', () => {
    for (const r of report.samples.filter((s) => s.status !== 'skipped')) {
      const phases = r.phases ?? {};
      for (const name of ['toolchains', 'sidecar', 'app', 'teardown']) expect(phases, `${r.id} ${name}`).toHaveProperty(name);
      // One phase per install step, named by its command.
      const installs = Object.keys(phases).filter((k) => k.startsWith('install: '));
      expect(installs, `${r.id}: ${JSON.stringify(phases)}`).toHaveLength(new Set(manifest.samples.find((s) => s.id === r.id)!.install.map((i) => i.run)).size);
      // The wait on another sample's claim came before it started: not in its duration.
      const sum = Object.entries(phases).filter(([k]) => k !== CLAIM_WAIT_PHASE).reduce((a, [, b]) => a + b, 0);
      expect(sum, `${r.id}: ${JSON.stringify(phases)}`).toBeLessThanOrEqual(r.durationMs);
      expect(Object.values(phases).every((ms) => ms >= 0)).toBe(true);
    }
  });

  it('every language that ran returns the same secret, the one secrets.json holds; at least one ran', () => {
    const ran = ranHere(expect, report);
    expect(report.parity.problems).toEqual([]);
    expect(report.parity.checked).toBe(ran.length);
    expect(report.parity.expected).toEqual({ secret: 'YourPasskeyHere' });
  });
});
