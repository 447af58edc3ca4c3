// Benchmarks that print figures (never timed tests): harness overhead against `dapr run` typed by
// hand, the warm and cold suite, the parallel speedup, and the Dapr cache size. Timings on a
// shared 2-core machine are noisy, so the comparisons are ratios of runs interleaved in one go.
//
//   npx tsx scripts/bench.ts [--runs N] [--sample javascript/sdk] [--cold-suite]
import { execa } from 'execa';
import { existsSync, mkdtempSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createIsolatedHome } from '../harness/dapr/home.ts';
import { daprRunArgs } from '../harness/run/dapr-args.ts';
import { resolveVersions } from '../harness/dapr/pins.ts';
import { cacheRoot, ensureDapr } from '../harness/dapr/provision.ts';
import { runSamples } from '../harness/runner.ts';
import { loadManifest, selectSamples } from '../harness/samples/manifest.ts';
import { splitCommand } from '../harness/run/app-argv.ts';
import { pathWith } from '../harness/run/shell-step.ts';
import type { SampleSpec } from '../harness/model.ts';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    sample: { type: 'string', default: 'javascript/sdk' },
    'cold-suite': { type: 'boolean', default: false },
  },
});
const runs = Number(values.runs);
const root = path.join(import.meta.dirname, '..');
const manifest = loadManifest(root);
const dapr = await ensureDapr({ versions: resolveVersions() });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (ms: number) => `${(ms / 1000).toFixed(2)}s`;
const tmpReport = () => mkdtempSync(path.join(os.tmpdir(), 'parity-bench-'));
const quiet = () => {};

async function byHand(sample: SampleSpec, runtimePath: string): Promise<number> {
  // What a person types, plus only what this machine needs (isolated home, no placement/scheduler).
  const argv = daprRunArgs({ runtimePath, appId: sample.appId, resourcesPath: path.relative(sample.dir, manifest.components), appArgv: splitCommand(sample.run) });
  const t = performance.now();
  await execa(dapr.cli.path, argv, { cwd: sample.dir, env: { ...sample.env, PATH: pathWith(sample.pathPrepend) }, stdin: 'ignore' });
  return performance.now() - t;
}

async function underHarness(sample: SampleSpec): Promise<number> {
  const t = performance.now();
  const r = await runSamples({ manifest, samples: [sample], dapr, reportDir: tmpReport(), update: false, strict: false, concurrency: 1, retries: 0, log: quiet });
  if (r.samples[0]!.status !== 'passed') throw new Error(`${sample.id} did not pass under the harness: ${r.samples[0]!.reason}`);
  return performance.now() - t;
}

async function du(dir: string): Promise<string> {
  if (!existsSync(dir)) return 'absent';
  return (await execa('du', ['-sh', dir])).stdout.split('\t')[0]!;
}

// 1. Harness overhead for one sample, warm, interleaved.
const [sample] = selectSamples(manifest.samples, [values.sample]);
await underHarness(sample!); // warm caches and installs
const home = await createIsolatedHome(dapr.daprd.path);
const hand: number[] = [];
const harness: number[] = [];
for (let i = 0; i < runs; i++) {
  hand.push(await byHand(sample!, home.runtimePath));
  harness.push(await underHarness(sample!));
}
await home.dispose();
console.log(`\n## Harness overhead: ${sample!.id}, ${runs} interleaved runs each`);
console.log(`by hand (dapr run):  median ${secs(median(hand))}  [${hand.map(secs).join(' ')}]`);
console.log(`under the harness:   median ${secs(median(harness))}  [${harness.map(secs).join(' ')}]`);
console.log(`ratio harness/hand:  ${(median(harness) / median(hand)).toFixed(3)} (overhead ${(((median(harness) / median(hand)) - 1) * 100).toFixed(1)}%)`);

// 2. Cold suite (optional: deletes every sample's install outputs first), then the warm suite.
const runnable = manifest.samples;
if (values['cold-suite']) {
  for (const s of runnable) {
    for (const out of ['.venv', 'node_modules', 'target', 'order-processor', 'bin', 'obj', '.parity-install.json']) {
      await fs.rm(path.join(s.dir, out), { recursive: true, force: true });
    }
  }
  const t = performance.now();
  const cold = await runSamples({ manifest, samples: runnable, dapr, reportDir: tmpReport(), update: false, strict: false, concurrency: os.availableParallelism(), retries: 2, log: quiet });
  console.log(`\n## Cold suite (first installs): ${secs(performance.now() - t)} wall, ${cold.samples.filter((s) => s.status === 'passed').length} passed`);
}
const t = performance.now();
const warm = await runSamples({ manifest, samples: runnable, dapr, reportDir: tmpReport(), update: false, strict: false, concurrency: os.availableParallelism(), retries: 2, log: quiet });
const wall = performance.now() - t;
const sum = warm.samples.reduce((a, s) => a + s.durationMs, 0);
console.log(`\n## Warm suite, concurrency ${os.availableParallelism()}`);
console.log(`wall ${secs(wall)}, sum of per-sample times ${secs(sum)}, speedup ${(sum / wall).toFixed(2)}x`);
for (const s of warm.samples) console.log(`  ${s.id.padEnd(16)} ${s.status.padEnd(8)} ${secs(s.durationMs)}`);

// 3. What the Dapr build keeps on disk.
const goEnv = (await execa('go', ['env', 'GOMODCACHE', 'GOCACHE'])).stdout.split('\n');
console.log('\n## Disk');
console.log(`dapr binaries cache (${cacheRoot()}): ${await du(cacheRoot())}`);
console.log(`Go module cache (${goEnv[0]}): ${await du(goEnv[0]!)}`);
console.log(`Go build cache (${goEnv[1]}): ${await du(goEnv[1]!)}`);
