// `--exec` on a page against a tree: each language tab's commands, as a reader would type them,
// turned into the steps `parity run` runs a sample with (installs in the folder the reader is in,
// `dapr run -f` or `dapr run --app-id … --` as run steps), with the apps' roles, expected lines
// and goldens taken from the sample's manifest entry, so the page's run is judged by the same
// engine and against the same goldens as the sample's own. Pure.
import path from 'node:path';
import type { AppSpec, Language, SampleSpec, ScenarioStep } from '../../model.ts';
import type { DocPage } from '../parse.ts';
import { isDaprRun, joinWords, parseDaprRun } from '../shell.ts';
import { languageTabs, pageBlock, sampleDir, tabSample } from './page-samples.ts';
import { isInstallCommand } from './readme-commands.ts';
import { runFileOf, walkTab, type LanguageTab } from './tree-checks.ts';
import type { TreeWorkspace } from './tree-workspace.ts';

export interface TreeExecPlan {
  tab: LanguageTab;
  language: Language;
  /** The sample as the page runs it: the manifest entry with the page's steps. */
  sample: SampleSpec;
  /** Commands of the tab not run, with why (a `docker` command, one outside the sample). */
  notRun: string[];
}

const DEFAULT_RUN_MS = 60_000;

/** Every app the manifest's runs of the sample start, by id (its first run of it). */
function manifestApps(sample: SampleSpec): Map<string, { app: AppSpec; timeoutMs: number; file?: string }> {
  const out = new Map<string, { app: AppSpec; timeoutMs: number; file?: string }>();
  for (const s of sample.scenario?.steps ?? []) {
    if (s.kind !== 'run') continue;
    for (const a of s.apps) if (!out.has(a.appId)) out.set(a.appId, { app: a, timeoutMs: s.timeoutMs, ...(s.launch.kind === 'file' ? { file: s.launch.file } : {}) });
  }
  return out;
}

export function planTreeExec(page: DocPage, ws: TreeWorkspace, languages?: readonly Language[]): TreeExecPlan[] {
  const block = pageBlock(page, ws);
  const plans: TreeExecPlan[] = [];
  for (const tab of languageTabs(page)) {
    if (languages?.length && !languages.includes(tab.language)) continue;
    const sample = tabSample(page, tab, block, ws);
    if (!sample?.scenario) continue;
    const dir = sampleDir(ws, sample);
    const apps = manifestApps(sample);
    const manifestInstalls = sample.scenario.steps.filter((s): s is Extract<ScenarioStep, { kind: 'install' }> => s.kind === 'install');
    const steps: ScenarioStep[] = [];
    const notRun: string[] = [];
    for (const w of walkTab(page, tab, sample, ws, [])) {
      if (w.cwd === undefined) {
        notRun.push(`\`${w.cmd.text}\` (after a cd the check cannot follow)`);
        continue;
      }
      const rel = path.posix.relative(dir, w.cwd);
      if (rel.startsWith('..')) {
        notRun.push(`\`${w.cmd.text}\` (runs in ${w.cwd || '.'}, outside the sample)`);
        continue;
      }
      const inSub = (cmd: string) => (rel === '' ? cmd : `cd ${JSON.stringify(rel)} && ${cmd}`);
      if (isInstallCommand(w.cmd.words)) {
        const run = inSub(joinWords(w.cmd.words));
        const same = manifestInstalls.find((s) => s.install.run === run);
        steps.push({ kind: 'install', name: w.cmd.text, line: w.cmd.line, install: same?.install ?? { run, inputs: [], outputs: [] } });
        continue;
      }
      if (!isDaprRun(w.cmd.words)) {
        notRun.push(`\`${w.cmd.text}\``);
        continue;
      }
      const run = parseDaprRun(w.cmd.words);
      const fileFlag = run.flags.find((f) => f.name === 'run-file');
      if (fileFlag) {
        const file = path.posix.relative(dir, runFileOf(fileFlag.value, w.cwd, ws).rel);
        const started = [...apps.values()].filter((a) => a.file !== undefined && path.posix.normalize(a.file) === file);
        const used = started.length ? started : [...apps.values()].filter((a) => a.file !== undefined);
        steps.push({ kind: 'run', name: w.cmd.text, line: w.cmd.line, launch: { kind: 'file', file }, apps: used.map((a) => a.app), background: false, timeoutMs: Math.max(DEFAULT_RUN_MS, ...used.map((a) => a.timeoutMs)) });
        continue;
      }
      const appId = run.flags.find((f) => f.name === 'app-id')?.value ?? '';
      const known = apps.get(appId);
      const resources = run.flags.find((f) => f.name === 'resources-path' || f.name === 'components-path')?.value;
      const port = Number(run.flags.find((f) => f.name === 'app-port')?.value);
      const app: AppSpec = known?.app ?? { appId, role: 'job', golden: path.join(ws.manifest.root, 'expected', sample.block ?? '', `${sample.language}-${sample.variant}`, `${appId}.txt`), unordered: false };
      steps.push({
        kind: 'run', name: w.cmd.text, line: w.cmd.line,
        launch: { kind: 'app', appId, command: joinWords(run.appArgv), cwd: rel || '.', ...(resources ? { resources } : {}), ...(Number.isInteger(port) && port > 0 ? { appPort: port } : {}) },
        apps: [app], background: app.role === 'server', timeoutMs: known?.timeoutMs ?? DEFAULT_RUN_MS,
      });
    }
    plans.push({ tab, language: tab.language, sample: { ...sample, scenario: { ...sample.scenario, steps, dropped: [] } }, notRun });
  }
  return plans;
}
