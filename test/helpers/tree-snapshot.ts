// A fingerprint of a folder tree (every entry's type, and a file's size and content hash), for
// tests that must prove a command changed nothing: compare one taken before with one after.
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Relative path → "dir", "link -> target" or "file <size> <sha1>", sorted by path. */
export function snapshotTree(root: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const abs = path.join(dir, name);
      const rel = path.relative(root, abs);
      const st = lstatSync(abs);
      if (st.isDirectory()) {
        out[rel] = 'dir';
        walk(abs);
      } else if (st.isSymbolicLink()) {
        out[rel] = `link -> ${readlinkSync(abs)}`;
      } else {
        out[rel] = `file ${st.size} ${createHash('sha1').update(readFileSync(abs)).digest('hex')}`;
      }
    }
  };
  walk(root);
  return out;
}
