// Runs the selected samples: toolchains, cached install, `dapr run` observed (infrastructure
// causes retried), golden verdict, parity. Returns the one result model every reporter reads.
// The orchestrator only: each step lives a layer down (run/, golden/, parity/, report/).
import path from 'node:path';
import type { DaprBinaries } from './dapr/provision.ts';
import { createIsolatedHome } from './dapr/home.ts';
import { controlPlaneOnce, type ControlPlane } from './dapr/control-plane.ts';
import { daprConfigYaml, type SecretScope } from './dapr/config.ts';
import type { DaprVersions, GoldenMode, Manifest, RunReport, SampleResult, SampleSpec } from './model.ts';
import { combineMatrix } from './report/combine.ts';
import { fanOut, type Reporter } from './report/reporter.ts';
import { compareWithGolden } from './golden/compare.ts';
import { orphanGoldens, readGolden, writeGoldenAtomic } from './golden/store.ts';
import { checkExpectedLines } from './golden/expected-lines.ts';
import { stabilityVerdict } from './golden/stability.ts';
import { decideGolden } from './golden/verdict.ts';
import { checkParity, SECRET_KEY } from './parity/check.ts';
import { parseSecretOutput } from './parity/parse-secret.ts';
import { readSecrets, secretsByFile, secretsFileFor } from './parity/secrets-file.ts';
import { observeWithRetries, type AttemptsRequest, type AttemptsResult } from './run/attempts.ts';
import { addPhases, CLAIM_WAIT_PHASE, installPhases, PhaseClock } from './run/phases.ts';
import { formatDuration } from './text/format.ts';
import { observeRequest } from './run/request.ts';
import { installSample } from './samples/install.ts';
import { unreachableReason } from './samples/unreachable-registry.ts';
import { missingRuntime } from './samples/missing-runtime.ts';
import { checkToolchains } from './samples/toolchains.ts';
import { choosePython } from './samples/python.ts';
import { makeDirs } from './files/make-dirs.ts';
import { blocksParity } from './parity/facts.ts';
import { claimsOf } from './scenario/references.ts';
import { pruneScratch } from './samples/scratch.ts';
import { claimWaitCause, longestFirst, runScheduled, type ClaimWait } from './scheduling/schedule.ts';
import { runScenarioSample } from './scenario/sample.ts';

export interface RunOptions {
  manifest: Manifest;
  samples: SampleSpec[];
  dapr: DaprBinaries;
  reportDir: string;
  /** Compare with goldens, or record new ones (`--update`). */
  mode: GoldenMode;
  strict: boolean;
  concurrency: number;
  /** Overrides every sample's timeout (ms). */
  timeoutMs?: number;
  /** A fixed daprd HTTP port for every sample (reproducing a port clash); normally chosen free. */
  httpPort?: number;
  /** How many extra attempts an infrastructure failure gets. */
  retries: number;
  /** When overwriting: how many runs must agree before a golden is written (default 2). */
  updateRuns?: number;
  /** Where install steps, golden writes and process notes go (the progress lines are the reporters'). */
  log: (line: string) => void;
  /** Told as each sample starts and ends (report/reporter.ts); the run's end is the command's to report. */
  reporters?: readonly Reporter[];
  signal?: AbortSignal;
  /** Each sample's duration in the last run (its report.json): the longest start first. */
  lastDurationsMs?: Readonly<Record<string, number>>;
  // Security settings are passed down as data; see harness/security/options.ts.
  /** API token mode: this run's DAPR_API_TOKEN for every sidecar and app; redacted everywhere. */
  apiToken?: string;
  /** Secret scopes written into the isolated home's Dapr Configuration. */
  secretScopes?: SecretScope[];
}

function safeName(id: string): string {
  return id.replace(/[^a-zA-Z0-9_-]+/g, '-');
}

