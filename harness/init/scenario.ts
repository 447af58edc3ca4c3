// Builds a scenario entry (the manifest form of a tree of several quickstarts) from one README's
// mechanical-markdown steps: every command of every step becomes an install, sh or run step, or
// is recorded as dropped with why. Pure: the tree is read through a TreeView. The rules that
// reorder or skip (a configuration update, a background run, what the harness cannot provide yet)
// are in scenario-rules.ts.
import path from 'node:path';
import { APP_MULTI, isDaprLineInReadme, unframe } from '../output/dapr-lines.ts';
import { componentValues } from '../samples/components.ts';
import { parseRunFile } from '../samples/run-file.ts';
import { isDaprRun, parseDaprRun, shellCommands, shellWords, splitSegments } from '../docs/shell.ts';
import { TOOLCHAINS, type ExpectedLines, type Language, type Toolchain } from '../model.ts';
import { filesUnder, languageAndVariant, type InitProblem, type TreeView } from './infer.ts';
import type { MmStep } from './mm-steps.ts';
import { composePostgresSeed, psqlOnHarness } from './postgres-steps.ts';
import { applyScenarioRules, controlPlaneServices, cutRepeatingServers, javaOverlays, skipReasons } from './scenario-rules.ts';
import type { ComponentFacts, DraftStep, ScenarioDraft } from './scenario-draft.ts';
import { parseCurl, placePorts } from './curl.ts';

export interface ScenarioInference {
  sample?: ScenarioDraft;
  problems: InitProblem[];
}

const LANGUAGE_TOOLCHAINS: Record<Language, Toolchain[]> = {
  python: ['python3'], javascript: ['node'], csharp: ['dotnet'], java: ['java', 'mvn'], go: ['go'],
};
const COMMAND_TOOLCHAINS: Record<string, Toolchain> = {
  python: 'python3', python3: 'python3', pip: 'python3', pip3: 'python3',
  node: 'node', npm: 'node', npx: 'node', yarn: 'node', pnpm: 'node',
  java: 'java', mvn: 'mvn', go: 'go', dotnet: 'dotnet', openssl: 'openssl',
};
/** Source files searched for an expected line's text, to tell which app prints it. */
const SOURCE_FILES = /\.(py|m?js|cjs|ts|java|go|cs)$/;
/** The CLI's default timeout is mm's 300 s; a README's own is raised to this at least (a cold JVM or `go run` start). */
const MIN_RUN_TIMEOUT_S = 120;
/** Flags a run step carries over; any other is said, with the line, and left out. */
const RUN_FLAGS = new Set(['app-id', 'resources-path', 'components-path', 'app-port', 'app-protocol']);
const APP_PROTOCOLS = new Set(['http', 'grpc', 'https', 'grpcs', 'h2c']);

const posix = (p: string) => p.split(path.sep).join('/');
const rel = (from: string, to: string) => posix(path.relative(from, to)) || '.';
/** `dir/file`, or `file` when dir is the sample folder itself. */
const under = (dir: string, file: string) => (dir === '.' ? file : `${dir}/${file}`);

interface Cmd {
  /** As written, without a trailing comment. */
  text: string;
  words: string[];
  /** Absolute folder it runs in. */
  cwd: string;
  line: number;
}

/**
 * The commands of a step with the folder each runs in, as `bash -c` runs a block: the step's
 * working_dir (else the README's folder), moved by `cd` for the rest of that block only. A `cd`
 * into a folder that does not exist fails and the block carries on where it was, as in bash.
 */
/** `line` less a trailing ` # comment` that holds no quote (a scan: a regex for it backtracks on long white space). */
function withoutTrailingComment(line: string): string {
  for (let i = line.indexOf('#'); i > 0; i = line.indexOf('#', i + 1)) {
    if (!/\s/.test(line[i - 1]!)) continue;
    const rest = line.slice(i);
    if (rest.includes('"') || rest.includes("'")) continue;
    let start = i;
    while (start > 0 && /\s/.test(line[start - 1]!)) start--;
    return line.slice(0, start);
  }
  return line;
}

/** `text` less any run of the given characters at its end. */
function trimEndOf(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text[end - 1]!)) end--;
  return text.slice(0, end);
}

