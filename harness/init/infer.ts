// Builds manifest entries from READMEs' mechanical-markdown steps: the steps before the `dapr run`
// step are the install, the `dapr run` gives the app command, its folder, the components folder
// and the app id. Pure: the files it needs to look at come through a `TreeView`, so tests can hand
// it a tree without touching the disk. Every value keeps the README line it came from.
import path from 'node:path';
import { isDaprLineInReadme } from '../output/dapr-lines.ts';
import { componentValues } from '../samples/components.ts';
import { isDaprRun, parseDaprRun, shellCommands, splitSegments, shellWords, type DaprRun } from '../docs/shell.ts';
import { LANGUAGES, TOOLCHAINS, VARIANTS, type ExpectedLines, type Language, type Toolchain, type Variant } from '../model.ts';
import type { MmStep } from './mm-steps.ts';

/** What infer may ask of the tree; paths are absolute. */
export interface TreeView {
  isFile(p: string): boolean;
  isDir(p: string): boolean;
  /** File names in a folder (empty when it is not one). */
  list(dir: string): string[];
  read(p: string): string | undefined;
}

/** Something init could not work out, and where it looked. */
export interface InitProblem {
  /** README path relative to the tree's root. */
  file: string;
  line: number;
  what: string;
}

export interface DraftInstall {
  run: string;
  inputs: string[];
  outputs: string[];
  line: number;
}

export interface Sourced<T> {
  value: T;
  /** README line the value came from. */
  line: number;
  /** How it was worked out, for the comment next to it. */
  how: string;
}

/** One sample as inferred; paths are relative to the tree's root unless said otherwise. */
export interface SampleDraft {
  readme: string;
  id: string;
  language: Language;
  variant: Variant;
  dir: Sourced<string>;
  appId?: Sourced<string>;
  toolchains: Toolchain[];
  install: DraftInstall[];
  /** Relative to `dir`. */
  path?: Sourced<string[]>;
  run: Sourced<string>;
  /** Relative to `dir`. */
  source: Sourced<string>;
  env?: Sourced<Record<string, string>>;
  timeoutSeconds?: Sourced<number>;
  components?: Sourced<string>;
  secrets?: Sourced<string>;
  expect?: Sourced<ExpectedLines>;
}

export interface ReadmeInference {
  sample?: SampleDraft;
  problems: InitProblem[];
}

const LANGUAGE_TOOLCHAINS: Record<Language, Toolchain[]> = {
  python: ['python3'], javascript: ['node'], csharp: ['dotnet'], java: ['java'], go: ['go'],
};
const COMMAND_TOOLCHAINS: Record<string, Toolchain> = {
  python: 'python3', python3: 'python3', pip: 'python3', pip3: 'python3',
  node: 'node', npm: 'node', npx: 'node', yarn: 'node', pnpm: 'node',
  java: 'java', mvn: 'mvn', go: 'go', dotnet: 'dotnet',
};
const SOURCE_EXT: Record<Language, RegExp> = {
  python: /\.py$/, javascript: /\.(m|c)?[jt]s$/, csharp: /\.cs$/, java: /\.java$/, go: /\.go$/,
};
const WELL_KNOWN_SOURCE: Record<Language, string[]> = {
  python: ['app.py', 'main.py'], javascript: ['index.js', 'app.js', 'server.js', 'index.mjs'],
  csharp: ['Program.cs'], java: [], go: ['main.go'],
};

/** The value of the first of these `dapr run` flags given (long names; a short flag is parsed under its long name). */
const flagValue = (run: DaprRun, ...names: string[]) => run.flags.find((f) => names.includes(f.name))?.value;

const posix = (p: string) => p.split(path.sep).join('/');
const rel = (from: string, to: string) => posix(path.relative(from, to)) || '.';

/** `<language>/<variant>` from the folder names on the README's path (relative to the root). */
export function languageAndVariant(readmeRel: string): { language: Language; variant: Variant } | undefined {
  const parts = posix(path.dirname(readmeRel)).split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    const l = parts[i] as Language;
    const v = parts[i + 1] as Variant;
    if (LANGUAGES.includes(l) && VARIANTS.includes(v)) return { language: l, variant: v };
  }
  return undefined;
}