/** The request `run` observes a sample with (exported so a test can hold it equal to docs --exec's). */
export function runRequest(sample: SampleSpec, opts: RunOptions, runtimePath: string, logDir: string, golden: string | undefined): AttemptsRequest {
  return observeRequest(sample, opts.manifest, opts, { cli: opts.dapr.cli, runtimePath, logDir, golden, label: sample.id, log: opts.log });
}

/**
 * The sample's output, observed once; under --update as many times as `updateRuns` asks, and
 * then a failure unless every run printed the same (a golden must hold still from the first).
 */
async function observeSample(sample: SampleSpec, opts: RunOptions, runtimePath: string, logDir: string, golden: string | undefined): Promise<AttemptsResult> {
  const runs = opts.mode === 'overwrite' ? Math.max(1, opts.updateRuns ?? 2) : 1;
  const results: AttemptsResult[] = [];
  for (let i = 0; i < runs; i++) {
    const run = await observeWithRetries(runRequest(sample, opts, runtimePath, logDir, golden));
    results.push(run);
    if (run.failure || !run.observation) return { ...run, phases: results.reduce((sum, r) => addPhases(sum, r.phases), {}) };
  }
  const phases = results.reduce((sum, r) => addPhases(sum, r.phases), {});
  // What the filters dropped over every run: the first run's downloads are the ones worth seeing.
  const filtered: Record<string, number> = {};
  for (const r of results) for (const [k, n] of Object.entries(r.observation!.filtered)) filtered[k] = (filtered[k] ?? 0) + n;
  const last = { ...results[results.length - 1]!, observation: { ...results[results.length - 1]!.observation!, filtered }, phases };
  const verdict = stabilityVerdict(results.map((r) => r.observation!.output), path.relative(opts.manifest.root, sample.golden));
  if (verdict.stable) return last;
  const hint = verdict.suggestions.length ? `; to hold them, add to the sample in samples.yaml:\n  ${verdict.suggestions.join('\n  ')}` : '';
  return { ...last, failure: `not recorded: the ${runs} runs printed different output (the golden is left as it was)${hint}\n${verdict.diff}` };
}

/** A result without what `runOne` adds to every one (its sample's names, its time), status by status. */
type Outcome<R = SampleResult> = R extends unknown ? Omit<R, 'id' | 'language' | 'variant' | 'durationMs' | 'attempts'> & { attempts?: number } : never;

