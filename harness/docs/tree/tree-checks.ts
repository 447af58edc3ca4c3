// A quickstart page checked against a whole quickstarts tree: its links into the repository,
// the folders its `cd` commands walk into, its install and `dapr run` commands against what the
// sample's README runs (as its manifest entry holds it), its code excerpts and quoted files
// against the sample's files, its output against the per-app goldens, and the samples the tree
// has that the page has no tab for. Pure: the tree is read through the TreeWorkspace.
import path from 'node:path';
import { LANGUAGES, type Language, type SampleSpec } from '../../model.ts';
import { compareRunCommand } from '../checks/commands.ts';
import { findExcerptMismatch } from '../checks/excerpt.ts';
import { compareOutput } from '../checks/output.ts';
import { describeDifference, diffValues, parseWithPositions } from '../data-diff.ts';
import type { Finding } from '../findings.ts';
import { codeLangToLanguage } from '../languages.ts';
import type { CodeBlock, DocPage, Tab } from '../parse.ts';
import { isDaprRun, joinWords, parseDaprRun, shellCommands, type ShellCommand } from '../shell.ts';
import { roleOf } from '../targets.ts';
import { sampleShaping } from '../../output/shaping.ts';
import { languageTabAt, languageTabs, pageBlock, repoLink, sampleDir, tabSample } from './page-samples.ts';
import { canonicalCommand, folder, isInstallCommand, readmeRuns, type ReadmeRuns } from './readme-commands.ts';
import type { TreeWorkspace } from './tree-workspace.ts';

const LABEL: Record<Language, string> = { python: 'Python', javascript: 'JavaScript', csharp: '.NET', java: 'Java', go: 'Go' };
const EXTENSIONS: Record<Language, string[]> = { python: ['.py'], javascript: ['.js', '.mjs', '.cjs', '.ts'], csharp: ['.cs'], java: ['.java'], go: ['.go'] };

export type LanguageTab = Tab & { language: Language };

const show = (rel: string) => rel || '.';

/** Links into the quickstarts repository must lead to a file or folder the tree has. */
export function checkTreeLinks(page: DocPage, ws: TreeWorkspace): Finding[] {
  const out: Finding[] = [];
  for (const link of page.links) {
    const r = repoLink(link.url);
    if (!r) continue;
    const language = languageTabAt(page, link.offset)?.language ?? null;
    if (r.kind === 'malformed') {
      out.push({ id: 'tree-link-malformed', severity: 'warning', language, line: link.line, message: `${link.url} names no branch (/tree/<branch>/ or /blob/<branch>/), so GitHub answers it with "not found"`, fix: `link to https://github.com/dapr/quickstarts/tree/master${r.rest}` });
      continue;
    }
    if (ws.kind(r.path) !== undefined) continue;
    // The nearest folder that is still there, and a file of the same name elsewhere under it.
    let near = path.posix.dirname(r.path);
    while (near !== '.' && ws.kind(near) !== 'dir') near = path.posix.dirname(near);
    const base = path.posix.basename(r.path);
    const moved = near === '.' ? [] : ws.files(near).filter((f) => path.posix.basename(f) === base);
    const hint = moved.length ? `; a file of that name is at ${moved[0]}` : `; the nearest folder it has is ${show(near === '.' ? '' : near)}`;
    out.push({ id: 'tree-link-missing', severity: 'error', language, line: link.line, message: `the link to ${r.path} leads nowhere: the tree has no ${r.path}${hint}`, fix: moved.length ? `link to ${moved[0]}` : 'link to the file that took its place, or drop the link' });
  }
  return out;
}

/** Resolves a `cd` argument: from the folder the tab is in, from the tab's sample, from the root. */
function resolveCd(arg: string, cwd: string, sampleRel: string | undefined, ws: TreeWorkspace): string | undefined {
  const tries = [cwd, ...(sampleRel ? [sampleRel] : []), ''];
  for (const base of tries) {
    const p = folder(path.posix.join(base, arg));
    if (!p.startsWith('..') && ws.kind(p === '' ? '.' : p) === 'dir') return p;
  }
  return undefined;
}

