// The shell commands on the page: `dapr run` flags (app id, deprecated flags, resources path),
// the app command after `--` against the sample's run command, and install commands against the
// files the sample folder holds. Pure.
import type { FindingId } from '../finding-ids.ts';
import path from 'node:path';
import type { Language } from '../../model.ts';
import type { Finding } from '../findings.ts';
import type { DocPage } from '../parse.ts';
import { DAPR_RUN_FLAGS, isDaprRun, isSetupOnly, joinWords, parseDaprRun, shellCommands, shellWords, type ShellCommand } from '../shell.ts';
import { relToRoot, withoutTrailingSlashes, type SampleFiles, type Workspace } from '../workspace.ts';
import { tabLanguage, targetedBlocks, targetOf } from '../targets.ts';

function launcher(word: string | undefined): string {
  return path.basename(word ?? '').replace(/\.exe$/i, '').replace(/^python3?(\.\d+)?$/, 'python');
}

const positional = (argv: readonly string[]) => argv.slice(1).filter((w) => !w.startsWith('-'));

export interface RunCommandProblem {
  severity: 'error' | 'warning';
  id: 'run-command-mismatch' | 'run-command-detail';
  message: string;
}

/** Compares the page's app command with the sample's; undefined when they are the same. */
export function compareRunCommand(page: readonly string[], sample: readonly string[], exists: (rel: string) => boolean): RunCommandProblem | undefined {
  const p = joinWords(page);
  const s = joinWords(sample);
  if (p === s) return undefined;
  if (page.length === 0) return { severity: 'error', id: 'run-command-mismatch', message: `dapr run is given no app command; the sample runs \`${s}\`` };
  if (launcher(page[0]) !== launcher(sample[0])) {
    return { severity: 'error', id: 'run-command-mismatch', message: `the page runs \`${p}\`, the sample runs \`${s}\`` };
  }
  const pp = positional(page);
  const sp = positional(sample);
  if (pp.join('\0') !== sp.join('\0')) {
    const missing = sp.filter((w) => !pp.includes(w));
    const absent = pp.filter((w) => !sp.includes(w) && /[./]/.test(w) && !exists(w));
    let why = '';
    if (launcher(page[0]) === 'go' && pp[0] === 'run' && pp.length === 1) why = ': `go run` with no package or .go file fails ("no go files listed")';
    else if (absent.length) why = `: ${absent.map((w) => `\`${w}\``).join(', ')} does not exist in the sample folder`;
    else if (missing.length) why = `: ${missing.map((w) => `\`${w}\``).join(', ')} is missing`;
    return { severity: 'error', id: 'run-command-mismatch', message: `the page runs \`${p}\`, the sample needs \`${s}\`${why}` };
  }
  return { severity: 'warning', id: 'run-command-detail', message: `the page runs \`${p}\`, the sample runs \`${s}\`; they differ only in launcher spelling or options, so the page's command still works` };
}

interface InstallRule {
  matches(words: readonly string[]): boolean;
  /** Files (relative to the sample folder) the command reads; a name with * is a pattern. */
  needs(words: readonly string[]): string[];
}

const INSTALL_RULES: InstallRule[] = [
  {
    // pip3 install -r requirements.txt, python3 -m pip install -r …
    matches: (w) => (/^pip3?$/.test(path.basename(w[0] ?? '')) && w[1] === 'install') || (/^python3?$/.test(path.basename(w[0] ?? '')) && w[1] === '-m' && w[2] === 'pip' && w[3] === 'install'),
    needs: (w) => w.flatMap((x, i) => ((x === '-r' || x === '--requirement') && w[i + 1] ? [w[i + 1]!] : x.startsWith('--requirement=') ? [x.slice(14)] : [])),
  },
  { matches: (w) => w[0] === 'npm' && ['install', 'i', 'ci'].includes(w[1] ?? '') && w.length === 2, needs: (w) => (w[1] === 'ci' ? ['package.json', 'package-lock.json'] : ['package.json']) },
  { matches: (w) => w[0] === 'mvn' || w[0] === './mvnw', needs: () => ['pom.xml'] },
  { matches: (w) => w[0] === 'go' && ['build', 'mod', 'install', 'vet'].includes(w[1] ?? ''), needs: () => ['go.mod'] },
  { matches: (w) => w[0] === 'dotnet' && ['restore', 'build'].includes(w[1] ?? ''), needs: () => ['*.csproj'] },
];

function installNeeds(words: readonly string[]): string[] | undefined {
  const rule = INSTALL_RULES.find((r) => r.matches(words));
  return rule?.needs(words);
}

function present(ws: Workspace, sample: SampleFiles, need: string): boolean {
  if (need.startsWith('*')) {
    const ext = need.slice(1);
    return ws.list(sample.spec).some((f) => f.endsWith(ext) || f.endsWith('.sln'));
  }
  return ws.exists(sample.spec, need);
}

