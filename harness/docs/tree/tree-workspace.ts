// What a page is checked against when the manifest describes a whole quickstarts tree (entries
// with a building block): the tree's files, its samples and their per-app goldens. The checks
// read the tree only through this object, so a test hands them a tree it wrote itself.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { GENERATED_DIRS } from '../../files/generated-dirs.ts';
import type { Manifest, SampleSpec } from '../../model.ts';

export interface TreeWorkspace {
  manifest: Manifest;
  /** The samples that belong to a building block (`<block>/<language>/<variant>`). */
  samples: SampleSpec[];
  /** What is at a path relative to the tree's root. */
  kind(rel: string): 'file' | 'dir' | undefined;
  /** A file's text (relative to the root), undefined when it cannot be read. */
  read(rel: string): string | undefined;
  /** The files under a folder (relative to the root, recursively, generated folders left out), relative to the root. */
  files(relDir: string): string[];
}

/** True when the manifest describes a tree of building blocks rather than one quickstart's samples. */
export function isTreeManifest(manifest: Manifest): boolean {
  return manifest.samples.some((s) => s.block !== undefined);
}

/** Reads the tree the manifest describes, lazily and once per path. */
export function loadTreeWorkspace(manifest: Manifest): TreeWorkspace {
  const root = manifest.root;
  const abs = (rel: string) => path.resolve(root, rel);
  const listed = new Map<string, string[]>();
  const files = (relDir: string): string[] => {
    const known = listed.get(relDir);
    if (known) return known;
    const out: string[] = [];
    const todo = [abs(relDir)];
    while (todo.length) {
      const dir = todo.pop()!;
      let entries: import('node:fs').Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      for (const e of entries) {
        if (e.isDirectory()) {
          if (!GENERATED_DIRS.has(e.name)) todo.push(path.join(dir, e.name));
        } else if (e.isFile()) out.push(path.relative(root, path.join(dir, e.name)));
      }
    }
    out.sort();
    listed.set(relDir, out);
    return out;
  };
  return {
    manifest,
    samples: manifest.samples.filter((s) => s.block !== undefined),
    kind: (rel) => {
      const p = abs(rel);
      // A path that leaves the tree is not the tree's, whatever the disk holds there.
      if (path.relative(root, p).startsWith('..')) return undefined;
      if (!existsSync(p)) return undefined;
      try {
        return statSync(p).isDirectory() ? 'dir' : 'file';
      } catch {
        return undefined;
      }
    },
    read: (rel) => {
      try {
        return readFileSync(abs(rel), 'utf8');
      } catch {
        return undefined;
      }
    },
    files,
  };
}
