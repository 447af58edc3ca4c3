// The benchmark (never a timed test): one invocation measures, on the same samples, the same Dapr
// binaries and this machine, interleaved over several rounds, and prints medians, spreads and ratios:
//   - the whole suite three ways: mechanical-markdown 0.8.0 running the sample READMEs serially
//     (as the quickstarts' CI does), the harness (`parity run`, warm) at concurrency 1 and at the
//     default, and the floor: the same `dapr run` commands typed by hand, serially and two at a time;
//   - per sample: the harness's time for it against the floor's;
//   - end to end as a user types it: `parity run <sample>` against its bare `dapr run`;
//   - start-up: `parity --help` from the ahead-of-time build, from the sources (tsx), through npx;
//   - with --scale 8,32,64: N copies of the runnable samples in one harness process.
// Figures go to artifacts/bench.json and artifacts/bench.md. On a shared machine the absolute
// times are noisy; the ratios, measured in one run with interleaved rounds, are what to compare.
//
//   npm run bench -- [--rounds 3] [--sample go/http] [--scale 8,32,64] [--skip-mm] [--dapr-from SOURCE | --use-installed-dapr]
// With --root TREE (a tree `parity init` described) it benchmarks that tree instead, sample by
// sample: the harness, mechanical-markdown and the floor (scripts/bench/tree.ts):
//   npm run bench -- --root TREE [--blocks a,b] [--rounds 1] [--skip-mm] [--dapr-from SOURCE]
// The Dapr binaries come from the same options as every `parity` command's (cli.ts). Any failure
// to get them or a tool is one line and a non-zero exit.
import { Command, CommanderError } from 'commander';
import { $, fs, os, path } from 'zx';
import { randomUUID } from 'node:crypto';
import pLimit from 'p-limit';
import { globalOptions, resolveGlobalDapr, withGlobalOptions } from '../harness/cli.ts';
import { createIsolatedHome } from '../harness/dapr/home.ts';
import type { DaprBinaries } from '../harness/dapr/provision.ts';
import { cacheRoot } from '../harness/files/cache-root.ts';
import type { RunReport, SampleSpec } from '../harness/model.ts';
import { splitCommand } from '../harness/run/app-argv.ts';
import { daprRunArgs } from '../harness/run/dapr-args.ts';
import { endAllRuns, installSignalTeardown } from '../harness/processes/active.ts';
import { findProcessesWithEnv } from '../harness/processes/processes.ts';
import { startSupervision } from '../harness/processes/supervise.ts';
import { observeRequest } from '../harness/run/request.ts';
import { pathWith } from '../harness/processes/shell-step.ts';
import { loadManifest } from '../harness/samples/manifest.ts';
import { checkToolchains } from '../harness/samples/toolchains.ts';
import { selectFromReport } from './bench/tree-plan.ts';
import { benchTree } from './bench/tree.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
const repoRoot = path.join(import.meta.dirname, '..');

interface BenchOpts { rounds?: string; sample: string; scale?: string; skipMm: boolean; startupOnly: boolean; blocks?: string }

const program = withGlobalOptions(new Command('bench'))
  .description('benchmark the harness against mechanical-markdown and bare dapr run (the repo\'s samples, or a tree with --root)')
  .option('--rounds <n>', 'interleaved rounds (default 3; 1 with --root)')
  .option('--sample <id>', 'repo mode: the end-to-end sample', 'go/http')
  .option('--scale <list>', 'repo mode: N copies of the runnable samples in one harness process, e.g. 8,32,64')
  .option('--skip-mm', 'leave mechanical-markdown out', false)
  .option('--startup-only', 'repo mode: only start-up and the end-to-end sample', false)
  .option('--blocks <list>', 'with --root: only these building blocks (or sample ids), comma-separated')
  .action(() => undefined);

