// The folders of the tree a scenario reaches outside its own (a block's shared components folder
// named by a run file or a --resources-path), so the scratch copy can hold them too. Pure but for
// reading the run files.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SampleSpec } from '../model.ts';
import { parseRunFile } from '../samples/run-file.ts';

/** Absolute folders the sample's runs name, its own folder first. */
export function referencedDirs(sample: SampleSpec): string[] {
  const out = new Set<string>([sample.dir]);
  for (const step of sample.scenario?.steps ?? []) {
    // A seed step may run in a folder of the block's (its database's SQL files).
    if (step.kind === 'sh') out.add(path.resolve(sample.dir, step.cwd));
    if (step.kind !== 'run') continue;
    if (step.launch.kind === 'app') {
      if (step.launch.resources) out.add(path.resolve(sample.dir, step.launch.cwd, step.launch.resources));
      continue;
    }
    const file = path.resolve(sample.dir, step.launch.file);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue; // the run step reports a missing run file itself
    }
    const base = path.dirname(file);
    const rf = parseRunFile(text);
    for (const p of rf.resourcesPaths) out.add(path.resolve(base, p));
    for (const app of rf.apps) {
      const appDir = path.resolve(base, app.appDirPath);
      out.add(appDir);
      for (const p of app.resourcesPaths) out.add(path.resolve(appDir, p));
    }
  }
  // A folder inside another one listed is copied with it.
  const all = [...out];
  return all.filter((d) => !all.some((o) => o !== d && d.startsWith(o + path.sep)));
}

/**
 * The folders between the tree's root and the sample's folder (its block's, its language's): their
 * own files are data a sample reads by a relative path (`../../../orders.json`), mirrored with it.
 */
export function enclosingDirs(sample: Pick<SampleSpec, 'dir'>, treeRoot: string): string[] {
  const out: string[] = [];
  for (let d = path.dirname(sample.dir); d.startsWith(treeRoot + path.sep); d = path.dirname(d)) out.push(d);
  return out;
}

/**
 * What the sample cannot share with another sample running at the same time: the ports its run
 * files or flags fix for its apps and their sidecars (`port:6002`). Two samples claiming one never overlap.
 */
export function claimsOf(sample: SampleSpec): string[] {
  const ports = new Set<number>();
  for (const step of sample.scenario?.steps ?? []) {
    if (step.kind !== 'run') continue;
    if (step.launch.kind === 'app') {
      if (step.launch.appPort) ports.add(step.launch.appPort);
      continue;
    }
    try {
      for (const app of parseRunFile(readFileSync(path.resolve(sample.dir, step.launch.file), 'utf8')).apps) {
        if (app.appPort) ports.add(app.appPort);
        for (const p of app.daprPorts) ports.add(p);
      }
    } catch {
      // No run file: the step fails on it, and claims nothing.
    }
  }
  return [...ports].sort((a, b) => a - b).map((p) => `port:${p}`);
}
