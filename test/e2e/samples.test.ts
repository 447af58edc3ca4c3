// Every sample, end to end, under the real `dapr run` and the real daprd: one test per sample.
// Samples whose toolchain is missing (dotnet here) show up as skipped tests carrying the reason.
import path from 'node:path';
import os from 'node:os';
import { mkdtempSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunReport } from '../../harness/model.ts';
import { runSamples } from '../../harness/runner.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';
import { toolchain } from '../../harness/samples/toolchains.ts';
import { readGolden } from '../../harness/golden/store.ts';
import { realDapr, updateRequested } from '../helpers/dapr.ts';

const root = path.join(import.meta.dirname, '..', '..');
const manifest = loadManifest(root);
// Decided before the tests are collected, so a skip is visible in the test list with its reason.
const missing = new Map<string, string>();
for (const s of manifest.samples) {
  const absent = (await Promise.all(s.toolchains.map(toolchain))).filter((t) => !t.version);
  if (absent.length) missing.set(s.id, `${absent.map((t) => t.name).join(', ')} not installed`);
}

let report: RunReport;

beforeAll(async () => {
  const dapr = await realDapr();
  report = await runSamples({
    manifest,
    samples: manifest.samples,
    dapr,
    reportDir: mkdtempSync(path.join(os.tmpdir(), 'parity-e2e-')),
    update: updateRequested(),
    strict: false,
    concurrency: 2,
    retries: 2,
    log: () => {},
  });
}, 45 * 60_000);

describe('samples under the real dapr run', () => {
  for (const sample of manifest.samples) {
    const reason = missing.get(sample.id);
    if (reason) {
      it.skip(`${sample.id} — skipped: ${reason}`, () => {});
      it(`${sample.id} is reported skipped with its reason, never passed`, () => {
        const r = report.samples.find((s) => s.id === sample.id)!;
        expect(r.status).toBe('skipped');
        expect(r.reason).toMatch(/not found: install/);
      });
      continue;
    }
    it(`${sample.id} matches its golden`, async () => {
      const r = report.samples.find((s) => s.id === sample.id)!;
      expect(r.status, `${r.reason ?? ''}\n${r.diff ?? ''}\nlog: ${r.logFile}`).toMatch(/^(passed|flaky)$/);
      // Under -u the golden was just rewritten from this very output: comparing them proves nothing.
      if (!updateRequested()) expect(r.output).toBe(await readGolden(sample.golden));
      expect(r.parsedSecret).toEqual({ secret: 'YourPasskeyHere' });
    });
  }

  it('every sample that ran says where its time went: phases present, their sum within its duration', () => {
    for (const r of report.samples.filter((s) => s.status !== 'skipped')) {
      const phases = r.phases ?? {};
      for (const name of ['toolchains', 'install', 'sidecar', 'app', 'teardown']) expect(phases, `${r.id} ${name}`).toHaveProperty(name);
      const sum = Object.values(phases).reduce((a, b) => a + b, 0);
      expect(sum, `${r.id}: ${JSON.stringify(phases)}`).toBeLessThanOrEqual(r.durationMs);
      expect(Object.values(phases).every((ms) => ms >= 0)).toBe(true);
    }
  });

  it('every language returns the same secret, the one secrets.json holds', () => {
    expect(report.parity.problems).toEqual([]);
    expect(report.parity.checked).toBe(manifest.samples.length - missing.size);
    expect(report.parity.expected).toEqual({ secret: 'YourPasskeyHere' });
  });
});