/** A path argument the check cannot follow: a variable, a home folder, a Windows path. */
const unfollowable = (arg: string) => /[$%~\\*]/.test(arg) || arg.startsWith('/');

export interface WalkedCommand {
  cmd: ShellCommand;
  block: CodeBlock;
  /** The folder it runs in, relative to the root; undefined once a `cd` led out of the tree. */
  cwd: string | undefined;
}

/** The tab's shell commands in page order, each with the folder a reader who typed them is in. */
export function walkTab(page: DocPage, tab: LanguageTab, sample: SampleSpec | undefined, ws: TreeWorkspace, out: Finding[]): WalkedCommand[] {
  const walked: WalkedCommand[] = [];
  const sampleRel = sample ? sampleDir(ws, sample) : undefined;
  let cwd: string | undefined = '';
  for (const block of page.blocks) {
    if (block.offset < tab.start || block.offset >= tab.end || roleOf(block) !== 'shell') continue;
    if (languageTabAt(page, block.offset)?.start !== tab.start) continue;
    for (const cmd of shellCommands(block)) {
      const [w0, w1] = cmd.words;
      if (w0 === 'git' && w1 === 'clone') {
        cwd = '';
        continue;
      }
      if (w0 === 'cd') {
        if (w1 === undefined || unfollowable(w1)) {
          cwd = undefined;
          continue;
        }
        // `cd quickstarts` after the clone: the clone is the root.
        if (w1.replace(/\/$/, '') === 'quickstarts' && ws.kind('quickstarts') === undefined) {
          cwd = '';
          continue;
        }
        const to = resolveCd(w1, cwd ?? '', sampleRel, ws);
        if (to === undefined) {
          out.push({ id: 'cd-path-missing', severity: 'error', language: tab.language, line: cmd.line, message: `\`${cmd.text}\`${cwd ? ` (in ${cwd})` : ''}: the tree has no folder ${w1}${cwd ? ` there, in ${sampleRel ?? 'the sample'} or at its root` : ''}`, fix: 'cd into a folder the tree has' });
        }
        cwd = to;
        continue;
      }
      walked.push({ cmd, block, cwd });
    }
  }
  return walked;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return joinWords(a) === joinWords(b);
}

export function runFileOf(arg: string | undefined, cwd: string, ws: TreeWorkspace): { rel: string; exists: boolean } {
  const p = folder(path.posix.join(cwd, arg ?? '.'));
  if (ws.kind(p || '.') === 'dir') {
    for (const name of ['dapr.yaml', 'dapr.yml']) {
      const f = path.posix.join(p, name);
      if (ws.kind(f) === 'file') return { rel: f, exists: true };
    }
    return { rel: path.posix.join(p, 'dapr.yaml'), exists: false };
  }
  return { rel: p, exists: ws.kind(p) === 'file' };
}

