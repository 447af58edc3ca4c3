// `parity init [DIR]`: finds the READMEs with mechanical-markdown steps under DIR, infers a
// manifest from them and writes DIR/samples.yaml. The edge: it walks the disk and writes the
// file; the inferring is in infer.ts and the rendering in write.ts.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomicSync } from '../files/write-atomic.ts';
import { InputError } from '../input-error.ts';
import { loadManifest, MANIFEST_NAME } from '../samples/manifest.ts';
import { announceTreeCommands } from '../security/tree-commands.ts';
import { assembleManifest, inferSample, type InitProblem, type ManifestDraft, type SampleDraft, type TreeView } from '../init/infer.ts';
import { hasMmSteps, MmStepError, parseMmSteps } from '../init/mm-steps.ts';
import { manifestSchemaFile, renderManifest } from '../init/write.ts';

const SKIP = new Set(['node_modules', '.venv', 'venv', 'target', '.git', 'bin', 'obj', '.dapr']);

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
        if (!SKIP.has(entry.name) && !entry.name.startsWith('.')) walk(path.join(dir, entry.name));
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

/** The command: writes `<dir>/samples.yaml` (refusing to replace one unless `force`), prints what it could not infer. Returns the exit code. */
export async function initCommand(dir: string, opts: { force: boolean; log: (line: string) => void }): Promise<number> {
  const root = path.resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory()) throw new InputError(`${dir}: not a folder`);
  const target = path.join(root, MANIFEST_NAME);
  if (existsSync(target) && !opts.force) throw new InputError(`${target} already exists (--force replaces it)`);
  const { draft, problems, readmes } = inferTree(root);
  if (readmes === 0) throw new InputError(`${root}: no README.md with mechanical-markdown steps (<!-- STEP … -->) under it`);
  for (const p of problems) opts.log(`${p.file}:${p.line}: ${p.what}`);
  if (draft.samples.length === 0) throw new InputError(`${root}: ${readmes} annotated README(s), but no sample could be inferred (see above)`);
  // Relative, so it holds wherever the tree and this package are (in the tree's node_modules, a
  // devDependency of the quickstarts repository, it is the same path on every machine).
  writeFileAtomicSync(target, renderManifest(draft, path.relative(root, manifestSchemaFile()).split(path.sep).join('/')));
  opts.log(`wrote ${path.relative(process.cwd(), target) || target}: ${draft.samples.length} sample(s) from ${readmes} README(s)${problems.length ? `, ${problems.length} thing(s) not inferred (above)` : ''}`);
  // The manifest runs these commands: say so now, before the first `parity run` does it.
  await announceTreeCommands(loadManifest(root), opts.log);
  return 0;
}
