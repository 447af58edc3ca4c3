// Runs one scenario: its scratch copy, its services, then its steps in order (installs, seed and
// verify commands, runs of one or several apps, waits on a running app, stops). Everything it
// starts is ended when the scenario ends, fails or is interrupted: background runs first, then the
// services, in reverse order. The judging of what the apps printed is judge.ts's.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, copyFileSync } from 'node:fs';
import path from 'node:path';
import { GAVE_UP_MARK, harnessRunFile, RunFileError, singleAppRunFile, START_AFTER_CAP_S, type HarnessRunFile, type StartedApp } from '../run/run-file.ts';
import { startMultiRun, type MultiRun, type MultiRunOutcome } from '../run/multi-run.ts';
import { splitCommand } from '../run/app-argv.ts';
import type { RunGoal } from '../run/conditions.ts';
import type { InstallStep, SampleSpec, ScenarioStep, StepRecord } from '../model.ts';
import { allocateDaprPorts, LOOPBACK, waitPortsFree } from '../processes/ports.ts';
import { GENERATED_DIRS } from '../files/generated-dirs.ts';
import { runShellStep } from '../processes/shell-step.ts';
import { checkExpectedLines } from '../golden/expected-lines.ts';
import { pointAtServices, componentFiles, type ServiceEndpoints } from '../samples/components.ts';
import { installSample } from '../samples/install.ts';
import { prepareScratch, type ScratchCopy } from '../samples/scratch.ts';
import type { UnreachableRegistry } from '../samples/unreachable-registry.ts';
import { startPostgres } from '../services/postgres.ts';
import { keyspaceUnsubscribed, startRedis } from '../services/redis.ts';
import { withPrivateNameResolution } from '../dapr/config.ts';
import { startPlacement } from '../services/placement.ts';
import { startScheduler } from '../services/scheduler.ts';
import type { ControlPlane } from '../dapr/control-plane.ts';
import type { ServiceKind } from '../model.ts';
import { ServiceStartError, stopAll, type RunningService } from '../services/service.ts';
import { enclosingDirs, referencedDirs } from './references.ts';
import { runRequestStep } from './http-step.ts';
import { addPhases, installPhases, stepPhaseName } from '../run/phases.ts';
import type { StepValues } from './http-values.ts';

const SH_TIMEOUT_MS = 120_000;