function checkDaprRunInTree(w: WalkedCommand, language: Language, sample: SampleSpec, runs: ReadmeRuns, ws: TreeWorkspace): Finding[] {
  const out: Finding[] = [];
  const cwd = w.cwd!;
  const f = (id: Finding['id'], severity: Finding['severity'], message: string, fix: string) => out.push({ id, severity, language, line: w.cmd.line, message, fix });
  const run = parseDaprRun(w.cmd.words);
  const fileFlag = run.flags.find((fl) => fl.name === 'run-file');
  if (fileFlag) {
    const rf = runFileOf(fileFlag.value, cwd, ws);
    const readme = runs.runFiles.length ? `the README runs ${runs.runFiles.join(', ')}` : 'the README runs no run file';
    if (!rf.exists) f('run-file-missing', 'error', `\`${w.cmd.text}\` in ${show(cwd)}: the tree has no ${rf.rel}; ${readme}`, runs.runFiles[0] ? `run it from ${path.posix.dirname(runs.runFiles[0])}` : 'run the sample as its README does');
    else if (!runs.runFiles.includes(rf.rel)) f('command-not-in-readme', 'warning', `\`${w.cmd.text}\` in ${show(cwd)} runs ${rf.rel}; ${readme}`, 'run the run file the README runs');
    return out;
  }
  for (const fl of run.flags) {
    if ((fl.name === 'resources-path' || fl.name === 'components-path') && fl.value && !unfollowable(fl.value)) {
      const p = path.posix.normalize(path.posix.join(cwd, fl.value));
      if (p.startsWith('..') || ws.kind(p) !== 'dir') f('resources-folder-missing', 'error', `${fl.written} ${fl.value} from ${show(cwd)} leads to ${p}, which the tree does not have`, 'point it at the folder holding the sample\'s components');
    }
  }
  const appId = run.flags.find((fl) => fl.name === 'app-id')?.value;
  if (!appId) return out;
  const apps = runs.apps.filter((a) => a.appId === appId);
  if (apps.length === 0) {
    const known = [...new Set(runs.apps.map((a) => a.appId))];
    f('app-id-unknown', 'error', `--app-id ${appId}: ${sample.id}'s README starts no app of that id (it starts ${known.join(', ') || 'none'})`, known[0] ? `use the app id the README uses (${known.join(', ')})` : 'run the app the README runs');
    return out;
  }
  const here = apps.find((a) => a.cwd === cwd) ?? apps[0]!;
  if (run.appArgv.length) {
    const problem = compareRunCommand(canonicalCommand(run.appArgv), canonicalCommand(here.command), (rel) => ws.kind(path.posix.join(cwd, rel)) !== undefined);
    if (problem) f(problem.id, problem.severity, `${problem.message} (${here.runFile ? `as ${here.runFile} starts it` : `as the README runs it${here.line ? ` at line ${here.line}` : ''}`})`, `end the command with \`-- ${joinWords(here.command)}\``);
  }
  // A page that says "in the other terminal" is not followed across terminals: only a folder where the README starts no app at all is a wrong one.
  if (!runs.apps.some((a) => a.cwd === cwd)) f('command-not-in-readme', 'warning', `\`dapr run --app-id ${appId}\` runs in ${show(cwd)}; the README starts ${appId} in ${here.cwd}`, `cd ${here.cwd} first`);
  return out;
}

/** Install and `dapr run` commands, and the folders they run in, against the sample's README steps. */
function checkTabCommands(walked: WalkedCommand[], language: Language, sample: SampleSpec, ws: TreeWorkspace): Finding[] {
  const out: Finding[] = [];
  const runs = readmeRuns(sample, ws.manifest.root, ws.read);
  for (const w of walked) {
    if (w.cwd === undefined) continue;
    if (isDaprRun(w.cmd.words)) {
      out.push(...checkDaprRunInTree(w, language, sample, runs, ws));
      continue;
    }
    if (!isInstallCommand(w.cmd.words)) continue;
    const same = runs.commands.filter((c) => sameWords(c.words, w.cmd.words));
    if (same.some((c) => c.cwd === undefined || c.cwd === w.cwd)) continue;
    const tool = runs.commands.filter((c) => c.cwd !== undefined && isInstallCommand(c.words) && c.words[0] === w.cmd.words[0]);
    if (same.length === 0 && tool.length === 0) {
      // The README does without the step (`dotnet run` builds by itself): an extra step, not a wrong one.
      out.push({ id: 'install-not-in-readme', severity: 'info', language, line: w.cmd.line, message: `\`${w.cmd.text}\` (in ${show(w.cwd)}): ${sample.id}'s README runs no \`${w.cmd.words[0]}\` install step`, fix: 'none needed, if the step is one a reader needs' });
      continue;
    }
    const installs = tool.map((c) => `\`${joinWords(c.words)}\` in ${show(c.cwd!)}`);
    const message = same.length
      ? `\`${w.cmd.text}\` runs in ${show(w.cwd)}; ${sample.id}'s README runs it in ${show(same[0]!.cwd!)}`
      : `\`${w.cmd.text}\` (in ${show(w.cwd)}) is not what ${sample.id}'s README runs: it runs ${installs.join(', ')}`;
    out.push({ id: 'command-not-in-readme', severity: 'warning', language, line: w.cmd.line, message, fix: 'install as the sample\'s README does' });
  }
  return out;
}

