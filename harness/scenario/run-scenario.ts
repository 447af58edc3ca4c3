// Runs one scenario: its scratch copy, its services, then its steps in order (installs, seed and
// verify commands, runs of one or several apps, waits on a running app, stops). Everything it
// starts is ended when the scenario ends, fails or is interrupted: background runs first, then the
// services, in reverse order. Each step kind is interpreted by its module in steps/; the judging of
// what the apps printed is judge.ts's.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { MultiRun } from '../run/multi-run.ts';
import type { InstallStep, SampleSpec, ScenarioStep, StepRecord } from '../model.ts';
import { LOOPBACK } from '../processes/ports.ts';
import { GENERATED_DIRS } from '../files/generated-dirs.ts';
import { pointAtServices, componentFiles, type ServiceEndpoints } from '../samples/components.ts';
import { installSample } from '../samples/install.ts';
import { prepareScratch, type ScratchCopy } from '../samples/scratch.ts';
import type { UnreachableRegistry } from '../samples/unreachable-registry.ts';
import { startPostgres } from '../services/postgres.ts';
import { startRedis } from '../services/redis.ts';
import { withPrivateNameResolution } from '../dapr/config.ts';
import { startPlacement } from '../services/placement.ts';
import { startScheduler } from '../services/scheduler.ts';
import type { ControlPlane } from '../dapr/control-plane.ts';
import type { ServiceKind } from '../model.ts';
import { ServiceStartError, stopAll, type RunningService } from '../services/service.ts';
import { enclosingDirs, referencedDirs } from './references.ts';
import { addPhases, installPhases } from '../run/phases.ts';
import { StepFailure, type BackgroundRun, type RunRecord, type StepAt, type StepContext } from './steps/context.ts';
import { runShStep } from './steps/sh.ts';
import { runRunStep } from './steps/run.ts';
import { runWaitStep } from './steps/wait.ts';
import { runRequest } from './steps/request.ts';
import { endBackground, runStopStep } from './steps/stop.ts';

export interface ScenarioOutcome {
  steps: StepRecord[];
  runs: RunRecord[];
  /** How the sample's environment was provided differently from its README: listed, not judged. */
  notes: string[];
  services: { kind: string; host: string; readyMs: number; logFile: string }[];
  /** The first failure, one line. */
  failure?: string;
  /** The install could not reach its package registry: the sample cannot run on this machine. */
  unreachable?: UnreachableRegistry;
  /** Raw logs kept for the sample (install, each run, each app and daprd). */
  logFiles: string[];
  phases: Record<string, number>;
  /** The scratch copy's root (its paths in the apps' output are redacted like the tree's). */
  scratchRoot?: string;
  /** What the sample's stores hold once its steps are done (a PostgreSQL's rows), for the block's facts. */
  stored?: string;
}

export interface ScenarioRequest {
  sample: SampleSpec;
  treeRoot: string;
  cli: { path: string; version: string };
  runtimePath: string;
  logDir: string;
  toolchainVersions: string[];
  /** Toolchain folders put in front of PATH after the sample's own (the interpreter a sample's Python floor picked). */
  toolPath?: string[];
  /** What was chosen for it differently from the machine's defaults, for its notes. */
  toolNotes?: string[];
  timeoutMs?: number;
  apiToken?: string;
  signal?: AbortSignal;
  log: (line: string) => void;
  /** placement and scheduler of daprd's version, asked for only by a sample that needs them. */
  controlPlane?: () => Promise<ControlPlane>;
}

/** Starts one service of the sample; its data, if any, under the scratch copy's `.parity-services/<kind>`. */
async function startService(kind: ServiceKind, req: ScenarioRequest, copy: ScratchCopy): Promise<RunningService> {
  const dataDir = path.join(copy.root, '.parity-services', kind);
  mkdirSync(dataDir, { recursive: true });
  if (kind === 'redis') return startRedis({ logDir: req.logDir, dataDir });
  if (kind === 'postgres') return startPostgres({ logDir: req.logDir });
  const cp = await req.controlPlane?.();
  if (!cp || 'missing' in cp) throw new Error(`${kind}: ${cp?.missing ?? 'no control-plane binaries were given'}`);
  return kind === 'placement' ? startPlacement({ bin: cp.placement, logDir: req.logDir }) : startScheduler({ bin: cp.scheduler, logDir: req.logDir, dataDir });
}

