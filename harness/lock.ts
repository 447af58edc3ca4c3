// A lock file holding its owner's pid: two harness runs writing one report folder would
// overwrite each other's logs, so the second is told who holds it. A dead owner's lock is stale.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { ExpectedError } from './expected-error.ts';
import { makeDirs } from './files/make-dirs.ts';

export class LockError extends ExpectedError {
  override name = 'LockError';
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function acquireLock(file: string, what: string): Promise<() => Promise<void>> {
  await makeDirs(path.dirname(file));
  for (let i = 0; i < 2; i++) {
    try {
      await fs.writeFile(file, String(process.pid), { flag: 'wx' });
      return () => fs.rm(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number((await fs.readFile(file, 'utf8').catch(() => '')).trim());
      if (owner && owner !== process.pid && alive(owner)) {
        throw new LockError(`${what} is in use by another parity run (pid ${owner}, lock ${file})`);
      }
      await fs.rm(file, { force: true }); // stale: its owner is gone
    }
  }
  throw new LockError(`could not lock ${file}`);
}

/** Like acquireLock, but waits for the owner to finish (used around installs of one sample). */
export async function waitForLock(file: string, what: string, onWait: (msg: string) => void, timeoutMs = 20 * 60_000): Promise<() => Promise<void>> {
  const deadline = Date.now() + timeoutMs;
  let told = false;
  for (;;) {
    try {
      return await acquireLock(file, what);
    } catch (err) {
      if (!(err instanceof LockError) || Date.now() > deadline) throw err;
      if (!told) onWait(`waiting: ${err.message}`);
      told = true;
      await new Promise((r) => setTimeout(r, 500));
    }
  }
}