function inTab(page: DocPage, tab: LanguageTab, block: CodeBlock): boolean {
  return languageTabAt(page, block.offset)?.start === tab.start;
}

/** Code excerpts in the tab must come, line by line and in order, from a source file of the sample. */
function checkTabExcerpts(page: DocPage, tab: LanguageTab, sample: SampleSpec, ws: TreeWorkspace): Finding[] {
  const out: Finding[] = [];
  const dir = sampleDir(ws, sample);
  for (const block of page.blocks) {
    if (!inTab(page, tab, block) || roleOf(block) !== 'source') continue;
    const codeLanguage = codeLangToLanguage(block.lang)!;
    const candidates = ws.files(dir).filter((f) => EXTENSIONS[codeLanguage].includes(path.posix.extname(f)));
    if (candidates.length === 0) {
      out.push({ id: 'excerpt-not-in-tree', severity: 'error', language: tab.language, line: block.line, message: `a ${block.lang} excerpt, but ${dir} holds no ${EXTENSIONS[codeLanguage].join('/')} file to take it from`, fix: `quote the ${LABEL[tab.language]} sample's own code` });
      continue;
    }
    let best: { file: string; miss: NonNullable<ReturnType<typeof findExcerptMismatch>> } | undefined;
    let found = false;
    for (const file of candidates) {
      const miss = findExcerptMismatch(block.value, ws.read(file) ?? '');
      if (!miss) {
        found = true;
        break;
      }
      if (!best || miss.line.index > best.miss.line.index) best = { file, miss };
    }
    if (found || !best) continue;
    const line = best.miss.line;
    const clip = line.text.length > 140 ? `${line.text.slice(0, 139)}…` : line.text;
    out.push({ id: 'excerpt-not-in-tree', severity: 'error', language: tab.language, line: block.valueLine + line.index, message: `excerpt line "${clip}" is in no ${EXTENSIONS[codeLanguage].join('/')} file of ${dir}${best.miss.after ? ` (the closest, ${best.file}, has the excerpt's lines before it, up to its line ${best.miss.after})` : ''}`, fix: best.miss.after ? `copy the excerpt from ${best.file} as it is now` : `quote the code as ${dir} has it now` });
  }
  return out;
}

const FILE_NAME = /^[\w.-]+\.(?:ya?ml|json)$/;

/** File names (`dapr.yaml`, `secrets.json`) a sentence names, word by word (a global search backtracked on long runs of dots). */
function fileNames(text: string): string[] {
  const trimDots = (w: string) => {
    let end = w.length;
    while (end > 0 && w[end - 1] === '.') end--;
    return w.slice(0, end);
  };
  return text.split(/[\s`'"()[\],:;]+/).map(trimDots).filter((w) => FILE_NAME.test(w));
}

/** The file of the same extension whose name shares the longest start with `name` (at least half of it): a renamed file. */
function similarFile(name: string, files: readonly string[]): string | undefined {
  const ext = path.posix.extname(name);
  let best: { file: string; shared: number } | undefined;
  for (const f of files) {
    const base = path.posix.basename(f);
    if (path.posix.extname(base) !== ext) continue;
    let n = 0;
    while (n < base.length && n < name.length && base[n] === name[n]) n++;
    if (n * 2 >= name.length && (!best || n > best.shared)) best = { file: f, shared: n };
  }
  return best?.file;
}

/** A YAML or JSON block the page presents as a file (`dapr.yaml`, `statestore.yaml`) must hold, as data, what that file of the tree holds. */
function checkQuotedFiles(page: DocPage, tab: LanguageTab, sample: SampleSpec, block: string, ws: TreeWorkspace): Finding[] {
  const out: Finding[] = [];
  const dir = sampleDir(ws, sample);
  for (const b of page.blocks) {
    const role = roleOf(b);
    if (!inTab(page, tab, b) || (role !== 'yaml' && role !== 'json')) continue;
    const names = [...fileNames(b.lead), ...fileNames(b.heading?.text ?? '')];
    const name = names[0];
    if (!name) continue;
    const under = (d: string) => ws.files(d).filter((f) => path.posix.basename(f) === name);
    const candidates = [...under(dir), ...under(block).filter((f) => !f.startsWith(`${dir}/`))];
    if (candidates.length === 0) {
      const like = similarFile(name, ws.files(block));
      out.push({ id: 'quoted-file-missing', severity: 'warning', language: tab.language, line: b.line, message: `the block shows ${name}, which neither ${dir} nor the rest of ${block}/ holds${like ? ` (it has ${like})` : ''}`, fix: like ? `show ${like}` : 'show a file the sample has, or drop the block' });
      continue;
    }
    let docs: ReturnType<typeof parseWithPositions>;
    try {
      docs = parseWithPositions(b.value, { json: role === 'json' });
    } catch (err) {
      out.push({ id: 'yaml-invalid', severity: 'error', language: tab.language, line: b.valueLine, message: `the ${name} block does not parse: ${(err as Error).message.split('\n')[0]}`, fix: `copy ${candidates[0]} into this block` });
      continue;
    }
    const doc = docs[0];
    if (!doc) continue;
    // A block that starts like a whole file (a component, a run file) is compared with the file as a
    // whole; any other block is a fragment (`targets:` of a resiliency spec): it must be found, as
    // data, somewhere in the file, and what it leaves out is not a difference.
    const whole = isWholeFile(doc.value);
    let closest: { file: string; diffs: ReturnType<typeof diffValues> } | undefined;
    for (const file of candidates) {
      let value: unknown;
      try {
        value = parseWithPositions(ws.read(file) ?? '', { json: file.endsWith('.json') })[0]?.value;
      } catch {
        continue;
      }
      for (const part of whole ? [value] : subtrees(value)) {
        const diffs = diffValues(doc.value, part).filter((d) => whole || d.kind !== 'missing');
        if (!closest || diffs.length < closest.diffs.length) closest = { file, diffs };
        if (diffs.length === 0) break;
      }
      if (closest?.diffs.length === 0) break;
    }
    if (!closest || closest.diffs.length === 0) continue;
    const listed = closest.diffs.slice(0, 3).map((d) => describeDifference(d, closest.file)).join('; ');
    out.push({ id: 'quoted-file-mismatch', severity: 'error', language: tab.language, line: b.valueLine + doc.lineOf(closest.diffs[0]!.path), message: `${listed}${closest.diffs.length > 3 ? `; and ${closest.diffs.length - 3} more` : ''}`, fix: `copy ${closest.file} into this block` });
  }
  return out;
}

function isWholeFile(v: unknown): boolean {
  return !!v && typeof v === 'object' && !Array.isArray(v) && ('apiVersion' in v || 'kind' in v || 'version' in v);
}

/** A value and every object or list inside it, shallowest first. */
function subtrees(v: unknown): unknown[] {
  const out: unknown[] = [];
  const todo: unknown[] = [v];
  while (todo.length && out.length < 2000) {
    const x = todo.shift();
    out.push(x);
    if (x && typeof x === 'object') todo.push(...Object.values(x as Record<string, unknown>).filter((c) => c && typeof c === 'object'));
  }
  return out;
}

const MULTI_APP = /^== APP - ([\w.-]+) ==\s?(.*)$/;

/** Splits an output block by the app each line came from (`== APP - id ==`); unframed lines go to `fallback`. */
function linesByApp(text: string, fallback: string | undefined): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const m = MULTI_APP.exec(line.trim());
    const app = m ? m[1]! : fallback;
    if (!app) continue;
    out.set(app, [...(out.get(app) ?? []), m ? m[2]! : line]);
  }
  return out;
}

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** Output blocks against the per-app goldens of the sample's runs, shaped as the run shapes them. */
function checkTabOutputs(page: DocPage, tab: LanguageTab, sample: SampleSpec, ws: TreeWorkspace): Finding[] {
  const out: Finding[] = [];
  const apps = (sample.scenario?.steps ?? []).flatMap((s) => (s.kind === 'run' ? s.apps : []));
  const goldens = new Map<string, string>();
  for (const a of apps) {
    const text = ws.read(path.relative(ws.manifest.root, a.golden));
    if (text !== undefined && !goldens.has(a.appId)) goldens.set(a.appId, text);
  }
  const shaping = sampleShaping(sample, ws.manifest.root);
  let reportedMissing = false;
  for (const b of page.blocks) {
    if (!inTab(page, tab, b) || roleOf(b) !== 'output') continue;
    if (goldens.size === 0) {
      if (!reportedMissing) out.push({ id: 'output-not-checked', severity: 'info', language: tab.language, line: b.line, message: `${sample.id} has no per-app golden yet (expected/${sample.block}/${sample.language}-${sample.variant}/<appId>.txt), so the tab's output blocks are not checked`, fix: `run \`npx parity run --root TREE ${sample.id} --update\` where it can run, then check the page again` });
      reportedMissing = true;
      continue;
    }
    const ids = [...new Set(apps.map((a) => a.appId))];
    const named = ids.find((id) => squash(`${b.lead} ${b.heading?.text ?? ''}`).includes(squash(id)));
    const fallback = ids.length === 1 ? ids[0] : named;
    for (const [appId, lines] of linesByApp(b.value, fallback)) {
      const golden = goldens.get(appId);
      if (golden === undefined) continue;
      const v = compareOutput(lines.join('\n'), golden, [], shaping);
      if (v.kind === 'match' || v.kind === 'omits') continue;
      const rel = `expected/${sample.block}/${sample.language}-${sample.variant}/${appId}.txt`;
      if (v.kind === 'prefix') {
        out.push({ id: 'output-prefix-drift', severity: 'warning', language: tab.language, line: b.valueLine, message: `${appId}'s lines ${v.pageHasPrefix ? 'carry' : 'lack'} the "== APP == " prefix (compared with ${rel})`, fix: 'show the app\'s lines as CLI 1.17 and later print them' });
        continue;
      }
      out.push({ id: 'output-content-drift', severity: 'error', language: tab.language, line: b.valueLine, message: `${appId}: ${v.why} (compared with ${rel})`, fix: `show the lines of ${rel} in this block` });
    }
  }
  return out;
}

/** Every check of a page against the tree. */
export function checkTreePage(page: DocPage, ws: TreeWorkspace): Finding[] {
  const out: Finding[] = [...checkTreeLinks(page, ws)];
  const block = pageBlock(page, ws);
  const tabs = languageTabs(page);
  if (!block) {
    if (tabs.length === 0) out.push({ id: 'page-names-no-sample', severity: 'info', language: null, line: 1, message: 'the page names no sample folder of the tree (no link or cd into one) and has no language tabs: nothing to check it against', fix: 'none needed for an index page' });
  }
  for (const tab of tabs) {
    const sample = tabSample(page, tab, block, ws);
    if (!sample) {
      out.push({ id: 'tab-without-sample', severity: 'warning', language: tab.language, line: tab.line, message: `the tree has no ${block ?? ''}${block ? '/' : ''}${tab.language} sample for the "${tab.label}" tab`, fix: 'point the tab at a sample the tree has, or drop it' });
    }
    const walked = walkTab(page, tab, sample, ws, out);
    if (!sample) continue;
    out.push(...checkTabCommands(walked, tab.language, sample, ws));
    out.push(...checkTabExcerpts(page, tab, sample, ws));
    out.push(...checkQuotedFiles(page, tab, sample, sample.block ?? block ?? '', ws));
    out.push(...checkTabOutputs(page, tab, sample, ws));
  }
  if (block) {
    const covered = new Set(tabs.map((t) => t.language));
    for (const language of LANGUAGES) {
      if (covered.has(language)) continue;
      const missing = ws.samples.filter((s) => s.block === block && s.language === language).map((s) => s.id);
      if (missing.length) out.push({ id: 'tree-sample-without-tab', severity: 'info', language: null, line: tabs[0]?.line ?? 1, message: `the tree has ${missing.join(' and ')}, but the page has no ${LABEL[language]} tab`, fix: `add a ${LABEL[language]} tab, or say on the page why there is none` });
    }
  }
  return out;
}