let exitCode = 0;
const interruption = new AbortController();
const uninstall = installSignalTeardown(() => { exitCode = 130; interruption.abort(); }, log);
try {
  await program.parseAsync(process.argv.slice(2), { from: 'user' });
  const g = globalOptions(program);
  const values = program.opts<BenchOpts>();
  const rounds = values.rounds === undefined ? undefined : Number(values.rounds);
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1)) throw new Error(`--rounds "${values.rounds}" is not a whole number ≥ 1`);
  await startSupervision(log);
  const dapr = await resolveGlobalDapr(g, log);
  if (program.getOptionValueSource('root') === 'cli' && path.resolve(g.root) !== repoRoot) {
    await benchTree({ root: g.root, filters: (values.blocks ?? '').split(',').map((x) => x.trim()).filter(Boolean), rounds: rounds ?? 1, dapr, skipMm: values.skipMm, log, signal: interruption.signal, outDir: path.join(repoRoot, 'artifacts') });
  } else {
    await repoBench({ ...values, rounds: rounds ?? 3 }, dapr);
  }
} catch (err) {
  if (err instanceof CommanderError) exitCode = err.exitCode === 0 ? 0 : 2;
  else {
    // Whatever stopped it (no Go to build Dapr, no network, pip refusing, a sample failing): one line, never a stack.
    const text = String((err as Error)?.message ?? err).split('\n').map((l) => l.trim()).filter(Boolean).join(' ').slice(0, 600);
    process.stderr.write(`bench: ${text}\n`);
    if (exitCode === 0) exitCode = 1;
  }
} finally {
  await endAllRuns();
  uninstall();
}
process.exit(exitCode);