async function runOne(sample: SampleSpec, opts: RunOptions, runtimePath: string, controlPlane?: () => Promise<ControlPlane>): Promise<SampleResult> {
  const started = Date.now();
  const clock = new PhaseClock();
  const done = (r: Outcome): SampleResult =>
    ({ id: sample.id, ...(sample.block ? { block: sample.block } : {}), language: sample.language, variant: sample.variant, durationMs: Date.now() - started, attempts: 0, ...r, phases: clock.phases });
  const logDir = path.join(opts.reportDir, 'logs', safeName(sample.id));
  await makeDirs(logDir);

  // What this machine lacks (a toolchain, a reachable registry) skips the sample, or fails it under --strict.
  const cannotRunHere = (reason: string, logFile?: string) => done(opts.strict ? { status: 'failed', reason: `--strict: ${reason}`, logFile } : { status: 'skipped', reason, logFile });
  const tools = await clock.time('toolchains', () => checkToolchains(sample.toolchains));
  if (tools.reason) return cannotRunHere(tools.reason);
  // A sample whose code needs a newer Python than PATH's runs with the oldest one here that has it.
  const python = sample.python && sample.toolchains.includes('python3') ? await clock.time('toolchains', () => choosePython(sample.python!.min, sample.python!.why)) : undefined;
  if (python?.reason) return cannotRunHere(python.reason);
  const versions = python?.version ? [...tools.versions.filter((v) => !v.startsWith('python3@')), python.version] : tools.versions;
  if (sample.scenario) {
    const r = await runScenarioSample(sample, {
      treeRoot: opts.manifest.root, cli: opts.dapr.cli, runtimePath, logDir, toolchainVersions: versions,
      ...(python?.pathPrepend.length ? { toolPath: python.pathPrepend } : {}), ...(python?.note ? { toolNotes: [python.note] } : {}),
      mode: opts.mode, updateRuns: opts.updateRuns ?? 2, strict: opts.strict, log: opts.log, ...(controlPlane ? { controlPlane } : {}),
      ...(opts.timeoutMs ? { timeoutMs: opts.timeoutMs } : {}), ...(opts.apiToken ? { apiToken: opts.apiToken } : {}), ...(opts.signal ? { signal: opts.signal } : {}),
    });
    clock.add(r.phases ?? {});
    return done(r);
  }
  const install = await installSample(sample, { logDir, toolchainVersions: tools.versions, onStep: opts.log });
  clock.add(installPhases(install.steps));
  if (install.unreachable) return cannotRunHere(unreachableReason(install.unreachable), install.logFile);
  if (!install.ok) return done({ status: 'failed', reason: install.error ?? 'install failed', logFile: install.logFile });

  const golden = await readGolden(sample.golden);
  const run = await observeSample(sample, opts, runtimePath, logDir, golden);
  clock.add(run.phases);
  const attempted = { attempts: run.attempts, retries: run.retries, logFile: run.logFile };
  // A runtime version the app targets and this machine lacks is the machine's, not the sample's.
  const noRuntime = run.failure && run.observation ? missingRuntime(run.observation.split.app) : undefined;
  if (noRuntime) return cannotRunHere(noRuntime, run.logFile);
  if (run.failure || !run.observation) {
    return done({ ...attempted, output: run.observation?.output, filtered: run.observation?.filtered, status: 'failed', reason: run.failure ?? 'no output' });
  }
  const { output, filtered } = run.observation;
  const ran = { ...attempted, output, filtered };

  const label = path.relative(opts.manifest.root, sample.golden);
  const decision = decideGolden(compareWithGolden(output, golden, label), { mode: opts.mode, sampleId: sample.id, label });
  if (decision.write) {
    await writeGoldenAtomic(sample.golden, output);
    opts.log(`${sample.id}: ${decision.note}`);
  }
  const parsed = parseSecretOutput(output, SECRET_KEY);
  const expectedLines = sample.expect ? checkExpectedLines(output, sample.expect) : undefined;
  const checked = { ...ran, expectedLines, ...(parsed.ok ? { parsedSecret: parsed.map } : { parityError: parsed.error }) };
  if (decision.failure) return done({ ...checked, status: 'failed', ...decision.failure });
  if (expectedLines && !expectedLines.ok) return done({ ...checked, status: 'failed', reason: `expected lines: "${expectedLines.missing}" ${expectedLines.outOfOrder ? 'is printed, but not after the line before it' : 'is not in the output'} (samples.yaml expect, from the README)` });
  if (!parsed.ok) return done({ ...checked, status: 'failed', reason: `parity: ${parsed.error}` });
  // Passed or flaky from here: the secret map was read.
  const read = { ...ran, expectedLines, parsedSecret: parsed.map };
  if (run.attempts > 1) return done({ ...read, status: 'flaky', reason: `passed on attempt ${run.attempts}; earlier: ${run.retries.map((r) => r.retryCause).join('; ')}` });
  return done({ ...read, status: 'passed' });
}

/**
 * The sample's wait in the queue on another's claim, as its first phase and a note: shown, but
 * not in its durationMs, which is its own run's time.
 */
export function withClaimWait(r: SampleResult, waited: ClaimWait | undefined): SampleResult {
  if (!waited) return r;
  const note = `queued ${formatDuration(waited.ms)} before it started (claim: ${claimWaitCause(waited)})`;
  return { ...r, queued: waited, phases: { [CLAIM_WAIT_PHASE]: waited.ms, ...r.phases }, notes: [note, ...(r.notes ?? [])] };
}