/**
 * Every component file of the tree's folders the sample uses, pointed at the sample's services and
 * written to its copy; read from the tree each time, so the copy never carries an earlier run's port.
 */
function pointComponents(treeDirs: readonly string[], treeRoot: string, endpoints: ServiceEndpoints, copy: ScratchCopy): string[] {
  const notes: string[] = [];
  const visit = (dir: string) => {
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
    for (const file of componentFiles(dir)) {
      const r = pointAtServices(readFileSync(file, 'utf8'), endpoints);
      if (r.changes.length) {
        const rel = path.relative(treeRoot, file);
        writeFileSync(path.join(copy.root, rel), r.text);
        const ports = [endpoints.redis?.split(':').pop(), endpoints.postgres?.port].filter(Boolean).map(String);
        const masked = (c: string) => c.replace(/\d+/g, (n) => (ports.includes(n) ? '[PORT]' : n));
        notes.push(...r.changes.map((c) => `${rel}: ${masked(c)} (the sample's own ${/^[^:]*: redisHost /.test(c) ? 'redis' : 'PostgreSQL'})`));
      }
    }
    for (const e of readdirSync(dir, { withFileTypes: true })) if (e.isDirectory() && !GENERATED_DIRS.has(e.name)) visit(path.join(dir, e.name));
  };
  for (const d of treeDirs) visit(d);
  return notes;
}