/** The repo's own samples (samples/ + samples.yaml at the repo root): suites, per sample, end to end, start-up, scale. */
async function repoBench(values: Omit<BenchOpts, 'rounds'> & { rounds: number }, dapr: DaprBinaries): Promise<void> {
  const rounds = values.rounds;
  const root = repoRoot;
  const entry = path.join(root, 'harness', 'bin', 'parity.cjs');
  const manifest = loadManifest(root);
  const cores = os.availableParallelism();
  const defaultConcurrency = cores;
  const runnable: SampleSpec[] = [];
  for (const s of manifest.samples) if (!(await checkToolchains(s.toolchains)).reason) runnable.push(s);
  $.quiet = true;
  $.verbose = false;

  // ---------------------------------------------------------------------------------- statistics
  const median = (xs: number[]) => {
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
  };
  const spread = (xs: number[]) => Math.max(...xs) - Math.min(...xs);
  const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const stat = (xs: number[]) => ({ medianMs: Math.round(median(xs)), spreadMs: Math.round(spread(xs)), runsMs: xs.map(Math.round) });
  async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
    const t = performance.now();
    const r = await f();
    return [performance.now() - t, r];
  }

  // ---------------------------------------------------------------------------------- the contenders
  const home = await createIsolatedHome(dapr.daprd.path);
  const tmp = (prefix: string) => fs.mkdtemp(path.join(os.tmpdir(), prefix));
  const cliDir = await tmp('parity-bench-cli-');
  await fs.symlink(dapr.cli.path, path.join(cliDir, 'dapr'));
  await fs.symlink(dapr.daprd.path, path.join(cliDir, 'daprd'));
  // The children run on exactly these binaries, whatever --dapr-from chose.
  const globalArgs = ['--dapr-from', `dir:${cliDir}`];

  /** One sample's `dapr run`, as a person types it (plus what this machine needs: an isolated home, no placement/scheduler). */
  async function byHand(sample: SampleSpec): Promise<number> {
    // The harness's own request for the sample, typed out: the same app, folder, components and environment.
    const req = observeRequest(sample, manifest, { retries: 0, mode: 'verify' }, { cli: dapr.cli, runtimePath: home.runtimePath, logDir: '', golden: undefined, label: sample.id, log });
    const argv = daprRunArgs({ runtimePath: req.runtimePath, appId: req.appId, resourcesPath: path.relative(req.cwd, req.resourcesPath), appArgv: splitCommand(req.command) });
    const [ms, r] = await timed(() => $({ cwd: req.cwd, env: { ...process.env, ...req.env, PATH: pathWith(req.pathPrepend) }, nothrow: true })`${dapr.cli.path} ${argv}`);
    if (r.exitCode !== 0) throw new Error(`by hand: ${sample.id} exited ${r.exitCode}:\n${r.stdout.slice(-800)}`);
    return ms;
  }

  async function floorSuite(parallel: number): Promise<number> {
    const limit = pLimit(parallel);
    const [ms] = await timed(() => Promise.all(runnable.map((s) => limit(() => byHand(s)))));
    return ms;
  }

  /** `parity run` as a child process, as a user types it; its report.json for the per-sample times. */
  async function parity(args: string[]): Promise<[number, RunReport]> {
    const reportDir = await tmp('parity-bench-report-');
    const [ms, r] = await timed(() => $({ cwd: root, nothrow: true })`node ${entry} ${globalArgs} run --report-dir ${reportDir} ${args}`);
    if (r.exitCode !== 0) throw new Error(`parity run ${args.join(' ')} exited ${r.exitCode}:\n${r.stdout.slice(-1500)}\n${r.stderr.slice(-1500)}`);
    const report = JSON.parse(await fs.readFile(path.join(reportDir, 'report.json'), 'utf8')) as RunReport;
    await fs.rm(reportDir, { recursive: true, force: true });
    return [ms, report];
  }

  /** mechanical-markdown 0.8.0 in a venv of its own, kept in the cache folder between benchmark runs. */
  async function mechanicalMarkdown(): Promise<string> {
    const venv = path.join(cacheRoot(), 'bench', 'mm-0.8.0');
    const mm = path.join(venv, 'bin', 'mm.py');
    if (!(await fs.pathExists(mm))) {
      log('installing mechanical-markdown 0.8.0 into a venv…');
      await $`python3 -m venv ${venv}`;
      await $`${venv}/bin/pip install --disable-pip-version-check -q mechanical-markdown==0.8.0`;
    }
    return venv;
  }

  /** Every runnable sample's README under mechanical-markdown, one after another (its install steps included). */
  async function mmSuite(venv: string): Promise<number> {
    const [ms] = await timed(async () => {
      for (const s of runnable) {
        const r = await $({ cwd: s.dir, nothrow: true, env: { ...process.env, PATH: `${cliDir}:${venv}/bin:${process.env.PATH}`, DAPR_RUNTIME_PATH: home.runtimePath } })`mm.py README.md`;
        if (r.exitCode !== 0) throw new Error(`mechanical-markdown on ${s.id} exited ${r.exitCode}:\n${r.stdout.slice(-1500)}`);
      }
    });
    return ms;
  }

  async function helpTime(env: Record<string, string>, cmd: 'node' | 'npx'): Promise<number> {
    const [ms] = await timed(() => cmd === 'node'
      ? $({ cwd: root, env: { ...process.env, ...env } })`node ${entry} --help`
      : $({ cwd: root, env: { ...process.env, ...env } })`npx --no-install parity --help`);
    return ms;
  }

  /** CPU time (user + sys) of `parity --help` from the build: unlike wall time, barely moved by other load. */
  async function helpCpu(): Promise<number> {
    const r = await $({ cwd: root })`/usr/bin/time -f ${'%U %S'} node ${entry} --help`;
    const [u, sys] = r.stderr.trim().split('\n').pop()!.split(' ').map(Number);
    return (u! + sys!) * 1000;
  }

  // ---------------------------------------------------------------------------------- measurements
  // The entry runs dist/ only when no source is newer: build it, or start-up is measured through tsx.
  await $({ cwd: root })`node ${path.join(root, 'scripts', 'build.mjs')}`;
  log(`bench: ${runnable.length} runnable samples, dapr CLI ${dapr.cli.version} / daprd ${dapr.daprd.version} (${dapr.source}), ${cores} cores, ${rounds} rounds`);
  const suites = !values.startupOnly;
  const mmVenv = values.skipMm || !suites ? undefined : await mechanicalMarkdown();
  const [e2eSample] = runnable.filter((s) => s.id === values.sample);
  if (!e2eSample) throw new Error(`--sample ${values.sample} is not a runnable sample here`);

  // Warm-up: installs, page cache, the toolchain cache; not measured.
  log('warming up…');
  // What the suites compare is what `parity run` ran to a verdict here (it decides skips: toolchains,
  // registries, runtimes, the Python floor); the rest is listed with its reason.
  let notCompared: { id: string; reason: string }[] = [];
  if (suites) {
    const [, warm] = await parity(['--concurrency', String(defaultConcurrency)]);
    const sel = selectFromReport(warm);
    notCompared = [...sel.skipped.map((x) => ({ id: x.id, reason: `skipped by parity run: ${x.reason}` })), ...sel.failed.map((x) => ({ id: x.id, reason: `failed under parity run: ${x.reason}` }))];
    for (const x of notCompared) log(`bench: ${x.id}: not compared: ${x.reason}`);
    runnable.splice(0, runnable.length, ...runnable.filter((s) => sel.ran.includes(s.id)));
  }
  else await parity([e2eSample.id]);
  if (suites) await floorSuite(1);
  await helpTime({}, 'node');

  const m = {
    mm: [] as number[], harness1: [] as number[], harnessN: [] as number[], floor1: [] as number[], floor2: [] as number[],
    perSampleHarness: new Map<string, number[]>(), perSampleFloor: new Map<string, number[]>(),
    e2eParity: [] as number[], e2eHand: [] as number[],
    helpDist: [] as number[], helpTsx: [] as number[], helpNpx: [] as number[], helpCpu: [] as number[],
    phases: new Map<string, Record<string, number[]>>(),
  };
  const push = (map: Map<string, number[]>, k: string, v: number) => map.set(k, [...(map.get(k) ?? []), v]);

  for (let round = 1; round <= rounds; round++) {
    log(`round ${round}/${rounds}`);
    if (mmVenv) m.mm.push(await mmSuite(mmVenv));
    if (suites) {
    const [h1, r1] = await parity(['--concurrency', '1']);
    m.harness1.push(h1);
    for (const s of r1.samples.filter((x) => x.status !== 'skipped')) {
      push(m.perSampleHarness, s.id, s.durationMs);
      const byPhase = m.phases.get(s.id) ?? {};
      for (const [k, v] of Object.entries(s.phases ?? {})) byPhase[k] = [...(byPhase[k] ?? []), v];
      m.phases.set(s.id, byPhase);
    }
    m.harnessN.push((await parity(['--concurrency', String(defaultConcurrency)]))[0]);
    const [f1] = await timed(async () => {
      for (const s of runnable) push(m.perSampleFloor, s.id, await byHand(s));
    });
    m.floor1.push(f1);
    m.floor2.push(await floorSuite(2));
    }
    // End to end on one sample, and start-up, interleaved too.
    for (let k = 0; k < 2; k++) {
      m.e2eHand.push(await byHand(e2eSample));
      m.e2eParity.push((await parity([e2eSample.id, '--concurrency', '1']))[0]);
    }
    m.helpDist.push(await helpTime({}, 'node'));
    m.helpTsx.push(await helpTime({ PARITY_NO_DIST: '1' }, 'node'));
    m.helpNpx.push(await helpTime({}, 'npx'));
    m.helpCpu.push(await helpCpu());
  }

  if (!suites) {
    const only = {
      date: new Date().toISOString(), cores, loadavg: os.loadavg().map((x) => Number(x.toFixed(1))), rounds,
      endToEnd: { sample: e2eSample.id, parityRun: stat(m.e2eParity), byHand: stat(m.e2eHand), overhead: median(m.e2eParity) / median(m.e2eHand) - 1 },
      startup: { helpBuiltCpu: stat(m.helpCpu), helpBuilt: stat(m.helpDist), helpTsx: stat(m.helpTsx), helpNpx: stat(m.helpNpx) },
    };
    await fs.mkdir(path.join(root, 'artifacts'), { recursive: true });
    await fs.writeFile(path.join(root, 'artifacts', 'bench-startup.json'), `${JSON.stringify(only, null, 2)}\n`);
    console.log(JSON.stringify(only, null, 2));
    await home.dispose();
    await fs.rm(cliDir, { recursive: true, force: true });
    return;
  }

  // ---------------------------------------------------------------------------------- scale
  interface ScaleRow { n: number; wallMs: number; perSampleMs: number; peakRssMb: number; portCollisions: number; retries: number; leftovers: number; statuses: Record<string, number>; sumOfSamplesMs: number; failures: string[] }
  const scale: ScaleRow[] = [];
  for (const n of (values.scale ?? '').split(',').filter(Boolean).map(Number)) {
    log(`scale: ${n} samples…`);
    const mark = randomUUID();
    const r = await $({ cwd: root, nothrow: true, env: { ...process.env, PARITY_BENCH_MARK: mark } })`npx tsx ${path.join(root, 'scripts', 'scale-run.ts')} ${n} ${globalArgs}`;
    if (r.exitCode !== 0) throw new Error(`scale ${n} exited ${r.exitCode}:\n${r.stderr.slice(-1500)}`);
    const row = JSON.parse(r.stdout.trim().split('\n').pop()!) as Omit<ScaleRow, 'leftovers' | 'perSampleMs'>;
    // Anything the run started carries the mark in its environment: none may outlive it.
    const leftovers = (await findProcessesWithEnv('PARITY_BENCH_MARK', mark)).length;
    const scaleReport = (row as { reportDir?: string }).reportDir;
    if (scaleReport?.includes('parity-scale-')) await fs.rm(scaleReport, { recursive: true, force: true });
    scale.push({ ...row, perSampleMs: row.wallMs / n, leftovers });
  }

  await home.dispose();
  await fs.rm(cliDir, { recursive: true, force: true });

  // ---------------------------------------------------------------------------------- report
  const ratio = (a: number[], b: number[]) => median(a) / median(b);
  const perSample = runnable.map((s) => {
    const h = m.perSampleHarness.get(s.id) ?? [];
    const f = m.perSampleFloor.get(s.id) ?? [];
    const phases = Object.fromEntries(Object.entries(m.phases.get(s.id) ?? {}).map(([k, v]) => [k, Math.round(median(v))]));
    return { id: s.id, harness: stat(h), floor: stat(f), overhead: ratio(h, f) - 1, phases };
  });
  const figures = {
    date: new Date().toISOString(),
    machine: { cores, cpu: os.cpus()[0]?.model, loadavg: os.loadavg().map((x) => Number(x.toFixed(1))), note: 'shared with other workers: compare ratios, not absolute times' },
    dapr: { cli: dapr.cli.version, daprd: dapr.daprd.version, source: dapr.source },
    rounds,
    samples: runnable.map((s) => s.id),
    notCompared,
    suite: {
      mechanicalMarkdown: m.mm.length ? stat(m.mm) : undefined,
      harnessConcurrency1: stat(m.harness1),
      harnessDefault: { concurrency: defaultConcurrency, ...stat(m.harnessN) },
      floorSerial: stat(m.floor1),
      floorTwoAtATime: stat(m.floor2),
    },
    ratios: {
      mmOverHarness: m.mm.length ? ratio(m.mm, m.harnessN) : undefined,
      mmOverHarnessConcurrency1: m.mm.length ? ratio(m.mm, m.harness1) : undefined,
      harness1OverFloorSerial: ratio(m.harness1, m.floor1),
      harnessDefaultOverFloorTwo: ratio(m.harnessN, m.floor2),
      concurrencySpeedup: ratio(m.harness1, m.harnessN),
      floorConcurrencySpeedup: ratio(m.floor1, m.floor2),
    },
    perSample,
    endToEnd: { sample: e2eSample.id, parityRun: stat(m.e2eParity), byHand: stat(m.e2eHand), overhead: ratio(m.e2eParity, m.e2eHand) - 1 },
    startup: { helpBuiltCpu: stat(m.helpCpu), helpBuilt: stat(m.helpDist), helpTsx: stat(m.helpTsx), helpNpx: stat(m.helpNpx) },
    scale,
  };

  const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
  const md: string[] = [
    `Measured ${figures.date.slice(0, 10)} on ${cores} cores (${figures.machine.cpu ?? 'unknown CPU'}; load average ${figures.machine.loadavg.join(', ')}: shared with other workers, so the absolute times are noisy — compare the ratios, measured in one run, ${rounds} interleaved rounds), dapr CLI ${dapr.cli.version}, daprd ${dapr.daprd.version}, ${runnable.length} runnable samples.`,
    ...(notCompared.length ? ['', ...notCompared.map((x) => `- not compared: ${x.id}: ${x.reason}`)] : []),
    '',
    '| the whole suite | median | spread | vs harness (default) |',
    '| --- | --- | --- | --- |',
    ...(m.mm.length ? [`| mechanical-markdown 0.8.0, READMEs serially (install steps included, as quickstarts CI runs them) | ${secs(median(m.mm))} | ${secs(spread(m.mm))} | ${ratio(m.mm, m.harnessN).toFixed(2)}× slower |`] : []),
    `| harness \`parity run\`, concurrency 1 | ${secs(median(m.harness1))} | ${secs(spread(m.harness1))} | ${ratio(m.harness1, m.harnessN).toFixed(2)}× |`,
    `| harness \`parity run\`, concurrency ${defaultConcurrency} (default) | ${secs(median(m.harnessN))} | ${secs(spread(m.harnessN))} | 1 |`,
    `| floor: the same \`dapr run\`s by hand, serially | ${secs(median(m.floor1))} | ${secs(spread(m.floor1))} | ${ratio(m.floor1, m.harnessN).toFixed(2)}× |`,
    `| floor: the same \`dapr run\`s by hand, two at a time | ${secs(median(m.floor2))} | ${secs(spread(m.floor2))} | ${ratio(m.floor2, m.harnessN).toFixed(2)}× |`,
    '',
    `Harness over floor: ${pct(ratio(m.harness1, m.floor1) - 1)} at concurrency 1 (serial floor), ${pct(ratio(m.harnessN, m.floor2) - 1)} at ${defaultConcurrency} (two-at-a-time floor). Concurrency speed-up: harness ${ratio(m.harness1, m.harnessN).toFixed(2)}×, floor ${ratio(m.floor1, m.floor2).toFixed(2)}×.`,
    '',
    '| sample | harness (c=1, from report.json) | `dapr run` by hand | overhead | phases (median ms) |',
    '| --- | --- | --- | --- | --- |',
    ...perSample.map((p) => `| ${p.id} | ${secs(p.harness.medianMs)} | ${secs(p.floor.medianMs)} | ${pct(p.overhead)} | ${Object.entries(p.phases).map(([k, v]) => `${k} ${v}`).join(', ')} |`),
    '',
    '| start-up and end to end | median | goal |',
    '| --- | --- | --- |',
    `| \`parity --help\`, ahead-of-time build (node harness/bin/parity.cjs) | ${secs(median(m.helpDist))} | < 0.25 s |`,
    `| \`parity --help\`, ahead-of-time build: CPU time (user + sys; less moved by other load than wall time) | ${secs(median(m.helpCpu))} | — |`,
    `| \`parity --help\`, from the sources through tsx (PARITY_NO_DIST=1) | ${secs(median(m.helpTsx))} | — |`,
    `| \`npx parity --help\` (npx's own start included) | ${secs(median(m.helpNpx))} | — |`,
    `| \`parity run ${e2eSample.id}\` end to end / its \`dapr run\` by hand | ${secs(median(m.e2eParity))} / ${secs(median(m.e2eHand))} = ${ratio(m.e2eParity, m.e2eHand).toFixed(3)} (overhead ${pct(ratio(m.e2eParity, m.e2eHand) - 1)}) | ≤ 15 % |`,
    `| bare \`node -e 0\` on this machine, for scale | see bench.json | — |`,
  ];
  if (scale.length) {
    md.push('', `| N copies, concurrency ${defaultConcurrency} | wall | per sample | sum of sample times | peak RSS of the harness process | port collisions | retries | processes left | statuses |`, '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...scale.map((r) => `| ${r.n} | ${secs(r.wallMs)} | ${secs(r.perSampleMs)} | ${secs(r.sumOfSamplesMs)} | ${r.peakRssMb.toFixed(0)} MB | ${r.portCollisions} | ${r.retries} | ${r.leftovers} | ${Object.entries(r.statuses).map(([k, v]) => `${v} ${k}`).join(', ')} |`));
  }
  const [nodeBare] = await timed(() => $`node -e 0`);
  (figures.startup as Record<string, unknown>).bareNodeMs = Math.round(nodeBare);
  md[md.findIndex((l) => l.includes('bare `node -e 0`'))] = `| bare \`node -e 0\` on this machine, for scale | ${secs(nodeBare)} | — |`;

  await fs.mkdir(path.join(root, 'artifacts'), { recursive: true });
  await fs.writeFile(path.join(root, 'artifacts', 'bench.json'), `${JSON.stringify(figures, null, 2)}\n`);
  await fs.writeFile(path.join(root, 'artifacts', 'bench.md'), `${md.join('\n')}\n`);
  console.log(md.join('\n'));
  console.log('\nwritten: artifacts/bench.json, artifacts/bench.md');
  console.log(`\nratios: mechanical-markdown / harness ${figures.ratios.mmOverHarness?.toFixed(2) ?? 'n/a'}× (goal ≥ 5×); harness over floor ${pct(figures.ratios.harness1OverFloorSerial - 1)} at c=1 (goal ≤ 5 %); end to end ${pct(figures.endToEnd.overhead)} (goal ≤ 15 %); --help ${secs(median(m.helpDist))} (goal < 0.25 s); concurrency speed-up ${figures.ratios.concurrencySpeedup.toFixed(2)}×`);
}