export async function runSamples(opts: RunOptions): Promise<RunReport> {
  const startedAt = new Date();
  const home = await createIsolatedHome(opts.dapr.daprd.path, { config: daprConfigYaml({ secretScopes: opts.secretScopes }) }); // the Dapr config is built from data
  const reporter = fanOut(opts.reporters ?? []);
  if (opts.samples.some((s) => s.scenario)) {
    const pruned = pruneScratch();
    if (pruned) opts.log(`removed ${pruned} scratch cop(ies) of trees that no longer exist, or unused for 14 days`);
  }
  reporter.onRunStart(opts.samples);
  try {
    // Built (or found) the first time a sample needing placement or scheduler asks, then shared.
    const controlPlane = controlPlaneOnce(opts.dapr, opts.log);
    // A sample whose fixed ports another one holds waits in the queue, not in a lane.
    const jobs = opts.samples.map((sample) => ({ item: sample, claims: sample.scenario ? claimsOf(sample) : [] }));
    const order = longestFirst(jobs, (s) => opts.lastDurationsMs?.[s.id]);
    const results = await runScheduled(jobs, { concurrency: opts.concurrency, order, name: (s) => s.id }, async (sample, waited): Promise<SampleResult> => {
      if (opts.signal?.aborted) {
        return { id: sample.id, ...(sample.block ? { block: sample.block } : {}), language: sample.language, variant: sample.variant, status: 'failed' as const, durationMs: 0, attempts: 0, reason: 'interrupted before it started' };
      }
      reporter.onSampleStart(sample);
      const r = withClaimWait(sample.scenario
        ? await runOne(sample, opts, home.runtimePath, controlPlane)
        : { ...(await runOne(sample, opts, home.runtimePath)), secretsFile: path.relative(opts.manifest.root, secretsFileFor(sample, opts.manifest)) }, waited);
      reporter.onSampleEnd(r);
      return r;
    });
    // The secret parity is the one-app samples'; scenarios have a parity per building block.
    const classic = results.filter((r) => !r.block);
    const parity = classic.length || !opts.samples.some((s) => s.scenario)
      ? checkParity(classic, readSecrets(opts.manifest.secrets), secretsByFile(classic, opts.manifest.root))
      : { ok: true, expected: {}, problems: [], checked: 0 };
    const blocks = blocksParity(results);
    const owned = opts.manifest.samples.flatMap((s) => [s.golden, ...(s.scenario?.steps.flatMap((st) => (st.kind === 'run' ? st.apps.map((a) => a.golden) : [])) ?? [])]);
    return {
      dapr: { cli: opts.dapr.cli.version, runtime: opts.dapr.daprd.version },
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      samples: results,
      parity,
      ...(blocks.length ? { blocks } : {}),
      orphanGoldens: orphanGoldens(path.join(opts.manifest.root, 'expected'), owned).map((f) => path.relative(opts.manifest.root, f)),
    };
  } finally {
    await home.dispose();
  }
}

/**
 * The selected samples on each Dapr version pair in turn, each pair with its own binaries and
 * isolated Dapr home, its logs under `<reportDir>/<cli>@<runtime>/`; one report over all.
 */
export async function runMatrix(
  pairs: readonly DaprVersions[],
  binaries: (versions: DaprVersions) => Promise<DaprBinaries>,
  opts: Omit<RunOptions, 'dapr'>,
): Promise<RunReport> {
  const reports: RunReport[] = [];
  for (const pair of pairs) {
    if (opts.signal?.aborted) break;
    const dapr = await binaries(pair);
    opts.log(`── dapr CLI ${dapr.cli.version}, daprd ${dapr.daprd.version} (${dapr.source})`);
    reports.push(await runSamples({ ...opts, dapr, reportDir: path.join(opts.reportDir, `${pair.cli}@${pair.runtime}`) }));
  }
  return combineMatrix(reports);
}