interface Cmd {
  /** The command as written (for a line holding `cd x && cmd`, the part after the cd). */
  text: string;
  words: string[];
  /** The words of each `&&`/`||`/`;` part, the first being `words`. */
  parts: string[][];
  /** Absolute folder it runs in. */
  cwd: string;
  line: number;
  step: MmStep;
}

/**
 * The commands of a step with the folder each runs in: the step's working_dir (else the README's
 * folder), changed by `cd` inside a block for the rest of that block only, as `bash -c` would.
 */
export function stepCommands(step: MmStep, readmeDir: string): Cmd[] {
  const start = path.resolve(readmeDir, step.header.workingDir ?? '.');
  const out: Cmd[] = [];
  for (const block of step.blocks) {
    let cwd = start;
    const seen = new Set<number>();
    for (const c of shellCommands(block)) {
      if (seen.has(c.line)) continue;
      seen.add(c.line);
      // One logical line at a time, so `a && b` stays one install command.
      const segments = splitSegments(c.lineText);
      const rest: string[] = [];
      for (const seg of segments) {
        const words = shellWords(seg);
        if (words[0] === 'cd' && rest.length === 0) cwd = path.resolve(cwd, words[1] ?? '.');
        else rest.push(seg);
      }
      if (rest.length === 0) continue;
      const text = segments.length === rest.length ? c.lineText : rest.join(' && ');
      const parts = rest.map(shellWords);
      out.push({ text, words: parts[0]!, parts, cwd, line: c.line, step });
    }
  }
  return out;
}

function toolchainsOf(language: Language, commands: string[][]): Toolchain[] {
  const set = new Set<Toolchain>(LANGUAGE_TOOLCHAINS[language]);
  for (const words of commands) {
    const t = COMMAND_TOOLCHAINS[path.basename(words[0] ?? '')];
    if (t) set.add(t);
  }
  return TOOLCHAINS.filter((t) => set.has(t));
}

export function filesUnder(tree: TreeView, dir: string, ext: RegExp, depth = 6): string[] {
  if (depth < 0 || !tree.isDir(dir)) return [];
  const out: string[] = [];
  for (const name of tree.list(dir).sort()) {
    if (name.startsWith('.') || name === 'node_modules' || name === 'target' || name === 'bin' || name === 'obj') continue;
    const p = path.join(dir, name);
    if (tree.isFile(p)) { if (ext.test(name)) out.push(p); } else out.push(...filesUnder(tree, p, ext, depth - 1));
  }
  return out;
}

/** The cache inputs and outputs of an install command, from what it is (pip, npm, mvn, go, dotnet). */
function installFiles(words: string[], cwd: string, sampleDir: string, tree: TreeView): { inputs: string[]; outputs: string[] } {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const has = (f: string) => tree.isFile(path.join(cwd, f));
  const add = (list: string[], f: string) => { const r = rel(sampleDir, path.join(cwd, f)); if (!list.includes(r)) list.push(r); };
  const all = words.join(' ');
  const tool = path.basename(words[0] ?? '');
  if (/^pip3?$/.test(tool) || words.includes('pip')) {
    for (let i = 0; i < words.length; i++) {
      if ((words[i] === '-r' || words[i] === '--requirement') && words[i + 1]) add(inputs, words[i + 1]!);
    }
  }
  const venv = /-m venv (\S+)/.exec(all);
  if (venv) add(outputs, `${venv[1]}/bin/python3`);
  if ((tool === 'npm' || tool === 'yarn' || tool === 'pnpm') && /\b(ci|install|i)\b/.test(all)) {
    for (const f of ['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml']) if (has(f)) add(inputs, f);
    add(outputs, 'node_modules');
  }
  if (tool === 'mvn') {
    if (has('pom.xml')) add(inputs, 'pom.xml');
    for (const f of filesUnder(tree, path.join(cwd, 'src'), /\.java$/)) add(inputs, path.relative(cwd, f));
    add(outputs, 'target');
  }
  if (tool === 'go' && /^(build|mod|install|get)$/.test(words[1] ?? '')) {
    for (const f of ['go.mod', 'go.sum']) if (has(f)) add(inputs, f);
    if (words[1] === 'build') {
      for (const f of tree.list(cwd).filter((n) => n.endsWith('.go')).sort()) add(inputs, f);
      const o = words.indexOf('-o');
      add(outputs, o >= 0 && words[o + 1] ? words[o + 1]! : path.basename(cwd));
    }
  }
  if (tool === 'dotnet' && /\b(restore|build|publish)\b/.test(all)) {
    for (const f of tree.list(cwd).filter((n) => /\.(csproj|cs)$/.test(n)).sort()) add(inputs, f);
    add(outputs, 'bin');
  }
  return { inputs, outputs };
}

