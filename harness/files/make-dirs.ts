// Creates a folder and its missing parents one level at a time. Node's own recursive mkdir spins
// forever on a path the kernel refuses with ENOENT although the parent exists (/proc/x, /sys/x);
// one plain mkdir per level fails at once there, and a failure undoes the levels it made.
import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../input-error.ts';

export class MakeDirsError extends InputError {
  override name = 'MakeDirsError';
}

const code = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The missing levels of `abs`, outermost first, found by stat'ing upwards to the first that exists (which must be a folder). */
function missingLevels(abs: string): string[] {
  const missing: string[] = [];
  for (let p = abs; ; p = path.dirname(p)) {
    let isDir: boolean;
    try {
      isDir = statSync(p).isDirectory();
    } catch (err) {
      const c = code(err);
      // ENOTDIR: something above is not a folder; the walk up finds which.
      if ((c !== 'ENOENT' && c !== 'ENOTDIR') || path.dirname(p) === p) throw new MakeDirsError(`cannot create folder ${abs}: ${p}: ${c}`);
      missing.unshift(p);
      continue;
    }
    if (!isDir) throw new MakeDirsError(`cannot create folder ${abs}: ${p} is not a folder`);
    return missing;
  }
}

/**
 * Makes `dir` (and missing parents); returns the folders it created, outermost first. Synchronous:
 * a few stat and mkdir calls, and callers that must stay synchronous (the caches' atomic writes)
 * need the same guard as everyone else.
 */
export function makeDirsSync(dir: string): string[] {
  const abs = path.resolve(dir);
  const made: string[] = [];
  for (const level of missingLevels(abs)) {
    try {
      mkdirSync(level);
      made.push(level);
    } catch (err) {
      // Another writer made it between the stat and the mkdir: fine if it is a folder.
      if (code(err) === 'EEXIST' && isFolder(level)) continue;
      for (const m of [...made].reverse()) {
        try {
          rmdirSync(m);
        } catch {
          // Someone else's now, or gone: leave it.
        }
      }
      throw new MakeDirsError(`cannot create folder ${abs}: mkdir ${level}: ${code(err)}`);
    }
  }
  return made;
}

function isFolder(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** makeDirsSync, for callers that await. */
export async function makeDirs(dir: string): Promise<string[]> {
  return makeDirsSync(dir);
}
