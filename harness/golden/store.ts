// Reading and writing golden files. Writes are atomic (temp file, then rename), so an
// interrupted update leaves the old golden as it was; nothing is written unless asked.
import { existsSync, promises as fs, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { makeDirs } from '../files/make-dirs.ts';

export async function readGolden(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
}

export async function writeGoldenAtomic(file: string, content: string): Promise<void> {
  await makeDirs(path.dirname(file));
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await fs.writeFile(tmp, content);
    await fs.rename(tmp, file);
  } finally {
    await fs.rm(tmp, { force: true });
  }
}

/** Every file under a goldens folder, by its path relative to it, with its text (to see whether a run changed any). */
export function goldenTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) out[path.relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

/** Golden files in `dir` that no sample owns (listed, never deleted). */
export function orphanGoldens(dir: string, owned: readonly string[]): string[] {
  if (!existsSync(dir)) return [];
  const mine = new Set(owned.map((f) => path.resolve(f)));
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt') && !f.startsWith('.'))
    .map((f) => path.join(dir, f))
    .filter((f) => !mine.has(path.resolve(f)))
    .sort();
}

/** Why an update may not happen: CI never rewrites goldens, whatever the flags say. */
export function updateRefusal(update: boolean, env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (update && (env.CI === 'true' || env.CI === '1')) {
    return '--update is refused when CI=true: goldens are accepted on a developer machine, then committed';
  }
  return undefined;
}
