// `parity init [DIR]`: finds the READMEs with mechanical-markdown steps under DIR, infers a
// manifest from them and writes DIR/samples.yaml. The edge: it walks the disk and writes the
// file; the inferring is in infer.ts and the rendering in write.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../files/write-atomic.ts';
import { InputError } from '../input-error.ts';
import { GENERATED_DIRS } from '../files/generated-dirs.ts';
import { loadManifest, MANIFEST_NAME } from '../samples/manifest.ts';
import { pythonFloor } from '../samples/python.ts';
import { announceTreeCommands } from '../security/tree-commands.ts';
import { assembleManifest, inferSample, type InitProblem, type ManifestDraft, type SampleDraft, type TreeView } from '../init/infer.ts';
import { hasMmSteps, MmStepError, parseMmSteps, type MmStep } from '../init/mm-steps.ts';
import { manifestSchemaFile, renderManifest } from '../init/write.ts';
import { inferScenario } from '../init/scenario.ts';
import type { ScenarioDraft } from '../init/scenario-draft.ts';
import { renderScenarioManifest } from '../init/scenario-write.ts';
import { LANGUAGES, VARIANTS, type Language, type Variant } from '../model.ts';


export const diskTree: TreeView = {
  isFile: (p) => { try { return statSync(p).isFile(); } catch { return false; } },
  isDir: (p) => { try { return statSync(p).isDirectory(); } catch { return false; } },
  list: (dir) => { try { return readdirSync(dir); } catch { return []; } },
  read: (p) => { try { return readFileSync(p, 'utf8'); } catch { return undefined; } },
};

/** README.md files under `root` that may hold mechanical-markdown steps (they mention the marker), sorted by path. */
export function findAnnotatedReadmes(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) {
        // Dot-folders (.git, .venv, a tool's sandbox copy of the tree) are never a sample's.
        if (!GENERATED_DIRS.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name));
      } else if (entry.isFile() && /^readme\.md$/i.test(entry.name)) { // not a pipe: reading one blocks
        const file = path.join(dir, entry.name);
        if (hasMmSteps(readFileSync(file, 'utf8'))) out.push(file);
      }
    }
  };
  walk(root);
  return out.sort();
}

export interface InitResult {
  draft: ManifestDraft;
  problems: InitProblem[];
  readmes: number;
}

/** Infers the manifest of the tree at `root` (no writing). */
export function inferTree(root: string, tree: TreeView = diskTree): InitResult {
  const problems: InitProblem[] = [];
  const samples: SampleDraft[] = [];
  let readmes = 0;
  for (const readme of findAnnotatedReadmes(root)) {
    const file = path.relative(root, readme).split(path.sep).join('/');
    try {
      const steps = parseMmSteps(readFileSync(readme, 'utf8'));
      // A README that only mentions the marker (in prose or a code span) has no step.
      if (steps.length === 0) continue;
      readmes++;
      const r = inferSample(root, readme, steps, tree);
      problems.push(...r.problems);
      if (r.sample) samples.push(r.sample);
    } catch (err) {
      if (!(err instanceof MmStepError)) throw err;
      readmes++;
      problems.push({ file, line: err.line, what: err.message });
    }
  }
  return { draft: assembleManifest(samples, problems), problems, readmes };
}

const posixRel = (root: string, file: string) => path.relative(root, file).split(path.sep).join('/');

/** Whether a README sits at `<block>/<language>/<variant>/README.md` (relative to the root); its block if so. */
export function buildingBlockOf(readmeRel: string): string | undefined {
  const parts = readmeRel.split('/');
  if (parts.length !== 4) return undefined;
  return LANGUAGES.includes(parts[1] as Language) && VARIANTS.includes(parts[2] as Variant) ? parts[0] : undefined;
}

/**
 * A tree of several quickstarts (its READMEs at `<block>/<language>/<variant>/README.md`, more
 * than one block) is written in the scenario form; a single quickstart (this repository's
 * `samples/`, a copy of one block) keeps the one-app form.
 */
export function isMultiBlockTree(root: string, readmes: string[]): boolean {
  const blocks = new Set(readmes.map((r) => buildingBlockOf(posixRel(root, r))).filter((b) => b !== undefined));
  return blocks.size > 1;
}

export interface ScenarioTreeResult {
  samples: ScenarioDraft[];
  problems: InitProblem[];
  /** Building-block READMEs with steps. */
  readmes: number;
  /** READMEs with steps elsewhere (tutorials): not building-block samples. */
  others: string[];
}

/** Infers the scenario entries of a tree of several quickstarts (no writing). */
export function inferScenarioTree(root: string, tree: TreeView = diskTree): ScenarioTreeResult {
  const result: ScenarioTreeResult = { samples: [], problems: [], readmes: 0, others: [] };
  for (const readme of findAnnotatedReadmes(root)) {
    const file = posixRel(root, readme);
    let steps: MmStep[];
    try {
      steps = parseMmSteps(readFileSync(readme, 'utf8'));
    } catch (err) {
      if (!(err instanceof MmStepError)) throw err;
      if (buildingBlockOf(file) === undefined) { result.others.push(file); continue; }
      result.readmes++;
      result.problems.push({ file, line: err.line, what: err.message });
      continue;
    }
    if (steps.length === 0) continue;
    if (buildingBlockOf(file) === undefined) { result.others.push(file); continue; }
    result.readmes++;
    const r = inferScenario(root, readme, steps, tree);
    result.problems.push(...r.problems);
    if (r.sample) result.samples.push(r.sample);
  }
  return result;
}

