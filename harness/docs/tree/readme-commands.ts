// The commands a sample's README runs, as its manifest entry holds them (install, sh and run
// steps, and the steps it drops), each with the folder it runs in: what a page's commands are
// compared with. Pure.
import path from 'node:path';
import type { SampleSpec } from '../../model.ts';
import { parseRunFile, type RunFile } from '../../samples/run-file.ts';
import { shellWords } from '../shell.ts';

export interface ReadmeCommand {
  /** Folder it runs in, relative to the tree's root; undefined when the manifest does not say (a dropped step). */
  cwd: string | undefined;
  words: string[];
  line: number | undefined;
}

/** An app the README starts: by `dapr run … --` or in a run file. */
export interface ReadmeApp {
  appId: string;
  /** Folder the app starts in, relative to the root. */
  cwd: string;
  command: string[];
  /** The run file that starts it, relative to the root; undefined for a `dapr run --app-id`. */
  runFile: string | undefined;
  line: number | undefined;
}

export interface ReadmeRuns {
  commands: ReadmeCommand[];
  /** Run files the README runs (`dapr run -f`), relative to the root. */
  runFiles: string[];
  apps: ReadmeApp[];
}

/** A folder relative to the root, as the checks compare them: normalized, no trailing slash, '' for the root. */
export function folder(p: string): string {
  const n = path.posix.normalize(p);
  let end = n.length;
  while (end > 0 && n[end - 1] === '/') end--;
  const out = n.slice(0, end);
  return out === '.' ? '' : out;
}

const CD_PREFIX = /^cd\s+("(?:[^"\\]|\\.)*"|\S+)\s*&&\s*/;

/** `cd "x" && cmd` (as the manifest writes an install step in a subfolder) → the folder and the command. */
export function splitCd(run: string): { sub: string; command: string } {
  const m = CD_PREFIX.exec(run);
  if (!m) return { sub: '.', command: run };
  const word = m[1]!.startsWith('"') ? (JSON.parse(m[1]!) as string) : m[1]!;
  return { sub: word, command: run.slice(m[0].length) };
}

/** Everything the sample's README runs, from its manifest entry; `read` gives a run file's text (relative to the root). */
export function readmeRuns(sample: SampleSpec, root: string, read: (rel: string) => string | undefined): ReadmeRuns {
  const dir = path.relative(root, sample.dir);
  const at = (sub: string) => folder(path.posix.join(dir, sub));
  const out: ReadmeRuns = { commands: [], runFiles: [], apps: [] };
  for (const step of sample.scenario?.steps ?? []) {
    if (step.kind === 'install') {
      const { sub, command } = splitCd(step.install.run);
      out.commands.push({ cwd: at(sub), words: shellWords(command), line: step.line });
    } else if (step.kind === 'sh') {
      out.commands.push({ cwd: at(step.cwd), words: shellWords(step.run), line: step.line });
    } else if (step.kind === 'run') {
      if (step.launch.kind === 'file') {
        const file = path.posix.normalize(path.posix.join(dir, step.launch.file));
        out.runFiles.push(file);
        const text = read(file);
        let parsed: RunFile | undefined;
        try {
          parsed = text === undefined ? undefined : parseRunFile(text);
        } catch {
          parsed = undefined;
        }
        for (const app of parsed?.apps ?? []) {
          out.apps.push({ appId: app.appId, cwd: folder(path.posix.join(path.posix.dirname(file), app.appDirPath)), command: app.command, runFile: file, line: step.line });
        }
      } else {
        out.apps.push({ appId: step.launch.appId, cwd: at(step.launch.cwd), command: shellWords(step.launch.command), runFile: undefined, line: step.line });
      }
    }
  }
  for (const d of sample.scenario?.dropped ?? []) out.commands.push({ cwd: undefined, words: shellWords(d.what), line: d.line });
  return out;
}

/** `npm run start` is `npm start` (and so for npm's other built-in script names): one command, two spellings. */
export function canonicalCommand(words: readonly string[]): string[] {
  if (words[0] === 'npm' && words[1] === 'run' && ['start', 'test', 'stop', 'restart'].includes(words[2] ?? '')) return ['npm', ...words.slice(2)];
  return [...words];
}

/** Commands that fetch or build a sample's dependencies: the ones a page and a README must agree on. */
export function isInstallCommand(words: readonly string[]): boolean {
  const [a, b, c, d] = words;
  if (a === 'pip' || a === 'pip3') return b === 'install';
  if ((a === 'python' || a === 'python3') && b === '-m') return c === 'venv' || (c === 'pip' && d === 'install');
  if (a === 'npm') return ['install', 'i', 'ci'].includes(b ?? '') || (b === 'run' && c === 'build');
  if (a === 'mvn' || a === './mvnw') return true;
  if (a === 'dotnet') return b === 'restore' || b === 'build';
  if (a === 'go') return b === 'build' || b === 'mod' || b === 'get' || b === 'install';
  return false;
}
