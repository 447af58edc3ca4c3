// `npm run bench -- --root TREE [--blocks a,b] [--rounds N]`: on a tree `parity init` described, in
// one invocation and on the same dapr/daprd, each sample three ways: the harness warm (`parity
// run`, its report.json durations), mechanical-markdown running the sample's README as upstream
// CI does (in a copy of the tree, with a redis on 6379 and the Dapr home `dapr init` writes), and
// the floor (the scenario's run steps under bare `dapr run`, no sleeps). Thin edge: what to compare
// and the figures are tree-plan.ts's.
import { execa } from 'execa';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resolveControlPlane } from '../../harness/dapr/control-plane.ts';
import { createIsolatedHome, type DaprHome } from '../../harness/dapr/home.ts';
import type { DaprBinaries } from '../../harness/dapr/provision.ts';
import { cacheRoot } from '../../harness/files/cache-root.ts';
import type { RunReport, SampleSpec } from '../../harness/model.ts';
import { appExitLine } from '../../harness/output/dapr-lines.ts';
import { allocatePorts, holderOf, LOOPBACK, listening } from '../../harness/processes/ports.ts';
import { serviceToken } from '../../harness/processes/supervise.ts';
import { splitCommand } from '../../harness/run/app-argv.ts';
import { loadManifest, selectSamples } from '../../harness/samples/manifest.ts';
import { harnessRunFile, singleAppRunFile } from '../../harness/run/run-file.ts';
import { resolveOnPath } from '../../harness/samples/toolchains.ts';
import { startControlPlaneService } from '../../harness/services/control-plane.ts';
import { placementArgs } from '../../harness/services/placement.ts';
import { redisPing } from '../../harness/services/redis.ts';
import { schedulerArgs } from '../../harness/services/scheduler.ts';
import type { RunningService } from '../../harness/services/service.ts';
import type { ServiceKind } from '../../harness/model.ts';
import { floorPlan, mmBlocker, mmHomeComponents, selectFromReport, summarise, treeMarkdown, type FloorRun, type SampleTimes } from './tree-plan.ts';

/** A failure of the bench's own setup (no redis-server, pip refused…): one line, no stack. */
export class BenchError extends Error {}

const MM_PORT = 6379;
/** Where `dapr init` runs placement and scheduler, and where a `dapr run` the CLI starts looks for them. */
const PLACEMENT_PORT = 50005;
const SCHEDULER_PORT = 50006;
const entry = path.join(import.meta.dirname, '..', '..', 'harness', 'bin', 'parity.cjs');

export interface TreeBenchOptions {
  root: string;
  /** Sample filters as `parity run` takes them (blocks, ids, languages). */
  filters: string[];
  rounds: number;
  dapr: DaprBinaries;
  skipMm: boolean;
  log: (line: string) => void;
  /** Where bench.json and bench.md go. */
  outDir: string;
  /** Ctrl-C: what runs is ended (every child carries a token the teardown ends); nothing new starts. */
  signal: AbortSignal;
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t = performance.now();
  const r = await f();
  return [performance.now() - t, r];
}

/** mechanical-markdown as the quickstarts' CI installs it (`pip install mechanical-markdown`, unpinned), in a venv kept in the cache. */
async function mechanicalMarkdown(log: (l: string) => void): Promise<{ venv: string; version: string }> {
  const venv = path.join(cacheRoot(), 'bench', 'mm');
  if (!existsSync(path.join(venv, 'bin', 'mm.py'))) {
    log('bench: installing mechanical-markdown into a venv (once)…');
    const mk = await execa('python3', ['-m', 'venv', venv], { reject: false, all: true });
    if (mk.exitCode !== 0) throw new BenchError(`cannot make a Python venv for mechanical-markdown (python3 -m venv ${venv}): ${String(mk.all).trim().split('\n').pop()}`);
    const pip = await execa(path.join(venv, 'bin', 'pip'), ['install', '--disable-pip-version-check', '-q', 'mechanical-markdown'], { reject: false, all: true });
    if (pip.exitCode !== 0) throw new BenchError(`pip install mechanical-markdown failed: ${String(pip.all).trim().split('\n').pop()}`);
  }
  const show = await execa(path.join(venv, 'bin', 'pip'), ['show', 'mechanical-markdown'], { reject: false });
  return { venv, version: /^Version:\s*(\S+)/m.exec(String(show.stdout))?.[1] ?? 'unknown' };
}