/** The file a local-file secret store reads, as daprd resolves it: against its working folder, the app's. */
function secretsFromComponents(tree: TreeView, components: string, appDir: string): string | undefined {
  const view = { files: (dir: string) => tree.list(dir).filter((n) => tree.isFile(path.join(dir, n))), read: (f: string) => tree.read(f) };
  for (const { value } of componentValues(components, view)) {
    const spec = (value as { spec?: { type?: unknown; metadata?: { name?: unknown; value?: unknown }[] } } | null)?.spec;
    if (spec?.type !== 'secretstores.local.file') continue;
    const file = spec.metadata?.find((m) => m.name === 'secretsFile')?.value;
    if (typeof file === 'string') return path.resolve(appDir, file);
  }
  return undefined;
}

function mainSource(tree: TreeView, language: Language, appDir: string, appArgv: string[]): { file?: string; how: string } {
  for (const w of appArgv) {
    if (SOURCE_EXT[language].test(w) && tree.isFile(path.join(appDir, w))) return { file: w, how: 'named by the app command' };
  }
  if (language === 'javascript') {
    try {
      const main = (JSON.parse(tree.read(path.join(appDir, 'package.json')) ?? '{}') as { main?: unknown }).main;
      if (typeof main === 'string' && tree.isFile(path.join(appDir, main))) return { file: posix(path.normalize(main)), how: 'package.json "main"' };
    } catch {
      // No usable package.json: fall through to the usual names.
    }
  }
  for (const f of WELL_KNOWN_SOURCE[language]) if (tree.isFile(path.join(appDir, f))) return { file: f, how: 'the usual name' };
  const found = filesUnder(tree, appDir, SOURCE_EXT[language]);
  if (found.length) return { file: rel(appDir, found[0]!), how: `first ${language} file in the app folder (a guess)` };
  return { how: 'no source file found' };
}