function samePath(a: string, b: string): boolean {
  return withoutTrailingSlashes(path.resolve(a)) === withoutTrailingSlashes(path.resolve(b));
}

function checkDaprRun(cmd: ShellCommand, language: Language, sample: SampleFiles, ws: Workspace): Finding[] {
  const out: Finding[] = [];
  const run = parseDaprRun(cmd.words);
  const f = (id: FindingId, severity: Finding['severity'], message: string, fix: string) => out.push({ id, severity, language, line: cmd.line, message, fix });
  for (const flag of run.flags) {
    const spec = DAPR_RUN_FLAGS[flag.name];
    if (!flag.known) f('unknown-flag', 'warning', `dapr run has no flag ${flag.written}`, 'check the flag against `dapr run --help`');
    else if (spec?.deprecated) f('deprecated-flag', 'warning', `${flag.written} is deprecated: the dapr CLI prints a deprecation warning and will drop it`, `use ${spec.deprecated} instead of ${flag.written}`);
    else if (spec?.removed) f('removed-flag', 'error', `${flag.written} is no longer accepted by the dapr CLI ("unknown flag")`, `use ${spec.removed} instead of ${flag.written}`);
  }
  if (run.flags.some((fl) => fl.name === 'run-file')) return out; // a multi-app run file: its apps are described elsewhere

  const appId = run.flags.find((fl) => fl.name === 'app-id');
  if (!appId?.value) f('app-id-missing', 'warning', `dapr run is given no --app-id, so the CLI makes one up; the sample uses "${sample.spec.appId}"`, `add --app-id ${sample.spec.appId}`);
  else if (appId.value !== sample.spec.appId) f('app-id-mismatch', 'error', `--app-id is "${appId.value}" but ${sample.spec.id} runs as "${sample.spec.appId}"`, `use --app-id ${sample.spec.appId}`);

  const resources = run.flags.filter((fl) => fl.name === 'resources-path' || fl.name === 'components-path');
  const compRel = relToRoot(ws, ws.manifest.components);
  if (resources.length === 0) {
    f('resources-path-missing', 'error', `dapr run is given no --resources-path, so daprd loads ~/.dapr/components, which has no component the sample reads`, `add --resources-path ${path.relative(sample.spec.dir, ws.manifest.components)}`);
  } else if (!resources.some((fl) => fl.value && samePath(path.resolve(sample.spec.dir, fl.value), ws.manifest.components))) {
    const shown = resources.map((fl) => `${fl.written} ${fl.value ?? ''}`.trim()).join(', ');
    f('resources-path-mismatch', 'warning', `${shown} does not lead from ${relToRoot(ws, sample.spec.dir)} to ${compRel}/, the folder holding the sample's components`, `use --resources-path ${path.relative(sample.spec.dir, ws.manifest.components)}`);
  }

  const problem = compareRunCommand(run.appArgv, shellWords(sample.spec.run), (rel) => ws.exists(sample.spec, rel));
  if (problem) f(problem.id, problem.severity, problem.message, `end the command with \`-- ${sample.spec.run}\``);
  return out;
}

export function checkCommands(page: DocPage, ws: Workspace): Finding[] {
  const out: Finding[] = [];
  const tabsWithRun = new Set<string>();
  for (const { block, language, sample } of targetedBlocks(page, ws, 'shell')) {
    for (const cmd of shellCommands(block)) {
      if (isSetupOnly(cmd.words)) continue;
      if (isDaprRun(cmd.words)) {
        if (block.tab) tabsWithRun.add(`${block.tab.group}/${block.tab.index}`);
        out.push(...checkDaprRun(cmd, language, sample, ws));
        continue;
      }
      const needs = installNeeds(cmd.words) ?? [];
      const missing = needs.filter((n) => !present(ws, sample, n));
      if (missing.length) {
        const folder = relToRoot(ws, sample.spec.dir);
        const has = ws.list(sample.spec).slice(0, 8).join(', ');
        out.push({ id: 'install-file-missing', severity: 'error', language, line: cmd.line, message: `\`${cmd.text}\` needs ${missing.join(' and ')}, which ${folder} does not have (it holds ${has || 'nothing'})`, fix: sample.spec.install[0] ? `use the sample's own install, \`${sample.spec.install[0].run}\`` : `remove it, or use a command that reads files ${folder} has` });
      }
    }
  }
  for (const g of page.groups) {
    for (const tab of g.tabs) {
      const language = tabLanguage(tab);
      if (!language || tabsWithRun.has(`${tab.group}/${tab.index}`) || tab.blocks.length === 0) continue;
      if (!tab.blocks.some((b) => targetOf(b, ws).sample)) continue;
      out.push({ id: 'no-run-command', severity: 'warning', language, line: tab.line, message: `the "${tab.label}" tab never shows the \`dapr run\` command that starts the app`, fix: 'add a bash block with `dapr run --app-id … --resources-path … -- <app command>`' });
    }
  }
  return out;
}