function commandsOf(step: MmStep, readmeDir: string, tree: TreeView, missingCd: (line: number, dir: string) => void): Cmd[] {
  const start = path.resolve(readmeDir, step.header.workingDir ?? '.');
  const out: Cmd[] = [];
  for (const block of step.blocks) {
    let cwd = start;
    const seen = new Set<number>();
    for (const c of shellCommands(block)) {
      if (seen.has(c.line)) continue;
      seen.add(c.line);
      for (const seg of splitSegments(withoutTrailingComment(c.lineText))) {
        const words = shellWords(seg);
        if (words.length === 0) continue;
        if (words[0] === 'cd') {
          const to = path.resolve(cwd, words[1] ?? '.');
          if (tree.isDir(to)) cwd = to;
          else missingCd(c.line, words[1] ?? '~');
          continue;
        }
        out.push({ text: seg, words, cwd, line: c.line });
      }
    }
  }
  return out;
}

/** The `go build` output name: the last element of the module path in go.mod, as `go build .` names it. */
function goBinary(tree: TreeView, cwd: string): string | undefined {
  const mod = /^module\s+(\S+)/m.exec(tree.read(path.join(cwd, 'go.mod')) ?? '');
  return mod ? mod[1]!.split('/').pop() : undefined;
}

/** Files (and folders) whose content decides an install command, and what it produces; relative to the sample folder. */
export function installIO(words: string[], cwd: string, sampleDir: string, tree: TreeView): { inputs: string[]; outputs: string[] } {
  const inputs: string[] = [];
  const outputs: string[] = [];
  const here = rel(sampleDir, cwd);
  const addIf = (list: string[], f: string, exists: (p: string) => boolean) => {
    if (exists(path.join(cwd, f)) && !list.includes(under(here, f))) list.push(under(here, f));
  };
  const isFile = (p: string) => tree.isFile(p);
  const isDir = (p: string) => tree.isDir(p);
  const tool = path.basename(words[0] ?? '');
  if (/^pip3?$/.test(tool) || (/^python3?$/.test(tool) && words[1] === '-m' && words[2] === 'pip')) {
    words.forEach((w, i) => { if ((w === '-r' || w === '--requirement') && words[i + 1]) addIf(inputs, words[i + 1]!, isFile); });
  }
  if (/^python3?$/.test(tool) && words[1] === '-m' && words[2] === 'venv' && words[3]) outputs.push(under(here, `${words[3]}/bin/python3`));
  if (['npm', 'yarn', 'pnpm'].includes(tool)) {
    for (const f of ['package.json', 'package-lock.json', 'yarn.lock', 'pnpm-lock.yaml']) addIf(inputs, f, isFile);
    if (/^(ci|install|i)$/.test(words[1] ?? '') || words.length === 1) outputs.push(under(here, 'node_modules'));
    else if (words[1] === 'run') for (const f of ['tsconfig.json', 'src']) addIf(inputs, f, (p) => isFile(p) || isDir(p));
  }
  if (tool === 'mvn') {
    addIf(inputs, 'pom.xml', isFile);
    // A folder input: every file under src decides the jar.
    addIf(inputs, 'src', isDir);
    outputs.push(under(here, 'target'));
  }
  if (tool === 'go' && /^(build|mod|install|get)$/.test(words[1] ?? '')) {
    for (const f of ['go.mod', 'go.sum']) addIf(inputs, f, isFile);
    if (words[1] === 'build') {
      for (const f of tree.list(cwd).filter((n) => n.endsWith('.go')).sort()) addIf(inputs, f, isFile);
      const o = words.indexOf('-o');
      const bin = o >= 0 ? words[o + 1] : goBinary(tree, cwd);
      if (bin) outputs.push(under(here, bin));
    }
  }
  if (tool === 'dotnet' && /^(restore|build|publish)$/.test(words[1] ?? '')) {
    for (const f of tree.list(cwd).filter((n) => n.endsWith('.csproj')).sort()) addIf(inputs, f, isFile);
    outputs.push(under(here, words[1] === 'restore' ? 'obj' : 'bin'));
  }
  return { inputs, outputs };
}

