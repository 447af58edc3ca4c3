// The folders of the tree a scenario reaches outside its own (a block's shared components folder
// named by a run file or a --resources-path), so the scratch copy can hold them too. Pure but for
// reading the run files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import type { SampleSpec } from '../model.ts';

type Obj = Record<string, unknown>;

function pathsOf(section: unknown, base: string): string[] {
  if (!section || typeof section !== 'object') return [];
  const s = section as Obj;
  const list = [s.resourcesPath, s.configFilePath, s.appDirPath, ...(Array.isArray(s.resourcesPaths) ? s.resourcesPaths : [])];
  return list.filter((p): p is string => typeof p === 'string' && p !== '').map((p) => path.resolve(base, p));
}

/** Absolute folders the sample's runs name, its own folder first; the config file's folder for a file. */
export function referencedDirs(sample: SampleSpec): string[] {
  const out = new Set<string>([sample.dir]);
  for (const step of sample.scenario?.steps ?? []) {
    if (step.kind !== 'run') continue;
    if (step.launch.kind === 'app') {
      if (step.launch.resources) out.add(path.resolve(sample.dir, step.launch.cwd, step.launch.resources));
      continue;
    }
    const file = path.resolve(sample.dir, step.launch.file);
    let doc: unknown;
    try {
      doc = YAML.parse(readFileSync(file, 'utf8'));
    } catch {
      continue; // the run step reports an unreadable run file itself
    }
    const base = path.dirname(file);
    const d = (doc ?? {}) as Obj;
    for (const p of [...pathsOf(d.common, base), ...(Array.isArray(d.apps) ? d.apps.flatMap((a) => pathsOf(a, base)) : [])]) {
      out.add(/\.ya?ml$/.test(p) ? path.dirname(p) : p);
    }
  }
  // A folder inside another one listed is copied with it.
  const all = [...out];
  return all.filter((d) => !all.some((o) => o !== d && d.startsWith(o + path.sep)));
}
