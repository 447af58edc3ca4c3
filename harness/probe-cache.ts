// Answers of `--version` probes kept across runs in the cache folder, keyed on the binary's
// resolved path, size and mtime: `java -version`, `mvn -v` or `dapr --version` take up to half a
// second each on a busy machine, and their answer changes only when the binary does.
import { accessSync, constants, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { cacheRoot } from './files/cache-root.ts';
import { writeFileAtomicSync } from './files/write-atomic.ts';

/** What makes a probe's answer stale; undefined when the file is missing or not executable. */
export function binaryKey(file: string): string | undefined {
  try {
    accessSync(file, constants.X_OK);
    const real = realpathSync(file);
    const st = statSync(real);
    if (!st.isFile()) return undefined;
    return `${real}|${st.size}|${Math.round(st.mtimeMs)}`;
  } catch {
    return undefined;
  }
}

const cacheFile = () => path.join(cacheRoot(), 'probes.json');

function readAll(): Record<string, string> {
  try {
    return JSON.parse(readFileSync(cacheFile(), 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

function remember(key: string, answer: string): void {
  try {
    writeFileAtomicSync(cacheFile(), JSON.stringify({ ...readAll(), [key]: answer }, null, 2));
  } catch {
    // A cache that cannot be written only costs the next run a probe.
  }
}

/**
 * The probe's answer for `file` (`label` tells probes of one binary apart): from the cache when
 * the binary is unchanged, else from `run`, remembered when it gives one. An unusable binary is
 * always probed, so its error is seen.
 */
export async function cachedProbe(file: string, label: string, run: () => Promise<string | undefined>): Promise<string | undefined> {
  const key = binaryKey(file);
  const id = key && `${label}|${key}`;
  if (id) {
    const hit = readAll()[id];
    if (hit !== undefined) return hit;
  }
  const answer = await run();
  if (id && answer !== undefined) remember(id, answer);
  return answer;
}