/** Debian's redis-server on 6379 (where the READMEs' components point), nothing persisted; or why not. */
async function startMmRedis(dataDir: string): Promise<{ stop: () => Promise<void> } | { why: string }> {
  if (!resolveOnPath('redis-server')) return { why: 'redis-server not found (apt-get install redis-server)' };
  if (await listening(MM_PORT)) {
    const ss = await execa('ss', ['-ltnpH', `sport = :${MM_PORT}`], { reject: false });
    const holder = holderOf(String(ss.stdout).split('\n')[0] ?? '');
    return { why: `port ${MM_PORT} is taken${holder ? ` by ${holder}` : ''}: mechanical-markdown's components need it` };
  }
  const svc = serviceToken();
  const child = execa('redis-server', ['--port', String(MM_PORT), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no', '--dir', dataDir, '--daemonize', 'no', '--set-proc-title', 'no'],
    { env: svc.env, extendEnv: true, reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'ignore', cleanup: false });
  const t = Date.now();
  while (!(await redisPing(MM_PORT))) {
    if (Date.now() - t > 10_000 || child.exitCode !== null) {
      await svc.stop();
      return { why: `redis-server on ${MM_PORT} did not answer PING` };
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { stop: () => svc.stop() };
}

/** Placement or scheduler on its `dapr init` port (the other ports private), its data and log under `tmp`. */
async function startMmControlPlane(kind: 'placement' | 'scheduler', port: number, bin: string, tmp: string): Promise<RunningService> {
  const logFile = path.join(tmp, `${kind}.log`);
  if (kind === 'placement') {
    const [raft, healthz] = await allocatePorts(2);
    return startControlPlaneService({ kind, bin, args: placementArgs({ port, raft: raft!, healthz: healthz! }), port, healthzPort: healthz!, ports: [port, raft!, healthz!], logFile, env: {} });
  }
  const [etcdClient, etcdPeer, healthz] = await allocatePorts(3);
  const dataDir = path.join(tmp, 'scheduler-etcd');
  await fs.mkdir(dataDir, { recursive: true });
  return startControlPlaneService({ kind, bin, args: schedulerArgs({ port, etcdClient: etcdClient!, etcdPeer: etcdPeer!, healthz: healthz! }, dataDir), port, healthzPort: healthz!, ports: [port, etcdClient!, etcdPeer!, healthz!], logFile, env: {} });
}

/** The isolated Dapr home mechanical-markdown's `dapr` commands use (DAPR_RUNTIME_PATH): the harness's daprd, plus the redis components `dapr init` writes. */
export async function writeMmHome(runtimePath: string, redis: { host: string; port: number }): Promise<void> {
  for (const [rel, text] of Object.entries(mmHomeComponents(redis))) {
    await fs.mkdir(path.dirname(path.join(runtimePath, rel)), { recursive: true });
    await fs.writeFile(path.join(runtimePath, rel), text);
  }
}

function env(sample: SampleSpec, o: { copyRoot: string; treeRoot: string; binDir: string; runtimePath: string; extraPath?: string }): Record<string, string> {
  // The sample's PATH folders, moved into the copy.
  const moved = sample.pathPrepend.map((p) => p.startsWith(o.treeRoot) ? path.join(o.copyRoot, path.relative(o.treeRoot, p)) : p);
  return {
    ...process.env as Record<string, string>, ...sample.env,
    PATH: [...moved, ...(o.extraPath ? [o.extraPath] : []), o.binDir, process.env.PATH ?? ''].join(path.delimiter),
    DAPR_RUNTIME_PATH: o.runtimePath,
    // Where a seed step's redis-cli finds the redis, as the harness tells it.
    REDIS_PORT: String(MM_PORT),
  };
}

/**
 * One run step under bare `dapr run -f`, ended (as a person would, with Ctrl-C) once its jobs have
 * all exited; its wall time. The run file is the harness's edit of the step's (run/run-file.ts):
 * with no `dapr init` here there is no scheduler or placement on localhost, and a daprd pointed at
 * them waits for them before it is ready; the edit switches them off, as for the harness's runs.
 * A one-app step (`dapr run --app-id … -- cmd`) runs as the same one-app run file the harness writes.
 */
async function floorRun(run: FloorRun, o: { dir: string; cli: string; env: Record<string, string>; timeoutMs: number; signal: AbortSignal }): Promise<number> {
  let runFilePath: string;
  let text: string;
  if (run.launch.kind === 'app') {
    const l = run.launch;
    const appDir = path.join(o.dir, l.cwd);
    runFilePath = path.join(appDir, 'dapr.yaml');
    text = singleAppRunFile({ appId: l.appId, argv: splitCommand(l.command), appDir, ...(l.resources ? { resources: path.resolve(appDir, l.resources) } : {}), ...(l.appPort ? { appPort: l.appPort } : {}), ...(l.appProtocol ? { appProtocol: l.appProtocol } : {}) });
  } else {
    const given = path.join(o.dir, run.launch.file);
    runFilePath = existsSync(given) && (await fs.stat(given)).isDirectory() ? path.join(given, 'dapr.yaml') : given;
    text = readFileSync(runFilePath, 'utf8');
  }
  const edited = harnessRunFile(text, { runFileDir: path.dirname(runFilePath), ports: [] });
  const floorFile = path.join(path.dirname(runFilePath), '.bench-floor.yaml');
  await fs.writeFile(floorFile, edited.yaml);
  const logDirs = new Map(edited.apps.map((a) => [a.appId, path.join(a.appDir, '.dapr', 'logs')]));
  for (const d of logDirs.values()) await fs.rm(d, { recursive: true, force: true });
  // Its processes carry a token: ended after the run, and by Ctrl-C's teardown while it runs.
  const guard = serviceToken(2000);
  const started = performance.now();
  const child = execa(o.cli, ['run', '-f', floorFile], { cwd: o.dir, env: { ...o.env, ...guard.env }, reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'ignore' });
  // `dapr run -f` never ends by itself: each app's log file gets the CLI's word when the app exits.
  const exited = (appId: string) => {
    const d = logDirs.get(appId);
    if (!d || !existsSync(d)) return undefined;
    for (const f of readdirSync(d).filter((x) => x.startsWith(`${appId}_app_`))) {
      for (const line of readFileSync(path.join(d, f), 'utf8').split('\n')) {
        const e = appExitLine(line.trim());
        if (e) return e;
      }
    }
    return undefined;
  };
  let failure: string | undefined;
  for (;;) {
    const states = run.jobs.map((j) => ({ j, e: exited(j) }));
    const bad = states.find((x) => x.e && !x.e.ok);
    if (bad) { failure = `${bad.j} ${bad.e!.detail}`; break; }
    if (states.every((x) => x.e)) break;
    if (child.exitCode !== null) { failure = `dapr run -f ended (${child.exitCode}) before its jobs did`; break; }
    if (performance.now() - started > o.timeoutMs) { failure = `its jobs had not exited after ${o.timeoutMs / 1000} s`; break; }
    if (o.signal.aborted) { failure = 'interrupted'; break; }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGINT');
  await Promise.race([child, new Promise((r) => setTimeout(r, 5000))]);
  await guard.stop();
  const ms = performance.now() - started;
  if (failure) throw new BenchError(`floor: ${run.name}: ${failure}`);
  return ms;
}

async function shell(cmd: string, cwd: string, e: Record<string, string>): Promise<{ ok: boolean; tail: string }> {
  const r = await execa('bash', ['-c', cmd], { cwd, env: e, reject: false, all: true, stdin: 'ignore' });
  return { ok: r.exitCode === 0, tail: String(r.all).trim().split('\n').slice(-3).join(' | ') };
}

export async function benchTree(o: TreeBenchOptions): Promise<void> {
  const { log } = o;
  const root = path.resolve(o.root);
  const manifest = loadManifest(root);
  const selected = selectSamples(manifest.samples, o.filters);
  const tmp = await fs.mkdtemp(path.join(os.tmpdir(), 'parity-bench-tree-'));
  const cleanups: (() => Promise<void>)[] = [() => fs.rm(tmp, { recursive: true, force: true })];
  try {
    // The children get exactly these binaries: one folder holding both, as --dapr-from dir: takes it.
    const binDir = path.join(tmp, 'bin');
    await fs.mkdir(binDir);
    await fs.symlink(o.dapr.cli.path, path.join(binDir, 'dapr'));
    await fs.symlink(o.dapr.daprd.path, path.join(binDir, 'daprd'));
    // A dir: source takes placement and scheduler from the same folder: the samples that need them run as they would.
    const controlPlane = await resolveControlPlane(o.dapr, log);
    if ('missing' in controlPlane) log(`bench: ${controlPlane.missing}`);
    else for (const k of ['placement', 'scheduler'] as const) await fs.symlink(controlPlane[k], path.join(binDir, k));
    const childGlobals = ['--root', root, '--dapr-from', `dir:${binDir}`];
    const ids = selected.map((s) => s.id);

    let reportN = 0;
    const parity = async (): Promise<[number, RunReport]> => {
      const reportDir = path.join(tmp, `report-${reportN++}`);
      // Serially, as mechanical-markdown and the floor run: per-sample times compare like with like.
      const [ms, r] = await timed(() => execa('node', [entry, ...childGlobals, 'run', '--report-dir', reportDir, '--concurrency', '1', ...ids], { reject: false, all: true, stdin: 'ignore' }));
      const file = path.join(reportDir, 'report.json');
      if (!existsSync(file)) throw new BenchError(`parity run exited ${r.exitCode} with no report: ${String(r.all).trim().split('\n').slice(-2).join(' | ')}`);
      return [ms, JSON.parse(readFileSync(file, 'utf8')) as RunReport];
    };

    log(`bench: ${selected.length} sample(s) of ${root}; dapr CLI ${o.dapr.cli.version}, daprd ${o.dapr.daprd.version} (${o.dapr.source}); ${o.rounds} round(s)`);
    log('bench: warm-up parity run (installs; decides what runs here)…');
    const [, warm] = await parity();
    const sel = selectFromReport(warm);
    for (const s of sel.skipped) log(`bench: ${s.id}: skipped by parity run: ${s.reason}`);
    for (const s of sel.failed) log(`bench: ${s.id}: failed under parity run, not compared: ${s.reason}`);
    const ran = selected.filter((s) => sel.ran.includes(s.id));
    if (ran.length === 0) throw new BenchError(`parity run brought none of the ${selected.length} selected sample(s) to a verdict here (reasons above): nothing to compare`);
    const notes: string[] = [];

    // A copy of the tree for mechanical-markdown and the floor: they write where they run (installs, .dapr/logs), and the user's tree is never written.
    const copyRoot = path.join(tmp, 'tree');
    await fs.cp(root, copyRoot, { recursive: true, filter: (src) => !/[/\\](?:node_modules|\.venv|target|bin[/\\]Debug|obj)$/.test(src) });
    const inCopy = (s: SampleSpec) => path.join(copyRoot, path.relative(root, s.dir));

    const redisData = path.join(tmp, 'redis');
    await fs.mkdir(redisData);
    const redis = await startMmRedis(redisData);
    if ('why' in redis) {
      log(`bench: ${redis.why}; mechanical-markdown and the floors of redis samples are skipped`);
      notes.push(redis.why);
    } else cleanups.push(redis.stop);

    const homes: DaprHome[] = [];
    const floorHome = await createIsolatedHome(o.dapr.daprd.path);
    homes.push(floorHome);
    const mmHome = await createIsolatedHome(o.dapr.daprd.path);
    homes.push(mmHome);
    cleanups.push(async () => { for (const h of homes) await h.dispose(); });
    await writeMmHome(mmHome.runtimePath, { host: 'localhost', port: MM_PORT });
    // What `dapr init` runs besides redis: placement and scheduler on their default ports, which the
    // READMEs' sidecars look for (without them a sidecar waits for them before it is ready).
    const provided: ServiceKind[] = ['redis'];
    if (!o.skipMm && !('why' in redis)) {
      for (const [kind, port] of [['placement', PLACEMENT_PORT], ['scheduler', SCHEDULER_PORT]] as const) {
        if ('missing' in controlPlane) { notes.push(`no ${kind} for mechanical-markdown: ${controlPlane.missing}`); continue; }
        if (await listening(port)) { notes.push(`port ${port} is taken: no ${kind} for mechanical-markdown (its sidecars wait for one)`); log(`bench: ${notes.at(-1)}`); continue; }
        const svc = await startMmControlPlane(kind, port, controlPlane[kind], tmp);
        cleanups.push(svc.stop);
        provided.push(kind);
      }
    }

    const mmWhy = new Map<string, string>();
    let mm: { venv: string; version: string } | undefined;
    if (o.skipMm) for (const s of ran) mmWhy.set(s.id, '--skip-mm');
    else if ('why' in redis) for (const s of ran) mmWhy.set(s.id, redis.why);
    else {
      mm = await mechanicalMarkdown(log);
      log(`bench: mechanical-markdown ${mm.version}`);
      for (const s of ran) {
        const readme = path.join(s.dir, 'README.md');
        const why = mmBlocker(s, existsSync(readme) ? readFileSync(readme, 'utf8') : undefined, provided);
        if (why) {
          mmWhy.set(s.id, why);
          log(`bench: ${s.id}: mechanical-markdown cannot run it here: ${why}`);
        }
      }
    }
    const floorWhy = new Map<string, string>();
    const plans = new Map(ran.map((s) => [s.id, floorPlan(s)]));
    for (const s of ran) {
      const p = plans.get(s.id)!;
      if ('why' in p) floorWhy.set(s.id, p.why);
      else if ('why' in redis && s.scenario?.services.includes('redis')) floorWhy.set(s.id, `no redis on ${MM_PORT}`);
      if (floorWhy.has(s.id)) log(`bench: ${s.id}: no floor: ${floorWhy.get(s.id)}`);
    }

    const mmOnce = async (s: SampleSpec): Promise<number> => {
      // Its processes (the README's dapr runs, their apps) carry a token: a README whose background
      // run is never stopped is ended at its cap, and Ctrl-C ends whatever it started.
      const guard = serviceToken(2000);
      const capMs = 2 * s.timeoutMs;
      // Without `-l` (upstream's CI adds it): its link check needs the internet, fails the README
      // where there is none, and is no part of running the sample.
      const [ms, r] = await timed(() => execa(path.join(mm!.venv, 'bin', 'mm.py'), ['README.md'], {
        cwd: inCopy(s), reject: false, all: true, stdin: 'ignore', timeout: capMs,
        env: { ...env(s, { copyRoot, treeRoot: root, binDir, runtimePath: mmHome.runtimePath, extraPath: path.join(mm!.venv, 'bin') }), ...guard.env },
      }));
      await guard.stop();
      // Its whole output, for when it fails: the README's steps and what they printed.
      const logFile = path.join(o.outDir, 'bench-logs', `${s.id.replace(/[^a-zA-Z0-9_-]+/g, '-')}.mm.log`);
      await fs.mkdir(path.dirname(logFile), { recursive: true });
      await fs.writeFile(logFile, String(r.all ?? ''));
      if (o.signal.aborted) throw new BenchError('interrupted');
      if (r.timedOut) throw new BenchError(`mechanical-markdown on ${s.id} had not finished after ${capMs / 1000} s (twice the sample's timeout; a background step never stopped?)`);
      if (r.exitCode !== 0) throw new BenchError(`mechanical-markdown on ${s.id} exited ${r.exitCode ?? r.signal} (its output: ${path.relative(process.cwd(), logFile)})`);
      return ms;
    };
    const floorOnce = async (s: SampleSpec): Promise<number> => {
      const p = plans.get(s.id)!;
      if ('why' in p) throw new Error('no plan');
      const e = env(s, { copyRoot, treeRoot: root, binDir, runtimePath: floorHome.runtimePath });
      for (const seed of p.seeds) {
        const r = await shell(seed.run, path.join(inCopy(s), seed.cwd), e);
        if (!r.ok) throw new BenchError(`floor: seed "${seed.run}" failed: ${r.tail}`);
      }
      let total = 0;
      for (const run of p.runs) total += await floorRun(run, { dir: inCopy(s), cli: o.dapr.cli.path, env: e, timeoutMs: s.timeoutMs, signal: o.signal });
      return total;
    };

    // Warm-up of the other two, unmeasured: mechanical-markdown's installs in the copy (as the harness's are warm), the floor's own installs where mm cannot run.
    const live = () => { if (o.signal.aborted) throw new BenchError('interrupted'); };
    for (const s of ran) {
      live();
      if (mm && !mmWhy.has(s.id)) {
        log(`bench: warm-up mechanical-markdown ${s.id}…`);
        try { await mmOnce(s); } catch (err) { mmWhy.set(s.id, `failed here: ${(err as Error).message}`); log(`bench: ${(err as Error).message}`); }
      }
      const p = plans.get(s.id)!;
      if (!floorWhy.has(s.id) && !('why' in p)) {
        for (const inst of p.installs) {
          const r = await shell(inst.run, path.join(inCopy(s), inst.cwd), env(s, { copyRoot, treeRoot: root, binDir, runtimePath: floorHome.runtimePath }));
          if (!r.ok) floorWhy.set(s.id, `install "${inst.run}" failed in the copy: ${r.tail}`);
        }
        if (!floorWhy.has(s.id)) {
          log(`bench: warm-up floor ${s.id}…`);
          try { await floorOnce(s); } catch (err) { floorWhy.set(s.id, (err as Error).message); log(`bench: ${(err as Error).message}`); }
        }
      }
    }

    const times = new Map<string, SampleTimes>(ran.map((s) => [s.id, { id: s.id, harnessMs: [], phases: [], mmMs: [], floorMs: [] }]));
    const harnessWall: number[] = [];
    for (let round = 1; round <= o.rounds; round++) {
      live();
      log(`bench: round ${round}/${o.rounds}: harness…`);
      const [wall, rep] = await parity();
      harnessWall.push(wall);
      for (const r of rep.samples) {
        times.get(r.id)?.harnessMs.push(r.durationMs);
        times.get(r.id)?.phases?.push(r.phases ?? {});
      }
      for (const s of ran) {
        live();
        if (mm && !mmWhy.has(s.id)) {
          log(`bench: round ${round}: mechanical-markdown ${s.id}…`);
          try { times.get(s.id)!.mmMs!.push(await mmOnce(s)); } catch (err) { mmWhy.set(s.id, `failed here: ${(err as Error).message}`); log(`bench: ${(err as Error).message}`); }
        }
        if (!floorWhy.has(s.id)) {
          log(`bench: round ${round}: floor ${s.id}…`);
          try { times.get(s.id)!.floorMs!.push(await floorOnce(s)); } catch (err) { floorWhy.set(s.id, (err as Error).message); log(`bench: ${(err as Error).message}`); }
        }
      }
    }
    const rows: SampleTimes[] = [...times.values()].map((t) => ({
      ...t,
      ...(mmWhy.has(t.id) ? { mmMs: undefined, mmWhy: mmWhy.get(t.id) } : {}),
      ...(floorWhy.has(t.id) ? { floorMs: undefined, floorWhy: floorWhy.get(t.id) } : {}),
    }));
    const summary = summarise(rows);
    const header = `Tree ${root}: ${ran.length} sample(s) compared, ${o.rounds} round(s), medians; dapr CLI ${o.dapr.cli.version}, daprd ${o.dapr.daprd.version}; mechanical-markdown ${mm?.version ?? 'not run'}; ${os.availableParallelism()} cores, load ${os.loadavg().map((x) => x.toFixed(1)).join(', ')}. Harness: \`parity run --concurrency 1\` warm, per-sample durations from report.json. mm: \`mm.py README.md\` (no link check) in a copy of the sample folder, installs warm, redis on ${MM_PORT}${provided.length > 1 ? `, ${provided.filter((k) => k !== 'redis').join(' and ')} on their \`dapr init\` ports` : ''}. Floor: the scenario's run steps under bare \`dapr run -f\` (the harness's run-file edit: no scheduler or placement, as no \`dapr init\` ran here), one after another, each ended when its jobs exited.`;
    const md = treeMarkdown(summary, { header, skipped: sel.skipped, failed: sel.failed, notes });
    const json = {
      date: new Date().toISOString(), root, filters: o.filters, rounds: o.rounds,
      dapr: { cli: o.dapr.cli.version, daprd: o.dapr.daprd.version, source: o.dapr.source },
      mechanicalMarkdown: mm?.version, machine: { cores: os.availableParallelism(), loadavg: os.loadavg() },
      harnessWallMs: harnessWall.map(Math.round), skipped: sel.skipped, failed: sel.failed, notes, ...summary,
    };
    await fs.mkdir(o.outDir, { recursive: true });
    await fs.writeFile(path.join(o.outDir, 'bench.json'), `${JSON.stringify(json, null, 2)}\n`);
    await fs.writeFile(path.join(o.outDir, 'bench.md'), md);
    process.stdout.write(`${md}\nwritten: ${path.join(o.outDir, 'bench.json')}, ${path.join(o.outDir, 'bench.md')}\n`);
  } finally {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  }
}
