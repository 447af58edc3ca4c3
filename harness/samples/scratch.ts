// The scratch copy a scenario runs in: the user's tree is never written. Each sample gets a mirror
// of its own folder and of the folders its runs reach outside it (a block's shared components), at
// the same paths relative to the tree, in the harness's cache. The copy is kept between runs, so
// installs and their stamps live there and are reused; a file is copied again only when the
// original changed (size or mtime). Overlays are applied to the copy only.
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot } from '../files/cache-root.ts';
import { GENERATED_DIRS } from '../files/generated-dirs.ts';
import type { Overlay } from '../model.ts';

const INDEX = '.parity-scratch.json';
/** Beside a tree's sample copies: the tree's path, so copies of a tree that is gone can be pruned. */
const TREE_FILE = '.parity-tree';
const UNUSED_FOR_MS = 14 * 24 * 3600 * 1000;

export interface ScratchCopy {
  /** The mirror of the tree's root. */
  root: string;
  /** The sample's folder in the mirror. */
  dir: string;
  /** Files copied this time (changed since the last run, or new). */
  copied: number;
}

/** Where a tree's sample is mirrored: by the tree's path and the sample's id. */
export function scratchRoot(treeRoot: string, sampleId: string): string {
  const tree = createHash('sha256').update(path.resolve(treeRoot)).digest('hex').slice(0, 12);
  return path.join(cacheRoot(), 'scratch', tree, sampleId.replace(/[^a-zA-Z0-9_-]+/g, '--'));
}

/**
 * Mirrors `dirs` (absolute folders inside `treeRoot`) into the sample's scratch root and applies
 * its overlays (paths relative to `sampleDir`). Throws when an overlay's text is not in its file
 * any more: the recorded edit no longer fits the sample.
 */
export function prepareScratch(o: { treeRoot: string; sampleId: string; sampleDir: string; dirs: readonly string[]; overlays: readonly Overlay[] }): ScratchCopy {
  const root = scratchRoot(o.treeRoot, o.sampleId);
  mkdirSync(root, { recursive: true });
  writeFileSync(path.join(path.dirname(root), TREE_FILE), path.resolve(o.treeRoot));
  const indexFile = path.join(root, INDEX);
  let index: Record<string, string> = {};
  try {
    index = JSON.parse(readFileSync(indexFile, 'utf8')) as Record<string, string>;
  } catch {
    // First run, or an index from an interrupted one: every file is compared by copying again.
  }
  const overlaid = new Set(o.overlays.map((ov) => path.relative(o.treeRoot, path.resolve(o.sampleDir, ov.file))));
  let copied = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const src = path.join(dir, entry.name);
      const rel = path.relative(o.treeRoot, src);
      if (entry.isDirectory()) {
        if (!GENERATED_DIRS.has(entry.name)) walk(src);
        continue;
      }
      if (!entry.isFile()) continue;
      const st = statSync(src);
      const stamp = `${st.size}:${st.mtimeMs}:${st.mode}`;
      const dest = path.join(root, rel);
      // An overlaid file is copied afresh every time, so the edit is applied to the original once.
      if (index[rel] === stamp && existsSync(dest) && !overlaid.has(rel)) continue;
      mkdirSync(path.dirname(dest), { recursive: true });
      copyFileSync(src, dest);
      index[rel] = stamp;
      copied++;
    }
  };
  for (const d of o.dirs) if (existsSync(d)) walk(d);
  writeFileSync(indexFile, JSON.stringify(index));
  for (const ov of o.overlays) {
    const file = path.join(root, path.relative(o.treeRoot, path.resolve(o.sampleDir, ov.file)));
    const text = existsSync(file) ? readFileSync(file, 'utf8') : undefined;
    if (text === undefined) throw new Error(`overlay: ${ov.file} does not exist in the sample`);
    if (!text.includes(ov.replace)) throw new Error(`overlay: ${ov.file} no longer holds ${JSON.stringify(ov.replace)}: the recorded edit does not fit the sample any more`);
    writeFileSync(file, text.split(ov.replace).join(ov.with));
  }
  return { root, dir: path.join(root, path.relative(o.treeRoot, o.sampleDir)), copied };
}

/**
 * Removes scratch copies nobody will use again: every copy of a tree that no longer exists (a
 * copy in /tmp that was deleted), and a sample's copy unused for 14 days. Returns how many
 * folders went. A copy of a tree from before the tree was recorded is judged by age only.
 */
export function pruneScratch(now = Date.now()): number {
  const top = path.join(cacheRoot(), 'scratch');
  let removed = 0;
  let trees: string[] = [];
  try {
    trees = readdirSync(top);
  } catch {
    return 0;
  }
  for (const t of trees) {
    const treeDir = path.join(top, t);
    let origin: string | undefined;
    try {
      origin = readFileSync(path.join(treeDir, TREE_FILE), 'utf8').trim();
    } catch {
      // Not recorded.
    }
    if (origin && !existsSync(origin)) {
      rmSync(treeDir, { recursive: true, force: true });
      removed++;
      continue;
    }
    let samples: string[] = [];
    try {
      samples = readdirSync(treeDir).filter((n) => n !== TREE_FILE);
    } catch {
      continue;
    }
    for (const s of samples) {
      const dir = path.join(treeDir, s);
      let used = 0;
      try {
        used = statSync(path.join(dir, INDEX)).mtimeMs;
      } catch {
        used = statSync(dir).mtimeMs;
      }
      if (now - used > UNUSED_FOR_MS) {
        rmSync(dir, { recursive: true, force: true });
        removed++;
      }
    }
  }
  return removed;
}
