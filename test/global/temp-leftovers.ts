// Vitest globalSetup: the whole run gets a temp folder of its own (TMPDIR, which every worker and
// harness child inherits), and a run that leaves a parity-* folder or file in it fails with the
// list. Its own folder, not the system's: other runs on a shared machine make parity-* folders too.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** What a test or the harness made and should have removed. Pure. */
export function leftOvers(entries: readonly string[]): string[] {
  return entries.filter((e) => e.startsWith('parity-')).sort();
}

export default function setup(): () => void {
  const own = mkdtempSync(path.join(os.tmpdir(), 'parity-vitest-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = own;
  return () => {
    const left = leftOvers(readdirSync(own));
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(own, { recursive: true, force: true });
    if (left.length) throw new Error(`the run left ${left.length} item(s) in its temp folder (now removed): ${left.join(', ')}`);
  };
}
