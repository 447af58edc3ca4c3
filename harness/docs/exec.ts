// `--exec`: really runs each language tab's install commands and its `dapr run` in the sample's
// folder, on the real CLI and sidecar, and reports each command that fails with its output tail.
// Thin edge over the pure plan (exec-plan.ts); every process it starts carries a run token and is
// ended by it, whatever happens.
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Language } from '../model.ts';
import { createIsolatedHome } from '../dapr/home.ts';
import type { DaprBinaries } from '../dapr/provision.ts';
import { waitForLock } from '../lock.ts';
import { normalizeText } from '../output/normalize.ts';
import { observeWithRetries, type AttemptsRequest } from '../run/attempts.ts';
import { observeRequest } from '../run/request.ts';
import { componentsFolder } from '../samples/components.ts';
import { daprConfigYaml, type SecretScope } from '../dapr/config.ts';
import { runShellStep } from '../processes/shell-step.ts';
import { INSTALL_LOCK_FILE, INSTALL_TIMEOUT_MS, installSample } from '../samples/install.ts';
import { unreachableReason, unreachableRegistry, type UnreachableRegistry } from '../samples/unreachable-registry.ts';
import { checkToolchains } from '../samples/toolchains.ts';
import { formatDuration, tailLines } from '../text/format.ts';
import { planExec, type ExecPlan, type ExecStep } from './exec-plan.ts';
import type { Finding } from './findings.ts';
import type { DocPage } from './parse.ts';
import { relToRoot, type Workspace } from './workspace.ts';
import { recordTempPath } from '../processes/session.ts';

export interface ExecOptions {
  languages?: readonly Language[];
  log: (line: string) => void;
  /** The Dapr binaries to run with, as the command line resolved them (asked for once, when needed). */
  dapr: () => Promise<DaprBinaries>;
  /** Extra attempts an infrastructure failure of a `dapr run` gets. */
  retries?: number;
  /** Aborted on SIGINT/SIGTERM, as for `parity run`. */
  signal?: AbortSignal;
  /** The manifest's API token mode: this check's token for every sidecar and app. */
  apiToken?: string;
  /** The manifest's secret scopes, written into the isolated home's config. */
  secretScopes?: SecretScope[];
}

/** Golden lines that the output lacks (in order); empty when every one is there. */
export function missingGoldenLines(output: string, golden: string): string[] {
  const have = output.split('\n');
  const want = normalizeText(golden).split('\n').filter((l) => l !== '');
  const missing: string[] = [];
  let at = 0;
  for (const line of want) {
    const i = have.indexOf(line, at);
    if (i < 0) missing.push(line);
    else at = i + 1;
  }
  return missing;
}

async function runInstall(step: Extract<ExecStep, { kind: 'install' }>, plan: ExecPlan): Promise<{ ok: boolean; detail: string; unreachable?: UnreachableRegistry }> {
  const r = await runShellStep(step.command, {
    cwd: plan.sample.spec.dir,
    env: plan.sample.spec.env,
    pathPrepend: plan.sample.spec.pathPrepend,
    timeoutMs: INSTALL_TIMEOUT_MS,
    graceMs: 2000,
  });
  const tail = tailLines(r.output);
  if (r.timedOut) return { ok: false, detail: `timed out after ${formatDuration(INSTALL_TIMEOUT_MS)}${tail ? `; output ends:\n${tail}` : ''}` };
  if (r.exitCode !== 0) return { ok: false, detail: `exited ${r.exitCode ?? r.signal}${tail ? `; output ends:\n${tail}` : ' with no output'}`, unreachable: unreachableRegistry(r.output) };
  return { ok: true, detail: '' };
}

const UNREACHABLE_FIX = 'run where the registry is reachable, or point the installer at a mirror';

/** What one tab's run needs: the Dapr to run with, its isolated home, where logs go. */
export interface ExecContext {
  ws: Workspace;
  dapr: DaprBinaries;
  runtimePath: string;
  logDir: string;
  retries: number;
  log: ExecOptions['log'];
  signal?: AbortSignal;
  apiToken?: string;
}

