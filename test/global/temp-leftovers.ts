// Vitest globalSetup: the whole run gets a temp folder of its own (TMPDIR, which every worker and
// harness child inherits), and a run that leaves a parity-* folder or file in it fails with the
// list. Its own folder, not the system's: other runs on a shared machine make parity-* folders too.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * What a test or the harness made and should have removed. Pure. The reaper's ledger folder
 * (`parity-sessions-<uid>`) is the harness's register of live runs and stays; an entry in it
 * would be a run that never ended, and `emptyDirs` says whether it has any.
 */
export function leftOvers(entries: readonly string[], emptyDirs: ReadonlySet<string> = new Set()): string[] {
  return entries.filter((e) => e.startsWith('parity-') && !(e.startsWith('parity-sessions-') && emptyDirs.has(e))).sort();
}

export default function setup(): () => void {
  const own = mkdtempSync(path.join(os.tmpdir(), 'parity-vitest-'));
  const before = process.env.TMPDIR;
  process.env.TMPDIR = own;
  return () => {
    const entries = readdirSync(own);
    const empty = new Set(entries.filter((e) => e.startsWith('parity-sessions-') && readdirSync(path.join(own, e)).length === 0));
    const left = leftOvers(entries, empty);
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(own, { recursive: true, force: true });
    // A throw here is printed but leaves vitest's exit code at 0: set it, then say why.
    if (left.length) process.exitCode = 1;
    if (left.length) throw new Error(`the run left ${left.length} item(s) in its temp folder (now removed): ${left.join(', ')}`);
  };
}