/** Infers one sample from one README's steps. `readme` is absolute; `root` is the tree's root. */
export function inferSample(root: string, readme: string, steps: MmStep[], tree: TreeView): ReadmeInference {
  const file = rel(root, readme);
  const readmeDir = path.dirname(readme);
  const problems: InitProblem[] = [];
  const problem = (line: number, what: string) => problems.push({ file, line, what });

  const lv = languageAndVariant(file);
  if (!lv) {
    problem(1, `cannot tell the language and variant: the folders on its path are not <language>/<variant> (${LANGUAGES.join('|')} / ${VARIANTS.join('|')})`);
    return { problems };
  }
  const runAt = steps.findIndex((s) => stepCommands(s, readmeDir).some((c) => isDaprRun(c.words)));
  if (runAt < 0) {
    problem(steps[0]?.line ?? 1, 'no step runs `dapr run`: nothing to take the app command from');
    return { problems };
  }
  const runStep = steps[runAt]!;
  const runCmds = stepCommands(runStep, readmeDir);
  const daprCmd = runCmds.find((c) => isDaprRun(c.words))!;
  const more = [...runCmds, ...steps.slice(runAt + 1).flatMap((s) => stepCommands(s, readmeDir))].filter((c) => c !== daprCmd && isDaprRun(c.words));
  for (const c of more) problem(c.line, 'another `dapr run`: only the first one is a sample; this one is left out');
  const dapr = parseDaprRun(daprCmd.words);
  if (flagValue(dapr, 'run-file')) {
    problem(daprCmd.line, '`dapr run -f` (a multi-app run file) is not a single sample; left out');
    return { problems };
  }
  if (dapr.appArgv.length === 0) {
    problem(daprCmd.line, '`dapr run` has no app command (nothing after `--`)');
    return { problems };
  }
  const appDir = daprCmd.cwd;
  if (!tree.isDir(appDir)) problem(daprCmd.line, `the app folder ${rel(root, appDir)} (where \`dapr run\` starts) does not exist`);
  const dashed = daprCmd.text.indexOf(' -- ');
  const run = dashed >= 0 ? daprCmd.text.slice(dashed + 4).trim() : dapr.appArgv.join(' ');

  const install: DraftInstall[] = [];
  for (const step of steps.slice(0, runAt)) {
    if (step.header.background) {
      problem(step.line, 'a background step before `dapr run` is a service, not an install step; left out');
      continue;
    }
    for (const c of stepCommands(step, readmeDir)) {
      if (c.words[0] === 'dapr') {
        problem(c.line, `\`${c.text}\` is a Dapr command, not an install step; left out (the harness provides Dapr)`);
        continue;
      }
      const where = rel(appDir, c.cwd);
      const inputs: string[] = [];
      const outputs: string[] = [];
      for (const words of c.parts) {
        const files = installFiles(words, c.cwd, appDir, tree);
        inputs.push(...files.inputs.filter((f) => !inputs.includes(f)));
        outputs.push(...files.outputs.filter((f) => !outputs.includes(f)));
      }
      install.push({ run: where === '.' ? c.text : `cd ${where} && ${c.text}`, inputs, outputs, line: c.line });
    }
  }

  // Lines before `dapr run` in its own block that shape the app's environment.
  const env: Record<string, string> = { ...runStep.header.env };
  const pathDirs: string[] = [];
  for (const c of runCmds.filter((x) => x.line < daprCmd.line)) {
    if ((c.words[0] === 'source' || c.words[0] === '.') && /\/bin\/activate$/.test(c.words[1] ?? '')) {
      pathDirs.push(rel(appDir, path.resolve(c.cwd, path.dirname(c.words[1]!))));
    } else if (c.words[0] === 'export') {
      for (const w of c.words.slice(1)) { const eq = w.indexOf('='); if (eq > 0) env[w.slice(0, eq)] = w.slice(eq + 1); }
    } else problem(c.line, `\`${c.text}\` before \`dapr run\` is not understood (only cd, export and source …/bin/activate are); left out`);
  }

  const sample: SampleDraft = {
    readme: file,
    id: `${lv.language}/${lv.variant}`,
    ...lv,
    dir: { value: rel(root, appDir), line: daprCmd.line, how: 'the folder `dapr run` starts in' },
    toolchains: toolchainsOf(lv.language, [...steps.slice(0, runAt).flatMap((s) => stepCommands(s, readmeDir).flatMap((c) => c.parts)), dapr.appArgv]),
    install,
    run: { value: run, line: daprCmd.line, how: 'the app command after `--`' },
    source: { value: 'FIXME', line: daprCmd.line, how: '' },
  };
  const appId = flagValue(dapr, 'app-id');
  if (appId) sample.appId = { value: appId, line: daprCmd.line, how: '--app-id' };
  else problem(daprCmd.line, '`dapr run` has no --app-id: the manifest\'s default app id is used');
  if (pathDirs.length) sample.path = { value: pathDirs, line: daprCmd.line, how: 'the virtualenv the step activates' };
  if (Object.keys(env).length) sample.env = { value: env, line: runStep.line, how: 'the step\'s env and exports' };
  if (runStep.header.timeoutSeconds !== undefined) {
    sample.timeoutSeconds = { value: runStep.header.timeoutSeconds, line: runStep.line, how: 'timeout_seconds' };
  }

  const resources = flagValue(dapr, 'resources-path', 'components-path');
  if (resources) {
    const abs = path.resolve(appDir, resources);
    sample.components = { value: rel(root, abs), line: daprCmd.line, how: dapr.flags.some((f) => f.name === 'components-path') ? '--components-path' : '--resources-path' };
    if (!tree.isDir(abs)) problem(daprCmd.line, `the components folder ${rel(root, abs)} does not exist`);
    const secrets = secretsFromComponents(tree, abs, appDir);
    if (secrets) sample.secrets = { value: rel(root, secrets), line: daprCmd.line, how: 'the secretsFile of the local-file secret store, from the app folder' };
  } else problem(daprCmd.line, '`dapr run` has no --resources-path: the manifest\'s components folder is used');
  if (!sample.secrets) {
    const local = path.join(appDir, 'secrets.json');
    if (tree.isFile(local)) sample.secrets = { value: rel(root, local), line: daprCmd.line, how: 'secrets.json in the app folder' };
    else problem(daprCmd.line, 'no secrets file found (no local-file secret store, no secrets.json in the app folder): the manifest\'s is used');
  }

  const src = mainSource(tree, lv.language, appDir, dapr.appArgv);
  if (src.file) sample.source = { value: src.file, line: daprCmd.line, how: src.how };
  else problem(daprCmd.line, `cannot tell the main source file in ${rel(root, appDir)}: "source" is left as FIXME`);

  const lines = runStep.header.expectedStdoutLines;
  const appLines = lines.filter((l) => !isDaprLineInReadme(l));
  if (appLines.length < lines.length) problem(runStep.line, `${lines.length - appLines.length} expected line(s) are the CLI's or daprd's, not the app's; left out of "expect"`);
  if (appLines.length) {
    sample.expect = {
      value: { lines: appLines, order: runStep.header.matchOrder, mode: runStep.header.outputMatchMode },
      line: runStep.line,
      how: 'expected_stdout_lines',
    };
  }
  return { sample, problems };
}