async function runPlan(plan: ExecPlan, ctx: ExecContext): Promise<Finding[]> {
  const { sample, language } = plan;
  const spec = sample.spec;
  const { log } = ctx;
  const failed = (line: number, message: string, fix: string): Finding => ({ id: 'exec-failed', severity: 'error', language, line, message, fix });
  const skipped = (message: string, fix: string): Finding => ({ id: 'exec-skipped', severity: 'info', language, line: plan.line, message, fix });

  const tools = await checkToolchains(spec.toolchains);
  if (tools.missing.length) {
    return [skipped(`${tools.missing.map((t) => t.name).join(', ')} not found on this machine, so the ${language} tab's commands were not run (skipped, not passed)`, tools.missing.map((t) => t.hint).join('; '))];
  }

  // A sample whose manifest keeps its tools in a folder of its own (Python's .venv) gets that folder
  // first, so the page's `pip3 install` goes into it rather than into the user's system Python.
  if (spec.pathPrepend.some((p) => !existsSync(p))) {
    log(`[docs] ${spec.id}: preparing ${spec.pathPrepend.map((p) => path.relative(spec.dir, p)).join(', ')} with the manifest's install first`);
    const r = await installSample(spec, { logDir: ctx.logDir, toolchainVersions: tools.versions, onStep: log });
    if (r.unreachable) {
      return [skipped(`the ${language} tab's commands were not run (skipped, not passed): ${spec.id}: ${unreachableReason(r.unreachable)}`, UNREACHABLE_FIX)];
    }
    if (!r.ok) return [failed(plan.line, `the manifest's install for ${spec.id} failed, so the page's commands could not be run in an isolated environment: ${r.error ?? ''}`, `make \`npx parity run ${spec.id}\` pass first`)];
  }

  return runSteps(plan, ctx);
}

/** Files a package manager may rewrite; with the manifest's install inputs they are guarded. */
const DEPENDENCY_FILES = ['package.json', 'package-lock.json', 'requirements.txt', 'go.mod', 'go.sum', 'pom.xml'];

interface Snapshot {
  dir: string;
  files: Map<string, Buffer | undefined>;
}

async function snapshot(spec: ExecPlan['sample']['spec']): Promise<Snapshot> {
  const names = new Set([...spec.install.flatMap((s) => s.inputs), ...DEPENDENCY_FILES].filter((n) => n !== path.relative(spec.dir, spec.source)));
  const files = new Map<string, Buffer | undefined>();
  for (const n of names) files.set(n, await fs.readFile(path.join(spec.dir, n)).catch(() => undefined));
  return { dir: spec.dir, files };
}

async function restore(snap: Snapshot): Promise<string[]> {
  const changed: string[] = [];
  for (const [name, before] of snap.files) {
    const file = path.join(snap.dir, name);
    const now = await fs.readFile(file).catch(() => undefined);
    if (before === undefined ? now === undefined : now !== undefined && before.equals(now)) continue;
    changed.push(name);
    if (before === undefined) await fs.rm(file, { force: true });
    else await fs.writeFile(file, before);
  }
  return changed;
}

async function runSteps(plan: ExecPlan, ctx: ExecContext): Promise<Finding[]> {
  const { ws } = ctx;
  const changed = new Set<string>();
  const findings = await runEach(plan, ctx, changed);
  if (changed.size) {
    findings.push({ id: 'exec-changed-files', severity: 'warning', language: plan.language, line: plan.line, message: `the tab's install commands changed ${[...changed].join(', ')} in ${relToRoot(ws, plan.sample.spec.dir)} (put back as it was)`, fix: 'use an install command that leaves the sample\'s files alone (e.g. npm ci rather than npm install)' });
  }
  return findings;
}

/** The page's dapr run, observed as `parity run` observes the sample (exported so a test can hold the two equal). */
export function execRequest(step: Extract<ExecStep, { kind: 'dapr-run' }>, plan: ExecPlan, ctx: ExecContext): AttemptsRequest {
  const { sample } = plan;
  return observeRequest(sample.spec, ctx.ws.manifest, { retries: ctx.retries, mode: 'verify', apiToken: ctx.apiToken, signal: ctx.signal },
    { cli: ctx.dapr.cli, runtimePath: ctx.runtimePath, logDir: ctx.logDir, golden: sample.golden, label: `[docs] ${sample.spec.id}`, log: ctx.log },
    { appId: step.appId, command: step.appCommand });
}

