// `--exec` on pages against a tree: each language tab's plan (exec-plan.ts) run by the same
// scenario engine as `parity run` (scenario/sample.ts), in a scratch copy of the tree, its apps
// judged against the goldens `parity run` records. One finding per tab: it ran and every app
// printed its golden (exec-ok), it failed and how (exec-failed), or the machine lacks what it
// needs (exec-skipped). Thin edge over the pure plan.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Language } from '../../model.ts';
import { daprConfigYaml } from '../../dapr/config.ts';
import { createIsolatedHome } from '../../dapr/home.ts';
import type { DaprBinaries } from '../../dapr/provision.ts';
import { recordTempPath } from '../../processes/session.ts';
import { checkToolchains } from '../../samples/toolchains.ts';
import { runScenarioSample } from '../../scenario/sample.ts';
import { tailLines } from '../../text/format.ts';
import type { Finding } from '../findings.ts';
import type { DocPage } from '../parse.ts';
import { planTreeExec, type TreeExecPlan } from './exec-plan.ts';
import type { TreeWorkspace } from './tree-workspace.ts';

export interface TreeExecOptions {
  languages?: readonly Language[];
  log: (line: string) => void;
  dapr: () => Promise<DaprBinaries>;
  signal?: AbortSignal;
}

function ranWhat(plan: TreeExecPlan): string {
  const steps = plan.sample.scenario!.steps.map((s) => `\`${s.name}\``);
  const skipped = plan.notRun.length ? `; not run: ${plan.notRun.join(', ')}` : '';
  return `${steps.join(', ')}${skipped}`;
}

async function runPlan(plan: TreeExecPlan, ws: TreeWorkspace, ctx: { dapr: DaprBinaries; runtimePath: string; logDir: string; log: (l: string) => void; signal?: AbortSignal }): Promise<Finding> {
  const at = { language: plan.language, line: plan.tab.line };
  if (plan.sample.scenario!.steps.every((s) => s.kind !== 'run')) {
    return { id: 'exec-nothing', severity: 'warning', ...at, message: `the "${plan.tab.label}" tab has no \`dapr run\` that ${plan.sample.id} could be run with`, fix: 'show the dapr run command' };
  }
  const tools = await checkToolchains(plan.sample.toolchains);
  if (tools.reason) return { id: 'exec-skipped', severity: 'info', ...at, message: `${plan.sample.id}: ${tools.reason}`, fix: 'install the toolchain' };
  const logDir = path.join(ctx.logDir, plan.sample.id.replace(/\//g, '_'), String(plan.tab.line));
  await fs.mkdir(logDir, { recursive: true });
  const r = await runScenarioSample(plan.sample, {
    treeRoot: ws.manifest.root, cli: ctx.dapr.cli, runtimePath: ctx.runtimePath, logDir, toolchainVersions: tools.versions,
    mode: 'verify', updateRuns: 1, strict: false, log: (l) => ctx.log(`[docs] ${l}`), ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  const what = `the "${plan.tab.label}" tab's commands (${ranWhat(plan)})`;
  if (r.status === 'skipped') return { id: 'exec-skipped', severity: 'info', ...at, message: `${what} were not run: ${r.reason}`, fix: 'run where the sample can run' };
  if (r.status === 'failed') {
    const diff = 'diff' in r && r.diff ? ` ⏎ ${tailLines(r.diff, 8).split('\n').join(' ⏎ ')}` : '';
    return { id: 'exec-failed', severity: 'error', ...at, message: `${what}, run as \`parity run\` runs ${plan.sample.id}, failed: ${r.reason}${diff}`, fix: 'make the page\'s commands run the sample as its README does' };
  }
  const apps = (r.apps ?? []).map((a) => `${a.appId} (${a.golden})`).join(', ');
  return { id: 'exec-ok', severity: 'info', ...at, message: `${what} ran as \`parity run\` runs ${plan.sample.id}, and every app printed what its golden holds: ${apps}`, fix: 'none needed' };
}

export async function execTreePage(page: DocPage, ws: TreeWorkspace, opts: TreeExecOptions): Promise<Finding[]> {
  const plans = planTreeExec(page, ws, opts.languages);
  if (plans.length === 0) return [];
  let dapr: DaprBinaries;
  try {
    dapr = await opts.dapr();
  } catch (err) {
    return [{ id: 'exec-failed', severity: 'error', language: null, line: 1, message: `no Dapr to run the page with: ${(err as Error).message}`, fix: 'run `npx parity provision` (or `npx parity doctor`) and try again' }];
  }
  const home = await createIsolatedHome(dapr.daprd.path, { config: daprConfigYaml({}) });
  const logDir = await fs.mkdtemp(path.join(os.tmpdir(), 'parity-docs-'));
  recordTempPath(logDir);
  const findings: Finding[] = [];
  try {
    for (const plan of plans) {
      if (opts.signal?.aborted) break;
      opts.log(`[docs] ${plan.sample.id}: running the ${plan.tab.label} tab (line ${plan.tab.line}): ${plan.sample.scenario!.steps.length} step(s)`);
      findings.push(await runPlan(plan, ws, { dapr, runtimePath: home.runtimePath, logDir, log: opts.log, ...(opts.signal ? { signal: opts.signal } : {}) }));
    }
  } finally {
    await home.dispose();
    await fs.rm(logDir, { recursive: true, force: true });
  }
  return findings;
}