export async function runScenario(req: ScenarioRequest): Promise<ScenarioOutcome> {
  const { sample } = req;
  const scenario = sample.scenario!;
  const out: ScenarioOutcome = { steps: [], runs: [], notes: [], services: [], logFiles: [], phases: {} };
  const time = async <T>(phase: string, f: () => Promise<T>): Promise<T> => {
    const t = Date.now();
    try {
      return await f();
    } finally {
      out.phases[phase] = (out.phases[phase] ?? 0) + Date.now() - t;
    }
  };
  mkdirSync(req.logDir, { recursive: true });
  const dirs = referencedDirs(sample);
  let copy: ScratchCopy;
  try {
    copy = prepareScratch({ treeRoot: req.treeRoot, sampleId: sample.id, sampleDir: sample.dir, dirs, overlays: scenario.overlays, shallow: enclosingDirs(sample, path.resolve(req.treeRoot)) });
  } catch (err) {
    return { ...out, failure: (err as Error).message };
  }
  out.scratchRoot = copy.root;
  for (const ov of scenario.overlays) out.notes.push(`overlay: ${ov.file}: ${JSON.stringify(ov.replace)} → ${JSON.stringify(ov.with)} (${ov.reason})`);
  const here = (rel: string) => path.resolve(copy.dir, rel);
  const pathPrepend = [...sample.pathPrepend.map((p) => path.join(copy.root, path.relative(req.treeRoot, p))), ...(req.toolPath ?? [])];
  out.notes.push(...(req.toolNotes ?? []));

  // Installs first, in order, each skipped while its inputs are unchanged: a README repeats the
  // same install before each of its runs, and one stamp serves them all.
  const installs = scenario.steps.filter((s): s is Extract<ScenarioStep, { kind: 'install' }> => s.kind === 'install');
  if (installs.length) {
    const t = Date.now();
    const r = await installSample({ ...sample, dir: copy.dir, install: installs.map((s): InstallStep => s.install), pathPrepend }, { logDir: req.logDir, toolchainVersions: req.toolchainVersions, onStep: req.log });
    out.phases = addPhases(out.phases, installPhases(r.steps));
    out.logFiles.push(r.logFile);
    out.steps.push({ kind: 'install', name: `${installs.length} install step(s)`, line: installs[0]!.line, ms: Date.now() - t, ok: r.ok, detail: `${r.ran} ran, ${r.skipped} skipped (inputs unchanged)` });
    if (r.unreachable) return { ...out, unreachable: r.unreachable, failure: r.error };
    if (!r.ok) return { ...out, failure: r.error ?? 'install failed' };
  }

  const services: RunningService[] = [];
  const live = new Set<MultiRun>();
  let serviceDown: string | undefined;
  const background: BackgroundRun[] = [];
  try {
    for (const kind of scenario.services) {
      const s = await time('services', () => startService(kind, req, copy));
      services.push(s);
      out.services.push({ kind: s.kind, host: s.host, readyMs: s.readyMs, logFile: s.logFile });
      out.logFiles.push(s.logFile);
      // A service gone mid-run is the cause of whatever fails next: every run is ended with it.
      void s.down?.then((why) => {
        // Ctrl-C ends the services with everything else: the cause is the interruption, not them.
        if (req.signal?.aborted) return;
        serviceDown ??= why;
        for (const r of live) r.stop(why);
      });
    }
    const redis = services.find((s) => s.kind === 'redis');
    const pg = services.find((s) => s.kind === 'postgres');
    out.notes.push(...pointComponents(dirs, req.treeRoot, {
      ...(redis ? { redis: redis.host } : {}),
      ...(pg?.credentials ? { postgres: { host: LOOPBACK, port: pg.port, ...pg.credentials } } : {}),
    }, copy));
    const serviceEnv = Object.assign({}, ...services.map((s) => s.env)) as Record<string, string>;
    const hostOf = (kind: ServiceKind) => services.find((s) => s.kind === kind)?.host;
    const controlPlane = { ...(hostOf('placement') ? { placement: hostOf('placement') } : {}), ...(hostOf('scheduler') ? { scheduler: hostOf('scheduler') } : {}) };
    const configFile = privateNameResolution(copy.root, req.runtimePath);
    out.notes.push('name resolution: sqlite on a database private to the sample, not mDNS (mDNS answers for every sidecar on the machine, so samples running at once with one app id would take each other\'s invocations)');
    const c: StepContext = {
      sampleId: sample.id, cli: req.cli.path, runtimePath: req.runtimePath, logDir: req.logDir,
      ...(req.timeoutMs !== undefined ? { timeoutMs: req.timeoutMs } : {}),
      ...(req.apiToken !== undefined ? { apiToken: req.apiToken } : {}),
      ...(req.signal ? { signal: req.signal } : {}),
      log: req.log, here, env: { ...sample.env, ...serviceEnv }, pathPrepend, configFile, controlPlane,
      ...(redis ? { redis } : {}),
      values: {}, background, live, serviceDown: () => serviceDown, out, time,
    };

    for (const [index, step] of scenario.steps.entries()) {
      if (req.signal?.aborted) throw new Error('interrupted');
      if (step.kind === 'install') continue;
      const t = Date.now();
      const record = (ok: boolean, detail?: string) => out.steps.push({ kind: step.kind, name: step.name, ...(step.line ? { line: step.line } : {}), ms: Date.now() - t, ok, ...(detail ? { detail } : {}) });
      const at: StepAt = { index, startedAt: t, record };
      if (step.kind === 'sh') await runShStep(step, at, c);
      else if (step.kind === 'run') await runRunStep(step, at, c);
      else if (step.kind === 'wait') await runWaitStep(step, at, c);
      else if (step.kind === 'request') await runRequest(step, at, c);
      else if (step.kind === 'stop') await runStopStep(at, c);
    }
    await endBackground(background);
    const stores = services.filter((s): s is RunningService & { readout(): Promise<string> } => 'readout' in s);
    if (!serviceDown && stores.length) out.stored = (await Promise.all(stores.map((s) => s.readout()))).join('\n');
  } catch (err) {
    if (!out.failure) out.failure = err instanceof StepFailure || err instanceof ServiceStartError ? err.message : `harness error: ${(err as Error).message}`;
    for (const b of background.splice(0)) {
      b.run.stop(out.failure);
      await b.record;
    }
  } finally {
    await time('teardown', () => stopAll(services));
  }
  // The service's exit is the cause: what failed after it (a run ended, a query refused) is its effect.
  if (serviceDown) out.failure = serviceDown;
  return out;
}

/** The isolated home's Configuration plus name resolution on a fresh database of the sample's own; its path. */
function privateNameResolution(scratchRoot: string, runtimePath: string): string {
  const dir = path.join(scratchRoot, '.parity-services', 'names');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const home = path.join(runtimePath, '.dapr', 'config.yaml');
  const file = path.join(dir, 'config.yaml');
  writeFileSync(file, withPrivateNameResolution(existsSync(home) ? readFileSync(home, 'utf8') : '', path.join(dir, 'names.db')));
  return file;
}