/** How many of the samples can run here and why the others are skipped: the lines init prints after writing. */
export function scenarioSummary(samples: ScenarioDraft[]): string[] {
  const blocks = new Map<string, number>();
  for (const s of samples) blocks.set(s.block, (blocks.get(s.block) ?? 0) + 1);
  const skipped = new Map<string, number>();
  for (const s of samples) if (s.skip) skipped.set(s.skip, (skipped.get(s.skip) ?? 0) + 1);
  const runnable = samples.filter((s) => !s.skip);
  const dotnet = runnable.filter((s) => s.toolchains.includes('dotnet')).length;
  const adapted = runnable.filter((s) => s.overlays.length).length;
  const notes = [
    ...(dotnet ? [`${dotnet} of them need the .NET SDK, and are reported skipped where it is missing`] : []),
    ...(adapted ? [`${adapted} run with a recorded overlay, reported adapted`] : []),
  ];
  const nSkipped = samples.length - runnable.length;
  return [
    `  by block: ${[...blocks].sort(([a], [b]) => a.localeCompare(b)).map(([b, n]) => `${b} ${n}`).join(', ')}`,
    `  ${runnable.length} can run here in principle${notes.length ? ` (${notes.join('; ')})` : ''}; ${nSkipped} skipped${nSkipped ? ':' : ''}`,
    ...[...skipped].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([why, n]) => `    ${n} ${why}`),
  ];
}

/** Each Python sample whose code the machine's `python3` cannot compile gets the oldest version here that can, with why. */
async function notePythonFloors(root: string, samples: ScenarioDraft[], log: (line: string) => void): Promise<void> {
  for (const s of samples) {
    if (s.skip || s.language !== 'python') continue;
    const floor = await pythonFloor(path.join(root, s.dir));
    if (!floor) continue;
    s.python = floor;
    log(`${s.dir}: needs Python ${floor.min} or newer (${floor.why})`);
  }
}

/** The command: writes `<dir>/samples.yaml` (refusing to replace one unless `force`), prints what it could not infer. Returns the exit code. */
export async function initCommand(dir: string, opts: { force: boolean; log: (line: string) => void }): Promise<number> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`${dir}: not a folder`);
  const target = path.join(root, MANIFEST_NAME);
  if (existsSync(target) && !opts.force) throw new InputError(`${target} already exists (--force replaces it)`);
  const shown = path.relative(process.cwd(), target) || target;
  if (isMultiBlockTree(root, findAnnotatedReadmes(root))) {
    const r = inferScenarioTree(root);
    for (const p of r.problems) opts.log(`${p.file}:${p.line}: ${p.what}`);
    if (r.samples.length === 0) throw new InputError(`${root}: ${r.readmes} building-block README(s), but no sample could be inferred (see above)`);
    await notePythonFloors(root, r.samples, opts.log);
    writeFileAtomicSync(target, renderScenarioManifest(r.samples, path.relative(root, manifestSchemaFile()).split(path.sep).join('/')));
    opts.log(`wrote ${shown}: ${r.samples.length} sample(s) from ${r.readmes} building-block README(s)${r.problems.length ? `, ${r.problems.length} thing(s) not mapped (above)` : ''}`);
    for (const line of scenarioSummary(r.samples)) opts.log(line);
    if (r.others.length) {
      const tops = [...new Set(r.others.map((f) => f.split('/')[0]))].sort();
      opts.log(`  ${r.others.length} other README(s) with steps (under ${tops.join(', ')}) are not building-block samples (<block>/<language>/<variant>/README.md): left out`);
    }
    await announceTreeCommands(loadManifest(root), opts.log);
    return 0;
  }
  const { draft, problems, readmes } = inferTree(root);
  if (readmes === 0) throw new InputError(`${root}: no README.md with mechanical-markdown steps (<!-- STEP … -->) under it`);
  for (const p of problems) opts.log(`${p.file}:${p.line}: ${p.what}`);
  if (draft.samples.length === 0) throw new InputError(`${root}: ${readmes} annotated README(s), but no sample could be inferred (see above)`);
  // Relative, so it holds wherever the tree and this package are (in the tree's node_modules, a
  // devDependency of the quickstarts repository, it is the same path on every machine).
  writeFileAtomicSync(target, renderManifest(draft, path.relative(root, manifestSchemaFile()).split(path.sep).join('/')));
  opts.log(`wrote ${shown}: ${draft.samples.length} sample(s) from ${readmes} README(s)${problems.length ? `, ${problems.length} thing(s) not inferred (above)` : ''}`);
  // The manifest runs these commands: say so now, before the first `parity run` does it.
  await announceTreeCommands(loadManifest(root), opts.log);
  return 0;
}