export interface ManifestDraft {
  components: string;
  secrets: string;
  defaults: { appId: string; timeoutSeconds: number };
  samples: SampleDraft[];
}

function mostCommon<T>(values: T[], fallback: T): T {
  const counts = new Map<T, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best = fallback;
  let n = 0;
  for (const [v, c] of counts) if (c > n) { best = v; n = c; }
  return best;
}

/**
 * Puts samples into one manifest: the most common components folder, secrets file, app id and
 * timeout become the shared values, and a sample keeps its own only where it differs. Duplicate
 * ids (two READMEs for one language/variant) keep the first.
 */
export function assembleManifest(samples: SampleDraft[], problems: InitProblem[]): ManifestDraft {
  const kept: SampleDraft[] = [];
  for (const s of samples) {
    const first = kept.find((k) => k.id === s.id);
    if (first) problems.push({ file: s.readme, line: s.run.line, what: `${s.id} is already taken by ${first.readme}; left out` });
    else kept.push(s);
  }
  const draft: ManifestDraft = {
    components: mostCommon(kept.flatMap((s) => (s.components ? [s.components.value] : [])), 'components'),
    secrets: mostCommon(kept.flatMap((s) => (s.secrets ? [s.secrets.value] : [])), 'secrets.json'),
    defaults: {
      appId: mostCommon(kept.flatMap((s) => (s.appId ? [s.appId.value] : [])), 'order-processor'),
      timeoutSeconds: mostCommon(kept.flatMap((s) => (s.timeoutSeconds ? [s.timeoutSeconds.value] : [])), 120),
    },
    samples: kept.map((s) => ({ ...s })),
  };
  for (const s of draft.samples) {
    if (s.components?.value === draft.components) delete s.components;
    if (s.secrets?.value === draft.secrets) delete s.secrets;
    if (s.appId?.value === draft.defaults.appId) delete s.appId;
    if (s.timeoutSeconds?.value === draft.defaults.timeoutSeconds) delete s.timeoutSeconds;
  }
  return draft;
}
