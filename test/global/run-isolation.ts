// Vitest globalSetup: the whole run gets a temp folder, a cache folder and a process mark of its
// own (TMPDIR, PARITY_CACHE_DIR and PARITY_TEST_MARK, which every worker and harness child
// inherits), and fails, naming them, when a test leaves a parity-* item in that temp folder or a
// process carrying the mark. Its own folders, not the system's or the user's: other runs on a
// shared machine make parity-* folders too, and the user's cache is not the tests' to fill.
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { cacheRoot } from '../../harness/files/cache-root.ts';
import { REAPER_VAR } from '../../harness/processes/orphans.ts';
import { findProcessesWithEnv } from '../../harness/processes/processes.ts';
import { describeProcs, leftoverProcesses, MARK_VAR } from '../helpers/leftovers.ts';

/**
 * What a test or the harness made and should have removed. Pure. The reaper's ledger folder
 * (`parity-sessions-<uid>`) is the harness's register of live runs and stays; an entry in it
 * would be a run that never ended, and `emptyDirs` says whether it has any. The run's cache is
 * not named parity-*.
 */
export function leftOvers(entries: readonly string[], emptyDirs: ReadonlySet<string> = new Set()): string[] {
  return entries.filter((e) => e.startsWith('parity-') && !(e.startsWith('parity-sessions-') && emptyDirs.has(e))).sort();
}

/**
 * The run's cache, in its temp folder: everything the harness caches starts empty there (parse
 * caches, probes, seen trees) and goes with the folder, except the Dapr binaries. Those take
 * ~11 minutes to build, `npm test` provisions them into the user's cache first, and a test that
 * needs a build it lacks should leave it there for the next run: `dapr` is a link to that folder.
 */
export function runCache(own: string, shared: string): string {
  const cache = path.join(own, 'cache');
  mkdirSync(cache);
  mkdirSync(path.join(shared, 'dapr'), { recursive: true });
  symlinkSync(path.join(shared, 'dapr'), path.join(cache, 'dapr'));
  return cache;
}

const OWN_VARS = ['TMPDIR', 'PARITY_CACHE_DIR', MARK_VAR] as const;

/**
 * Waits (a few seconds at most) for the reapers of the run's last harness children: a harness's
 * reaper removes its ledger, and ends what a SIGKILLed harness left, just after it exits, at the
 * lowest priority. What it is still doing is no leftover yet.
 */
async function reapersDone(own: string, withinMs = 5000): Promise<void> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const ledgers = readdirSync(own).filter((e) => e.startsWith('parity-sessions-')).flatMap((d) => readdirSync(path.join(own, d)));
    const reapers = (await Promise.all(ledgers.map((id) => findProcessesWithEnv(REAPER_VAR, id)))).flat();
    if (reapers.length === 0 || Date.now() > deadline) return;
    await new Promise((r) => setTimeout(r, 50));
  }
}

export default function setup(): () => Promise<void> {
  const saved = Object.fromEntries(OWN_VARS.map((v) => [v, process.env[v]]));
  const shared = cacheRoot();
  const own = mkdtempSync(path.join(os.tmpdir(), 'parity-vitest-'));
  // Passable (not readable) by others: as root the harness runs PostgreSQL as the unprivileged
  // `postgres` user, whose data folder lives in the temp folder.
  chmodSync(own, 0o711);
  const mark = randomUUID();
  process.env.TMPDIR = own;
  process.env.PARITY_CACHE_DIR = runCache(own, shared);
  // Workers inherit it, and so does all they start; the harness children get a mark of their own
  // that begins with it (newMark). Workers have exited by the time the teardown looks.
  process.env[MARK_VAR] = mark;
  return async () => {
    await reapersDone(own);
    const procs = await leftoverProcesses(mark, { prefix: true });
    // Ended, not only named: a broken teardown's leftovers would otherwise live for minutes.
    for (const p of procs) {
      try {
        process.kill(p.pid, 'SIGKILL');
      } catch {
        // Gone meanwhile.
      }
    }
    const entries = readdirSync(own);
    const empty = new Set(entries.filter((e) => e.startsWith('parity-sessions-') && readdirSync(path.join(own, e)).length === 0));
    const left = leftOvers(entries, empty);
    for (const v of OWN_VARS) {
      // Assigning undefined would set the string "undefined".
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
    // rm removes the `dapr` link, never what it points to; checked first all the same.
    if (lstatSync(path.join(own, 'cache', 'dapr'), { throwIfNoEntry: false })?.isSymbolicLink() === false) {
      throw new Error(`${own}/cache/dapr is no longer a link to ${shared}/dapr: not removing ${own}`);
    }
    rmSync(own, { recursive: true, force: true });
    const problems = [
      ...(procs.length ? [`the run left ${procs.length} process(es) carrying its mark ${MARK_VAR}=${mark}… (now ended):\n${describeProcs(procs)}`] : []),
      ...(left.length ? [`the run left ${left.length} item(s) in its temp folder (now removed): ${left.join(', ')}`] : []),
    ];
    // A throw here is printed but leaves vitest's exit code at 0: set it, then say why.
    if (problems.length) process.exitCode = 1;
    if (problems.length) throw new Error(problems.join('\n'));
  };
}
