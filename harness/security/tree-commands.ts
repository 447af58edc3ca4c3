// A samples.yaml names commands, and `parity run --root DIR` runs them: running a tree is running
// its code. Before the first run of a tree (a path and a manifest content not seen before) the
// harness prints every command it will run, once; the memory of what was shown is kept in the
// cache folder, one stamp file per (tree path, manifest hash).
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { cacheRoot } from '../files/cache-root.ts';
import type { Manifest } from '../model.ts';
import { makeDirs } from '../files/make-dirs.ts';

/** Every command the manifest makes the harness run, per sample, in run order. Pure. */
export function treeCommands(manifest: Manifest): string[] {
  return manifest.samples.flatMap((s) => {
    const where = path.relative(manifest.root, s.dir) || '.';
    // A scenario runs its install, shell and run steps, each in its own folder of the sample.
    if (s.scenario) {
      const at = (cwd: string) => path.relative(manifest.root, path.resolve(s.dir, cwd)) || '.';
      return s.scenario.steps.flatMap((step) => {
        if (step.kind === 'install') return [`${s.id}: (in ${where}) ${step.install.run}`];
        if (step.kind === 'sh') return [`${s.id}: (in ${at(step.cwd)}) ${step.run}`];
        if (step.kind !== 'run') return [];
        const l = step.launch;
        return [l.kind === 'file' ? `${s.id}: (in ${where}) dapr run -f ${l.file}` : `${s.id}: (in ${at(l.cwd)}) dapr run … -- ${l.command}`];
      });
    }
    return [
      ...s.install.map((i) => `${s.id}: (in ${where}) ${i.run}`),
      `${s.id}: (in ${where}) dapr run … -- ${s.run}`,
    ];
  });
}

/** The stamp's name: a hash of the tree's absolute path and the manifest's content. Pure. */
export function treeKey(root: string, manifestText: string): string {
  const manifestHash = createHash('sha256').update(manifestText).digest('hex');
  return createHash('sha256').update(`${path.resolve(root)}\0${manifestHash}`).digest('hex');
}

/** The notice printed before a tree's first run. Pure. */
export function commandsNotice(manifest: Manifest): string[] {
  return [
    `${manifest.file} is run for the first time (or has changed): a samples.yaml runs commands, so running a tree runs its code.`,
    'These are the commands it runs, with your permissions (Ctrl-C stops the run and all it started):',
    ...treeCommands(manifest).map((c) => `  ${c}`),
  ];
}

export function seenTreesDir(): string {
  return path.join(cacheRoot(), 'seen-trees');
}

/**
 * Prints (through `log`) the commands a tree will run, unless this tree path with this manifest
 * content was shown before; remembers it. Returns whether it printed. For `parity run` and `init`.
 */
export async function announceTreeCommands(manifest: Manifest, log: (line: string) => void, dir = seenTreesDir()): Promise<boolean> {
  const text = await fs.readFile(manifest.file, 'utf8');
  const stamp = path.join(dir, `${treeKey(manifest.root, text)}.json`);
  try {
    await fs.access(stamp);
    return false;
  } catch {
    // not seen yet
  }
  for (const line of commandsNotice(manifest)) log(line);
  // Best effort: a cache that cannot be written means the notice shows again next time, no more.
  // One level at a time: the cache dir comes from the environment and may be under /proc.
  if (!(await makeDirs(dir).then(() => true, () => false))) return true;
  await fs.writeFile(stamp, `${JSON.stringify({ root: manifest.root, manifest: manifest.file, shownAt: new Date().toISOString() })}\n`).catch(() => undefined);
  return true;
}