/** Runs the steps in order; stops at the first that fails. */
async function runEach(plan: ExecPlan, ctx: ExecContext, changed: Set<string>): Promise<Finding[]> {
  const { ws, dapr, log } = ctx;
  const { sample, language } = plan;
  const spec = sample.spec;
  const failed = (line: number, message: string, fix: string): Finding => ({ id: 'exec-failed', severity: 'error', language, line, message, fix });
  const skipped = (message: string, fix: string): Finding => ({ id: 'exec-skipped', severity: 'info', language, line: plan.line, message, fix });
  const findings: Finding[] = [];
  let ran = 0;
  const steps = plan.steps;
  for (const [i, step] of steps.entries()) {
    const notRun = steps.slice(i + 1).length;
    const later = notRun ? ` (the tab's ${notRun} later command(s) were not run)` : '';
    if (step.kind === 'install') {
      log(`[docs] ${spec.id}: $ ${step.command}`);
      // The same lock the harness's own install takes: never two installs in one folder at once.
      const release = await waitForLock(path.join(spec.dir, INSTALL_LOCK_FILE), `the install of ${spec.id}`, (m) => log(`[docs] ${spec.id}: ${m}`));
      // The page's commands run in the repository's own sample folder, and a page's `npm install`
      // may rewrite package-lock.json, say: the sample's install inputs are put back right after
      // each command (inside the lock, so no harness install sees the changed file), and reported.
      let r: Awaited<ReturnType<typeof runInstall>>;
      try {
        const before = await snapshot(spec);
        try {
          r = await runInstall(step, plan);
        } finally {
          for (const name of await restore(before)) changed.add(name);
        }
      } finally {
        await release();
      }
      // A registry this machine cannot reach says nothing about the page: skipped, never passed.
      if (r.unreachable) return [...findings, skipped(`the ${language} tab's commands were not run to the end (skipped, not passed): \`${step.command}\`: ${unreachableReason(r.unreachable)}${later}`, UNREACHABLE_FIX)];
      if (!r.ok) return [...findings, failed(step.line, `\`${step.command}\` ${r.detail}${later}`, 'fix the command so it works when typed in the sample folder')];
      ran++;
      continue;
    }
    log(`[docs] ${spec.id}: $ ${step.written}`);
    // The same observe step `parity run` takes: same split, normalization and retries.
    const run = await observeWithRetries(execRequest(step, plan, ctx));
    const output = run.observation?.output ?? '';
    if (run.failure) {
      const tail = tailLines(run.observation?.outcome.all ?? '') || '(no output)';
      return [...findings, failed(step.line, `\`${step.written}\` failed: ${run.failure}; output ends:\n${tail}${later}`, run.observation ? `check the command against the sample's \`${spec.run}\`` : 'write the app command as plain words after --')];
    }
    const goldenRel = relToRoot(ws, spec.golden);
    if (sample.golden !== undefined) {
      const lacking = missingGoldenLines(output, sample.golden);
      if (lacking.length) return [...findings, failed(step.line, `\`${step.written}\` ran, but its output lacks "${lacking[0]}" from ${goldenRel}; app output ends:\n${tailLines(output)}${later}`, `make the app print what ${goldenRel} holds`)];
    }
    ran++;
    const ignored = step.replaced.length ? `; page flags ${step.replaced.join(' ')} replaced by the harness's own (resources ${relToRoot(ws, componentsFolder(spec, ws.manifest))}/, free ports)` : '';
    findings.push({ id: 'exec-ok', severity: 'info', language, line: step.line, message: `ran under dapr CLI ${dapr.cli.version} / daprd ${dapr.daprd.version}: exit 0${sample.golden !== undefined ? `, output has the lines of ${goldenRel}` : ` (no golden at ${goldenRel} to compare with)`} (${formatDuration(run.observation!.outcome.durationMs)}, after ${ran - 1} install command(s))${ignored}`, fix: 'none needed' });
  }
  if (!steps.some((s) => s.kind === 'dapr-run')) {
    findings.push({ id: 'exec-ok', severity: 'info', language, line: plan.line, message: `ran ${ran} install command(s); the tab has no dapr run to run`, fix: 'add the dapr run command to the tab' });
  }
  return findings;
}

/** Runs every planned tab in turn; returns exec-failed, exec-skipped and exec-ok findings. */
export async function execPage(page: DocPage, ws: Workspace, opts: ExecOptions): Promise<Finding[]> {
  const plans = planExec(page, ws, opts.languages);
  if (plans.length === 0) {
    const which = opts.languages?.length ? ` for ${opts.languages.join(', ')}` : '';
    return [{ id: 'exec-nothing', severity: 'warning', language: null, line: 1, message: `--exec found no command to run${which}: no language tab with a sample holds a shell block`, fix: 'add the install and dapr run commands in ```bash blocks' }];
  }
  let dapr: DaprBinaries;
  try {
    dapr = await opts.dapr();
  } catch (err) {
    return [{ id: 'exec-failed', severity: 'error', language: null, line: 1, message: `no Dapr to run the page with: ${(err as Error).message}`, fix: 'run `npx parity provision` (or `npx parity doctor`) and try again' }];
  }
  const home = await createIsolatedHome(dapr.daprd.path, { config: daprConfigYaml({ secretScopes: opts.secretScopes }) });
  const logDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parity-docs-'));
  recordTempPath(logDir);
  const findings: Finding[] = [];
  try {
    for (const plan of plans) {
      opts.log(`[docs] ${plan.sample.spec.id}: running the ${plan.language} tab's ${plan.steps.length} command(s)`);
      findings.push(...(await runPlan(plan, { ws, dapr, runtimePath: home.runtimePath, logDir, retries: opts.retries ?? 2, log: opts.log, signal: opts.signal, apiToken: opts.apiToken })));
    }
  } finally {
    await home.dispose();
    await fs.rm(logDir, { recursive: true, force: true });
  }
  return findings;
}