/** Whether a command installs or builds the sample (what an `install:` step is for). */
function isInstall(words: string[]): boolean {
  const tool = path.basename(words[0] ?? '');
  if (/^pip3?$/.test(tool)) return words[1] === 'install';
  if (/^python3?$/.test(tool)) return words[1] === '-m' && (words[2] === 'venv' || words[2] === 'pip');
  if (['npm', 'yarn', 'pnpm'].includes(tool)) return true;
  if (tool === 'mvn') return true;
  if (tool === 'go') return /^(build|mod|install|get)$/.test(words[1] ?? '');
  if (tool === 'dotnet') return /^(restore|build|publish)$/.test(words[1] ?? '');
  return false;
}

/** Build output folders an app may start in (a run file's `appDirPath: ./app/target`): its sources are in the folder above. */
const BUILD_OUTPUT = new Set(['target', 'bin', 'obj', 'dist', 'build']);

/** The app's source files under a folder (node_modules, target, bin and obj left out). */
function sourcesUnder(tree: TreeView, dir: string): string[] {
  let top = dir;
  while (BUILD_OUTPUT.has(path.basename(top))) top = path.dirname(top);
  return filesUnder(tree, top, SOURCE_FILES);
}

/**
 * The literal part of an expected line an app's code would hold: up to its first digit, quote,
 * brace or bracket (where values start), then shortened word by word until found. Undefined
 * when too little text is left to tell apps apart.
 */