/** One run step's outcome, with the apps it was meant to start. */
export interface RunRecord {
  step: Extract<ScenarioStep, { kind: 'run' }>;
  index: number;
  outcome: MultiRunOutcome;
}

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
  const background: { run: MultiRun; appIds: string[]; record: Promise<void> }[] = [];
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
    const env = { ...sample.env, ...serviceEnv };
    const configFile = privateNameResolution(copy.root, req.runtimePath);
    // Named values for request steps: captured from responses, and each started app's ports.
    const values: StepValues = {};
    out.notes.push('name resolution: sqlite on a database private to the sample, not mDNS (mDNS answers for every sidecar on the machine, so samples running at once with one app id would take each other\'s invocations)');

    const endBackground = async (why?: string) => {
      for (const b of background.splice(0)) {
        if (why) b.run.stop(why);
        await b.record;
      }
    };

    for (const [index, step] of scenario.steps.entries()) {
      if (req.signal?.aborted) throw new Error('interrupted');
      if (step.kind === 'install') continue;
      const t = Date.now();
      const record = (ok: boolean, detail?: string) => out.steps.push({ kind: step.kind, name: step.name, ...(step.line ? { line: step.line } : {}), ms: Date.now() - t, ok, ...(detail ? { detail } : {}) });
      if (step.kind === 'sh') {
        const r = await time(stepPhaseName(index, step.kind, step.name), () => runShellStep(step.run, { cwd: here(step.cwd), env, pathPrepend, timeoutMs: SH_TIMEOUT_MS }));
        const log = path.join(req.logDir, `step-${index + 1}.log`);
        writeFileSync(log, `$ ${step.run}\n${r.output}`);
        out.logFiles.push(log);
        if (step.note) out.notes.push(`step ${index + 1}: ${step.note}`);
        if (r.exitCode !== 0) {
          record(false, `exit ${r.exitCode ?? r.signal}`);
          throw new StepFailure(`step ${index + 1} (${step.name}) failed: exit ${r.exitCode ?? r.signal}: ${r.output.trim().split('\n').pop() ?? ''}`);
        }
        const v = step.expect ? checkExpectedLines(r.output, step.expect) : { ok: true };
        if (!v.ok) {
          record(false, `"${v.missing}" not in its output`);
          throw new StepFailure(`step ${index + 1} (${step.name}): expected "${v.missing}" in its output`);
        }
        record(true, step.note);
      } else if (step.kind === 'run') {
        // Two runs of one app id at once would share its state and logs: a later run waits.
        const ids = step.apps.map((a) => a.appId);
        for (const b of background.filter((x) => x.appIds.some((id) => ids.includes(id)))) {
          await b.record;
          background.splice(background.indexOf(b), 1);
        }
        const started = await startRunStep(step, index, { req, copy, here, env, pathPrepend, out, configFile, controlPlane });
        live.add(started.run);
        if (serviceDown) started.run.stop(serviceDown);
        for (const a of started.apps) {
          if (a.daprHttpPort) values[`daprHttpPort:${a.appId}`] = String(a.daprHttpPort);
          if (a.appPort) values[`appPort:${a.appId}`] = String(a.appPort);
        }
        const finished = started.run.done.then((outcome) => {
          live.delete(started.run);
          out.runs.push({ step, index, outcome });
          out.logFiles.push(...keepRunLogs(req.logDir, index, outcome));
          for (const a of outcome.apps) {
            const gaveUp = a.lines.find((l) => l.includes(GAVE_UP_MARK));
            if (gaveUp) out.notes.push(`step ${index + 1}: ${a.appId}: ${gaveUp.slice(gaveUp.indexOf(GAVE_UP_MARK) + 'parity: '.length)}`);
          }
          if (outcome.leftovers.length) req.log(`${sample.id}: ${outcome.leftovers.length} process(es) outlived dapr run -f and were ended`);
          const ok = outcome.ended === 'done';
          out.steps.push({ kind: 'run', name: step.name, ...(step.line ? { line: step.line } : {}), ms: outcome.durationMs, ok, ...(ok ? {} : { detail: outcome.failure }) });
          out.phases[stepPhaseName(index, step.kind, step.name)] = outcome.durationMs;
          if (!ok && !out.failure) out.failure = `step ${index + 1} (${step.name}): ${outcome.failure}`;
        });
        if (step.background) background.push({ run: started.run, appIds: ids, record: finished });
        else await finished;
        if (out.failure) throw new StepFailure(out.failure);
      } else if (step.kind === 'wait') {
        // Waits while a background run goes on: for an app's line, or for the store to see the
        // app's subscription. The run ending first, or the cap, fails the step.
        const b = 'app' in step ? [...background].reverse().find((x) => x.appIds.includes(step.app)) : background.at(-1);
        if (!b) {
          record(false, 'no background run');
          throw new StepFailure(`step ${index + 1} (${step.name}): ${'app' in step ? `no run of ${step.app} is going on` : 'no run is going on'}`);
        }
        if ('subscribed' in step && !redis) {
          record(false, 'no redis');
          throw new StepFailure(`step ${index + 1} (${step.name}): the sample has no redis service`);
        }
        const deadline = Date.now() + step.timeoutMs;
        let ended = false;
        void b.record.then(() => { ended = true; });
        let missing: string[] = [];
        for (;;) {
          if ('app' in step) {
            const p = b.run.progress().find((x) => x.appId === step.app);
            if (p?.lines.some((l) => l.includes(step.match))) break;
          } else {
            missing = await keyspaceUnsubscribed(redis!.port, step.subscribed);
            if (missing.length === 0) break;
          }
          const what = 'app' in step ? `${step.app} ${ended ? 'ended without printing' : 'did not print'} "${step.match}"` : `no subscriber of ${missing.join(', ')} on redis`;
          if (ended) {
            record(false, 'the run ended first');
            throw new StepFailure(`step ${index + 1} (${step.name}): ${'app' in step ? what : `the run ended with ${what}`}`);
          }
          if (Date.now() > deadline) {
            record(false, 'timed out');
            throw new StepFailure(`step ${index + 1} (${step.name}): ${what} within ${step.timeoutMs / 1000} s`);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        record(true);
        out.phases[stepPhaseName(index, step.kind, step.name)] = Date.now() - t;
      } else if (step.kind === 'request') {
        const r = await time(stepPhaseName(index, step.kind, step.name), () => runRequestStep(step, {
          values, cli: req.cli.path, runtimePath: req.runtimePath, env, pathPrepend, here, ...(req.signal ? { signal: req.signal } : {}),
        }));
        const log = path.join(req.logDir, `step-${index + 1}.log`);
        writeFileSync(log, `${r.log}\n(${r.ok ? 'ok' : r.detail})\n`);
        out.logFiles.push(log);
        record(r.ok, r.detail);
        if (!r.ok) throw new StepFailure(`step ${index + 1} (${step.name}): ${r.what}: ${r.detail}`);
        Object.assign(values, r.captured);
      } else if (step.kind === 'stop') {
        await endBackground();
        record(!out.failure);
        if (out.failure) throw new StepFailure(out.failure);
      }
    }
    await endBackground();
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

class StepFailure extends Error {}

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

/** How long a run waits at most for a port it fixes to be released by a program outside the harness's run. */
const PORT_WAIT_MS = 60_000;

/**
 * How long a run waits for a port it fixes: up to a minute, but never longer than the run itself
 * may take (a `--timeout 10` run that waited a minute before starting would not be one). Pure.
 */
export function portWaitMs(runTimeoutMs: number): number {
  return Math.min(PORT_WAIT_MS, runTimeoutMs);
}

/** Writes the harness's run file for a run step and starts it. */

async function startRunStep(step: Extract<ScenarioStep, { kind: 'run' }>, index: number, c: {
  req: ScenarioRequest; copy: ScratchCopy; here: (rel: string) => string; env: Record<string, string>; pathPrepend: string[]; out: ScenarioOutcome; configFile: string;
  controlPlane: { placement?: string; scheduler?: string };
}): Promise<{ run: MultiRun; apps: StartedApp[] }> {
  const { req, here } = c;
  let text: string;
  let runFileDir: string;
  if (step.launch.kind === 'file') {
    const original = here(step.launch.file);
    if (!existsSync(original)) throw new StepFailure(`step ${index + 1} (${step.name}): run file ${step.launch.file} does not exist`);
    text = readFileSync(original, 'utf8');
    runFileDir = path.dirname(original);
  } else {
    const appDir = here(step.launch.cwd);
    text = singleAppRunFile({
      appId: step.launch.appId, argv: splitCommand(step.launch.command), appDir,
      ...(step.launch.resources ? { resources: path.resolve(appDir, step.launch.resources) } : {}),
      ...(step.launch.appPort ? { appPort: step.launch.appPort } : {}),
      ...(step.launch.appProtocol ? { appProtocol: step.launch.appProtocol } : {}),
    });
    runFileDir = appDir;
    c.out.notes.push(`step ${index + 1}: the single-app dapr run is started as a one-app run file, so its app's output and exit are read as every app's are`);
  }
  const ports = await Promise.all(step.apps.map(() => allocateDaprPorts()));
  const after = Object.fromEntries(step.apps.flatMap((a) => (a.after ? [[a.appId, a.after.apps]] : [])));
  let generated: HarnessRunFile;
  try {
    generated = harnessRunFile(text, {
      runFileDir, ports, configFile: c.configFile, controlPlane: c.controlPlane,
      ...(Object.keys(after).length ? { after, wait: { node: process.execPath, capSeconds: START_AFTER_CAP_S } } : {}),
    });
  } catch (err) {
    if (err instanceof RunFileError) throw new StepFailure(`step ${index + 1} (${step.name}): run file: ${err.message}`);
    throw err;
  }
  const unknown = step.apps.filter((a) => !generated.apps.some((g) => g.appId === a.appId)).map((a) => a.appId);
  if (unknown.length) throw new StepFailure(`step ${index + 1} (${step.name}): the run file starts no app ${unknown.join(', ')} (it has ${generated.apps.map((a) => a.appId).join(', ')})`);
  // A port the sample fixes must be free: another program on an app's port would answer daprd for
  // the app (its subscriptions read from the wrong process), and a daprd port taken fails the sidecar.
  const fixed = [...new Set(generated.apps.flatMap((a) => [...(a.appPort ? [a.appPort] : []), ...a.fixedPorts]))];
  const waitMs = portWaitMs(req.timeoutMs ?? step.timeoutMs);
  const taken = fixed.length ? await waitPortsFree(fixed, waitMs) : [];
  if (taken.length) {
    throw new StepFailure(`step ${index + 1} (${step.name}): ${taken.map((t) => `port ${t.port}, which the sample fixes, is taken by another process${t.holder ? ` (${t.holder})` : ''}`).join('; ')} (waited ${waitMs / 1000} s)`);
  }
  for (const a of step.apps.filter((x) => x.after)) {
    const sidecars = `${a.after!.apps.map((x) => `${x}'s`).join(' and ')} sidecar${a.after!.apps.length > 1 ? 's were' : ' was'}`;
    c.out.notes.push(`step ${index + 1}: ${a.appId} started only once ${sidecars} ready (GET /v1.0/healthz answering 204, at most ${START_AFTER_CAP_S} s): ${a.after!.why}`);
  }
  const runFile = path.join(runFileDir, `.parity-run-${index + 1}.yaml`);
  writeFileSync(runFile, generated.yaml);
  const goal: RunGoal = { apps: step.apps, ...(step.expect ? { expect: step.expect } : {}) };
  // Apps the manifest does not list still run (the run file starts them): they are jobs to it.
  const listed = new Set(step.apps.map((a) => a.appId));
  const extra = generated.apps.filter((a) => !listed.has(a.appId)).map((a) => ({ appId: a.appId, role: 'job' as const }));
  const run = startMultiRun({
    cli: req.cli.path, runtimePath: req.runtimePath, runFile, apps: generated.apps,
    goal: { ...goal, apps: [...goal.apps, ...extra] },
    env: { ...c.env, PATH: [...c.pathPrepend, process.env.PATH ?? ''].join(path.delimiter) },
    timeoutMs: req.timeoutMs ?? step.timeoutMs,
    ...(req.signal ? { signal: req.signal } : {}),
    ...(req.apiToken ? { apiToken: req.apiToken } : {}),
  });
  return { run, apps: generated.apps };
}

/** The run's raw log (the CLI's output) and a copy of each app's and daprd's log file, in the sample's log folder. */
function keepRunLogs(logDir: string, index: number, outcome: MultiRunOutcome): string[] {
  const files: string[] = [];
  const cli = path.join(logDir, `run-${index + 1}.log`);
  writeFileSync(cli, `$ ${outcome.argv.join(' ')}\n${outcome.all}\n(${outcome.ended}${outcome.failure ? `: ${outcome.failure}` : ''}, ${outcome.durationMs} ms)\n`);
  files.push(cli);
  for (const app of outcome.apps) {
    for (const [kind, file] of [['app', app.appLog], ['daprd', app.daprdLog]] as const) {
      if (!file || !existsSync(file)) continue;
      const dest = path.join(logDir, `run-${index + 1}-${app.appId}-${kind}.log`);
      copyFileSync(file, dest);
      files.push(dest);
    }
  }
  return files;
}

