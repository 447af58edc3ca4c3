// One harness process running N copies of the runnable samples (for `npm run bench -- --scale`):
// distinct app ids, the same sample folders (so the installs are shared and stay warm), the
// default concurrency. Prints one JSON line: wall time, this process's peak RSS, retries, port
// collisions, statuses. A child of the benchmark so that its RSS is the harness's alone.
//
//   npx tsx scripts/scale-run.ts N [--dapr-from SOURCE | --use-installed-dapr]
import os from 'node:os';
import { mkdtempSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveVersions } from '../harness/dapr/pins.ts';
import { ensureDapr } from '../harness/dapr/provision.ts';
import { runSamples } from '../harness/runner.ts';
import { loadManifest } from '../harness/samples/manifest.ts';
import { checkToolchains } from '../harness/samples/toolchains.ts';
import type { SampleSpec } from '../harness/model.ts';
import { resolveGlobalDapr } from '../harness/cli.ts';

const n = Number(process.argv[2]);
const useInstalled = process.argv.includes('--use-installed-dapr');
const root = path.join(import.meta.dirname, '..');
const manifest = loadManifest(root);
const runnable: SampleSpec[] = [];
for (const s of manifest.samples) if (!(await checkToolchains(s.toolchains)).reason) runnable.push(s);
const copies = Array.from({ length: n }, (_, k) => {
  const s = runnable[k % runnable.length]!;
  const tag = String(k + 1).padStart(String(n).length, '0');
  return { ...s, id: `${s.id}#${tag}`, appId: `${s.appId}-${tag}` };
});
// The bench hands its children the binaries it resolved (`--dapr-from dir:…`), so a scale run is on
// exactly the Dapr the rest of the bench measured.
const fromAt = process.argv.indexOf('--dapr-from');
const daprFrom = fromAt > 0 ? process.argv[fromAt + 1] : undefined;
const dapr = daprFrom
  ? await resolveGlobalDapr({ root, useInstalledDapr: false, daprFrom, daprFromExplicit: true }, () => {})
  : await ensureDapr({ versions: resolveVersions({}, 'build'), useInstalled, progress: () => {} });
const reportDir = mkdtempSync(path.join(os.tmpdir(), 'parity-scale-'));
const t = performance.now();
const report = await runSamples({ manifest, samples: copies, dapr, reportDir, mode: 'verify', strict: false, concurrency: os.availableParallelism(), retries: 2, log: () => {} });
const wallMs = performance.now() - t;
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
const causes = report.samples.flatMap((s) => ('retries' in s && s.retries) || []).map((r) => r.retryCause ?? '');
const statuses: Record<string, number> = {};
for (const s of report.samples) statuses[s.status] = (statuses[s.status] ?? 0) + 1;
process.stdout.write(`${JSON.stringify({
  n,
  wallMs,
  peakRssMb: Number(hwm) / 1024,
  retries: causes.length,
  portCollisions: causes.filter((c) => /port was taken/.test(c)).length,
  statuses,
  failures: report.samples.filter((s) => s.status === 'failed').map((s) => `${s.id}: ${s.reason}`).slice(0, 5),
  sumOfSamplesMs: report.samples.reduce((a, s) => a + s.durationMs, 0),
  reportDir,
})}\n`);