export function literalCandidates(line: string): string[] {
  const head = trimEndOf(line.split(/[0-9"'{[(<]/)[0]!, ' \t\n\r:=,-').trim();
  const words = head.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let n = words.length; n >= 1; n--) {
    const c = words.slice(0, n).join(' ');
    if (c.length >= 6) out.push(c);
  }
  return out;
}

/** The one app whose sources hold the line's literal text; undefined when none or several do. */
export function attributeLine(line: string, appSources: Map<string, string[]>): string | undefined {
  for (const literal of literalCandidates(line)) {
    const apps = [...appSources].filter(([, texts]) => texts.some((t) => t.includes(literal))).map(([id]) => id);
    if (apps.length === 1) return apps[0];
    if (apps.length > 1) return undefined;
  }
  return undefined;
}

function componentFacts(tree: TreeView, dirs: string[], root: string): ComponentFacts {
  const facts: ComponentFacts = { redis: [], conversation: new Map(), types: [] };
  const view = { files: (dir: string) => tree.list(dir).filter((n) => tree.isFile(path.join(dir, n))), read: (f: string) => tree.read(f) };
  for (const dir of new Set(dirs)) {
    for (const { file, value } of componentValues(dir, view)) {
      const v = value as { metadata?: { name?: unknown }; spec?: { type?: unknown; metadata?: { name?: unknown }[] } } | null;
      const type = v?.spec?.type;
      if (typeof type !== 'string') continue;
      facts.types.push(type);
      if (v?.spec?.metadata?.some((m) => m?.name === 'redisHost')) facts.redis.push(rel(root, file));
      if (type.startsWith('conversation.') && typeof v?.metadata?.name === 'string') facts.conversation.set(v.metadata.name, type);
    }
  }
  return facts;
}

/** Infers one scenario entry from one README's steps. `readme` is absolute; `root` is the tree's root. */
export function inferScenario(root: string, readme: string, steps: MmStep[], tree: TreeView): ScenarioInference {
  const file = rel(root, readme);
  const readmeDir = path.dirname(readme);
  const problems: InitProblem[] = [];
  const problem = (line: number, what: string) => problems.push({ file, line, what });
  const lv = languageAndVariant(file);
  const block = file.split('/')[0]!;
  if (!lv) {
    problem(1, 'cannot tell the language and variant from its path (<block>/<language>/<variant>/README.md)');
    return { problems };
  }
  const dir = rel(root, readmeDir);
  const at = (abs: string) => rel(readmeDir, abs);
  const draft: ScenarioDraft = {
    readme: file, id: `${block}/${lv.language}/${lv.variant}`, block, ...lv, dir,
    toolchains: [], services: [], path: [], env: {}, steps: [], dropped: [], overlays: [], notes: [],
  };
  const drop = (line: number, what: string, why: string) => draft.dropped.push({ line, what, why });
  const addPath = (p: string, why: string) => { if (!draft.path.some((x) => x.dir === p)) draft.path.push({ dir: p, why }); };
  const usedWords: string[][] = [];
  const componentDirs: string[] = [];
  const appSourceDirs: string[] = [];
  const allCommands: Cmd[] = [];
  // README ports the harness replaces with its own (a single run's --dapr-http-port), by the value name of the port chosen.
  const chosenPorts = new Map<number, string>();

  for (const step of steps) {
    const h = step.header;
    const cmds = commandsOf(step, readmeDir, tree, (line, to) => {
      problem(line, `\`cd ${to}\`: no such folder; the block carries on in ${at(path.resolve(readmeDir, h.workingDir ?? '.'))} as bash does (the later commands run there)`);
    });
    allCommands.push(...cmds);
    if (cmds.length === 0) {
      drop(step.line, h.name || 'a step', 'it only changes folder, which lasts only inside its own block');
      continue;
    }
    if (h.expectedStderrLines.length) problem(step.line, `${h.expectedStderrLines.length} expected stderr line(s) are not carried over (the harness checks what the apps print)`);
    const runs = cmds.filter((c) => isDaprRun(c.words));
    const expectOf = (lines: string[]): ExpectedLines | undefined => (lines.length ? { lines, order: h.matchOrder, mode: h.outputMatchMode } : undefined);
    const shSteps: DraftStep[] = [];
    for (const c of cmds) {
      const where = at(c.cwd);
      const name = h.name || c.text;
      const tool = c.words[0]!;
      if (isDaprRun(c.words)) {
        const r = runStep(c, step, runs.length, { root, readmeDir, tree, problem, file, chosenPorts });
        if (!r) { drop(c.line, c.text, 'init could not map this `dapr run` (see the line above)'); continue; }
        draft.steps.push(r.step);
        componentDirs.push(...r.componentDirs);
        appSourceDirs.push(...r.appDirs);
        usedWords.push(...r.commands);
        continue;
      }
      if (tool === 'dapr' && (c.words[1] === 'invoke' || c.words[1] === 'publish')) {
        const d: DraftStep = { kind: 'dapr', value: { dapr: c.text.slice(c.text.indexOf(c.words[1])), cwd: where, name, line: c.line }, comment: `${file}:${c.line}: run by the harness's CLI, in its isolated Dapr home` };
        draft.steps.push(d);
        shSteps.push(d);
        continue;
      }
      if (tool === 'dapr') {
        drop(c.line, c.text, c.words[1] === 'stop' ? 'the harness ends every run it starts' : 'a Dapr command: the harness provides Dapr');
        continue;
      }
      if (tool === 'curl') {
        const parsed = parseCurl(c.words);
        if (!parsed.ok) {
          problem(c.line, `\`${c.text}\`: ${parsed.why}; left out`);
          drop(c.line, c.text, `a curl command init could not map: ${parsed.why}`);
          continue;
        }
        const placed = placePorts(parsed.request.url, chosenPorts);
        const notes = [`${file}:${c.line}: curl as an http step`];
        if (placed.placeholder) notes.push(`its port is the one the harness gives the sidecar (${placed.placeholder})`);
        if (parsed.ignored.length) notes.push(`${parsed.ignored.join(' ')} left out (output options)`);
        const d: DraftStep = { kind: 'http', value: { http: { ...parsed.request, url: placed.url }, name, line: c.line }, comment: notes.join('; ') };
        draft.steps.push(d);
        shSteps.push(d);
        continue;
      }
      if (tool === 'docker' && c.words[1] === 'exec' && c.words.includes('redis-cli')) {
        const args = c.text.slice(c.text.indexOf('redis-cli') + 'redis-cli'.length);
        const sh: DraftStep = {
          kind: 'sh',
          value: { sh: `redis-cli -p "$REDIS_PORT"${args}`, cwd: where, note: `README's \`${c.text}\` runs against the harness's own redis (redis-cli -p $REDIS_PORT)`, name, line: c.line },
          comment: `${file}:${c.line}: docker exec ${c.words[2]} redis-cli → redis-cli on the harness's redis`,
        };
        draft.steps.push(sh);
        shSteps.push(sh);
        if (!draft.services.some((s) => s.kind === 'redis')) draft.services.push({ kind: 'redis', why: `redis-cli at ${file}:${c.line}` });
        continue;
      }
      // PostgreSQL in Docker: the harness's own server, seeded and queried as the README's container is.
      const seed = tool === 'docker' && c.words[1] === 'compose' && c.words[2] === 'up' ? composePostgresSeed(c.cwd, tree) : undefined;
      const psql = tool === 'docker' ? psqlOnHarness(c.words) : undefined;
      if (seed || psql) {
        const what = seed
          ? `the harness's own PostgreSQL, seeded as the compose file's image is (${[...(seed.database ? [`database ${seed.database}`] : []), ...seed.sqlFiles].join(', ')})`
          : 'psql on the harness\'s own PostgreSQL ($PGHOST:$PGPORT)';
        const sh: DraftStep = {
          kind: 'sh',
          value: { sh: seed ? seed.sh : psql, cwd: where, note: `README's \`${c.text}\` runs against ${what}`, name, line: c.line },
          comment: `${file}:${c.line}: ${seed ? 'docker compose up' : `docker exec ${c.words[2]} psql`} → ${what}`,
        };
        draft.steps.push(sh);
        shSteps.push(sh);
        if (!draft.services.some((s) => s.kind === 'postgres')) draft.services.push({ kind: 'postgres', why: `${seed ? 'docker compose up' : 'psql'} at ${file}:${c.line}` });
        continue;
      }
      if (tool === 'docker') {
        const why = c.words[1] === 'compose' && c.words[2] === 'down' ? 'stops the README\'s containers: the harness stops its own services'
          : 'a Docker command: the harness runs no container';
        drop(c.line, c.text, why);
        continue;
      }
      if ((tool === 'source' || tool === '.') && /\/?bin\/activate$/.test(c.words[1] ?? '')) {
        const bin = at(path.resolve(c.cwd, path.dirname(c.words[1]!)));
        addPath(bin, `the virtualenv ${file}:${c.line} activates`);
        continue;
      }
      if (isInstall(c.words)) {
        const io = installIO(c.words, c.cwd, readmeDir, tree);
        draft.steps.push({
          kind: 'install',
          value: { install: c.text, cwd: where, inputs: io.inputs, outputs: io.outputs, name, line: c.line },
          comment: `${file}:${c.line}`,
        });
        usedWords.push(c.words);
        continue;
      }
      if (tool === 'mkdir' || tool === 'openssl') {
        const sh: DraftStep = { kind: 'sh', value: { sh: c.text, cwd: where, name, line: c.line }, comment: `${file}:${c.line}` };
        draft.steps.push(sh);
        shSteps.push(sh);
        usedWords.push(c.words);
        continue;
      }
      problem(c.line, `\`${c.text}\`: not understood by init; left out`);
      drop(c.line, c.text, 'not understood by init');
    }
    // A step's expected lines: its run's (split per app above), else its one shell step's.
    const cliOnly = h.expectedStdoutLines.filter((l) => !isDaprLineInReadme(unframe(l)));
    if (runs.length === 0 && cliOnly.length) {
      if (shSteps.length === 1) shSteps[0]!.value.expect = expectOf(cliOnly);
      else if (shSteps.length === 0 && draft.dropped.at(-1)?.line !== undefined && draft.dropped.at(-1)!.line >= step.line) {
        // Nothing of the step runs: its expected lines go with it.
        draft.dropped.at(-1)!.why += ` (with its ${cliOnly.length} expected line(s))`;
      } else problem(step.line, `${cliOnly.length} expected line(s) of a step with ${shSteps.length} shell steps: not carried over`);
    }
    if (h.sleep > 0) drop(step.line, `sleep: ${h.sleep}`, `sleep ${h.sleep} s: the harness waits for end conditions, not time`);
  }

  // Toolchains: the language's, and those the steps and apps use.
  const set = new Set<Toolchain>(LANGUAGE_TOOLCHAINS[lv.language]);
  for (const w of usedWords) { const t = COMMAND_TOOLCHAINS[path.basename(w[0] ?? '')]; if (t) set.add(t); }
  draft.toolchains = TOOLCHAINS.filter((t) => set.has(t));

  if (lv.language === 'python') {
    // Python prints in blocks when not on a terminal: the harness reads apps line by line.
    draft.env.PYTHONUNBUFFERED = '1';
  }
  const facts = componentFacts(tree, componentDirs, root);
  if (facts.redis.length && !draft.services.some((s) => s.kind === 'redis')) draft.services.push({ kind: 'redis', why: `redisHost in ${[...new Set(facts.redis)].join(', ')}` });
  const pgTypes = [...new Set(facts.types.filter((t) => /postgres/.test(t)))];
  if (pgTypes.length && !draft.services.some((s) => s.kind === 'postgres')) draft.services.push({ kind: 'postgres', why: `components of type ${pgTypes.join(', ')}` });
  cutRepeatingServers(draft, facts.types);
  for (const need of controlPlaneServices(block)) if (!draft.services.some((s) => s.kind === need.kind)) draft.services.push(need);

  applyScenarioRules(draft, { problem });
  draft.dropped.sort((a, b) => a.line - b.line);
  draft.overlays = javaOverlays(draft, readmeDir, tree, problem);
  const skip = skipReasons({
    block, commands: allCommands.map((c) => c.words), facts,
    sources: [...new Set(appSourceDirs)].flatMap((d) => sourcesUnder(tree, d).map((f) => tree.read(f) ?? '')),
  });
  if (skip.length) draft.skip = skip.join('; ');
  if (!draft.steps.some((s) => s.kind === 'run')) problem(steps[0]?.line ?? 1, 'no step runs `dapr run`: the entry has no run step');
  if (draft.steps.length === 0) return { problems };
  return { sample: draft, problems };
}

interface RunContext {
  /** Filled with the README ports of single runs the harness replaces (`--dapr-http-port`). */
  chosenPorts: Map<number, string>;
  root: string;
  readmeDir: string;
  tree: TreeView;
  file: string;
  problem: (line: number, what: string) => void;
}

/** A `dapr run` command as a run step: a run file's apps, or the one app of a single run. */
function runStep(c: Cmd, step: MmStep, runsInStep: number, x: RunContext): { step: DraftStep; componentDirs: string[]; appDirs: string[]; commands: string[][] } | undefined {
  const h = step.header;
  const dapr = parseDaprRun(c.words);
  const where = rel(x.readmeDir, c.cwd);
  const runFileFlag = dapr.flags.find((f) => f.name === 'run-file');
  const apps: Record<string, Record<string, unknown>> = {};
  const appSources = new Map<string, string[]>();
  const componentDirs: string[] = [];
  const appDirs: string[] = [];
  const commands: string[][] = [];
  let launch: Record<string, unknown>;
  let how: string;
  if (runFileFlag) {
    let target = path.resolve(c.cwd, runFileFlag.value ?? '.');
    if (x.tree.isDir(target)) target = ['dapr.yaml', 'dapr.yml'].map((n) => path.join(target, n)).find((f) => x.tree.isFile(f)) ?? path.join(target, 'dapr.yaml');
    const text = x.tree.read(target);
    if (text === undefined) {
      x.problem(c.line, `\`${c.text}\`: no run file ${rel(x.root, target)}`);
      return undefined;
    }
    const runFile = parseRunFile(text);
    for (const p of runFile.problems) x.problem(c.line, `run file ${rel(x.root, target)}: ${p}`);
    if (runFile.apps.length === 0) return undefined;
    const base = path.dirname(target);
    componentDirs.push(...runFile.resourcesPaths.map((p) => path.resolve(base, p)));
    for (const app of runFile.apps) {
      const appDir = path.resolve(base, app.appDirPath);
      componentDirs.push(...app.resourcesPaths.map((p) => path.resolve(appDir, p)));
      appDirs.push(appDir);
      commands.push(app.command);
      appSources.set(app.appId, sourcesUnder(x.tree, appDir).map((f) => x.tree.read(f) ?? ''));
      // A run file's app with a port serves requests and never exits by itself.
      apps[app.appId] = { role: app.appPort !== undefined ? 'server' : 'job' };
    }
    launch = { file: rel(x.readmeDir, target) };
    how = `run file ${rel(x.root, target)}: apps with an appPort are servers, the others jobs`;
  } else {
    const appId = dapr.flags.find((f) => f.name === 'app-id')?.value;
    const dashed = c.text.indexOf(' -- ');
    const command = dashed >= 0 ? c.text.slice(dashed + 4).trim() : dapr.appArgv.join(' ');
    if (!appId || !command) {
      x.problem(c.line, `\`dapr run\` without ${appId ? 'an app command' : '--app-id'}: not mapped`);
      return undefined;
    }
    for (const f of dapr.flags.filter((f) => !RUN_FLAGS.has(f.name))) {
      x.problem(c.line, f.known
        ? `\`dapr run\` flag ${f.written}${f.value ? ` ${f.value}` : ''} is left out: the harness chooses the sidecar's ports and settings`
        : `\`dapr run\` flag ${f.written} is unknown to the CLI; left out`);
    }
    const httpPort = Number(dapr.flags.find((f) => f.name === 'dapr-http-port')?.value);
    if (Number.isInteger(httpPort) && httpPort > 0) x.chosenPorts.set(httpPort, `daprHttpPort:${appId}`);
    const resources = dapr.flags.find((f) => f.name === 'resources-path' || f.name === 'components-path')?.value;
    const port = Number(dapr.flags.find((f) => f.name === 'app-port')?.value);
    const protocol = dapr.flags.find((f) => f.name === 'app-protocol')?.value;
    if (protocol && !APP_PROTOCOLS.has(protocol)) x.problem(c.line, `--app-protocol ${protocol} is not one the CLI knows; left out`);
    if (resources) componentDirs.push(path.resolve(c.cwd, resources));
    appDirs.push(c.cwd);
    commands.push(dapr.appArgv);
    launch = {
      appId, command, cwd: where,
      ...(resources ? { resources } : {}),
      ...(Number.isInteger(port) && port > 0 ? { appPort: port } : {}),
      ...(protocol && APP_PROTOCOLS.has(protocol) ? { appProtocol: protocol } : {}),
    };
    // A single app is a server only when mm never waits for it to exit: a background step with an
    // app port whose lines do not include the CLI's exit line. A foreground step ends only when
    // the app does, so its app is a job even with a port (the configuration samples).
    const exits = h.expectedStdoutLines.some((l) => /Exited App successfully/.test(l));
    const server = launch.appPort !== undefined && h.background && !exits;
    apps[appId] = { role: server ? 'server' : 'job' };
    how = server ? 'one app with --app-port in a background step with no exit line: a server' : 'one app: a job (it exits by itself)';
  }
  if (runsInStep > 1) x.problem(c.line, `${runsInStep} \`dapr run\` commands in one step: each is a run, and the step's expected lines go to every one`);

  // Expected lines: the CLI's left out; framed ones to their app; the rest to the app whose code holds them.
  const ids = Object.keys(apps);
  const perApp = new Map<string, string[]>();
  const anyApp: string[] = [];
  let cli = 0;
  for (const raw of h.expectedStdoutLines) {
    const multi = APP_MULTI.exec(raw);
    const text = multi ? (multi[2] ?? '') : unframe(raw);
    if (isDaprLineInReadme(text)) { cli++; continue; }
    const owner = multi && ids.includes(multi[1]!) ? multi[1]! : ids.length === 1 ? ids[0]! : attributeLine(text, appSources);
    if (owner) perApp.set(owner, [...(perApp.get(owner) ?? []), text]);
    else anyApp.push(text);
  }
  const mode = { order: h.matchOrder, mode: h.outputMatchMode };
  for (const [id, lines] of perApp) apps[id]!.expect = { lines, ...mode };
  // The README's author says the lines come in no fixed order (`match_order: none`): the goldens
  // are compared so too (stdout and stderr lines, deliveries, notifications interleave).
  if (h.matchOrder === 'none') for (const id of ids) apps[id]!.unordered = true;
  const value: Record<string, unknown> = {
    run: launch,
    apps,
    ...(anyApp.length ? { expect: { lines: anyApp, ...mode } } : {}),
    ...(h.background ? { background: true } : {}),
    ...(h.timeoutSeconds !== undefined ? { timeoutSeconds: Math.max(h.timeoutSeconds, MIN_RUN_TIMEOUT_S) } : {}),
    ...(h.name ? { name: h.name } : {}),
    line: c.line,
  };
  const notes = [`${x.file}:${c.line}: ${how}`];
  if (h.matchOrder === 'none') notes.push('match_order none: each app\'s golden is compared in any order');
  if (cli) notes.push(`${cli} expected line(s) are the CLI's, left out`);
  if (anyApp.length) notes.push(`${anyApp.length} line(s) no single app's code holds: expected from any app of the run`);
  return { step: { kind: 'run', value, comment: notes.join('; ') }, componentDirs, appDirs, commands };
}
