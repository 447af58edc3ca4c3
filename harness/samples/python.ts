// Which Python a sample needs and which of this machine's interpreters gives it. A sample's code
// can need a newer Python than the `python3` on PATH (3.12's f-strings with nested quotes) without
// its README saying so: init finds the floor by compiling the sample's files, and a run picks the
// oldest interpreter here that meets it (another `python3.N` on PATH, or a pyenv version), never
// a silent failure at the app's first line.
import { execa } from 'execa';
import { readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cachedProbe } from '../probe-cache.ts';
import { GENERATED_DIRS } from '../files/generated-dirs.ts';
import { resolveOnPath } from './toolchains.ts';

export interface PythonInterpreter {
  /** The interpreter's file, symlinks resolved. */
  file: string;
  /** `3.12.1`. */
  version: string;
  /** Whether it is the `python3` PATH gives. */
  onPath: boolean;
}

/** `3.12.1` ≥ `3.12`: compares the numbers the minimum gives. */
export function meets(version: string, min: string): boolean {
  const v = version.split('.').map(Number);
  const m = min.split('.').map(Number);
  for (let i = 0; i < m.length; i++) {
    const a = v[i] ?? 0;
    if (a !== m[i]) return a > m[i]!;
  }
  return true;
}

const byVersion = (a: PythonInterpreter, b: PythonInterpreter) => a.version.localeCompare(b.version, 'en', { numeric: true });

/** PATH's `python3` when it meets the minimum, else the oldest interpreter that does; undefined when none. Pure. */
export function pickPython(found: readonly PythonInterpreter[], min: string): PythonInterpreter | undefined {
  const ok = found.filter((p) => meets(p.version, min));
  return ok.find((p) => p.onPath) ?? [...ok].sort(byVersion)[0];
}

async function versionOf(file: string): Promise<string | undefined> {
  const answer = await cachedProbe(file, 'python3', async () => {
    const r = await execa(file, ['--version'], { reject: false, timeout: 15_000, all: true });
    return r.exitCode === 0 ? /Python (\d+\.\d+\.\d+)/.exec(String(r.all ?? ''))?.[1] : undefined;
  });
  return answer || undefined;
}

/** `python3` on PATH, every `python3.N` on PATH that runs (a pyenv shim of a version not selected does not), and pyenv's versions. */
async function findInterpreters(): Promise<PythonInterpreter[]> {
  const onPath = resolveOnPath('python3');
  const files = new Set<string>();
  if (onPath) files.add(onPath);
  for (let minor = 8; minor <= 20; minor++) {
    const f = resolveOnPath(`python3.${minor}`);
    if (f) files.add(f);
  }
  const pyenv = process.env.PYENV_ROOT ?? path.join(os.homedir(), '.pyenv');
  let versions: string[] = [];
  try {
    versions = readdirSync(path.join(pyenv, 'versions'));
  } catch {
    // No pyenv here.
  }
  for (const v of versions) {
    const f = resolveOnPath('python3', path.join(pyenv, 'versions', v, 'bin'));
    if (f) files.add(f);
  }
  const found: PythonInterpreter[] = [];
  for (const file of files) {
    const version = await versionOf(file);
    if (version?.startsWith('3.')) found.push({ file, version, onPath: file === onPath });
  }
  return found;
}

let interpreters: Promise<PythonInterpreter[]> | undefined;
/** This machine's Python 3 interpreters, found once per process. */
export function pythonInterpreters(): Promise<PythonInterpreter[]> {
  interpreters ??= findInterpreters();
  return interpreters;
}

/** The sample's Python files (relative to `dir`), generated folders left out. */
export function pythonFiles(dir: string, rel = ''): string[] {
  const out: string[] = [];
  let entries: import('node:fs').Dirent[];
  try {
    entries = readdirSync(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return out;
  }
  for (const e of entries) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory() && !GENERATED_DIRS.has(e.name) && !e.name.startsWith('.')) out.push(...pythonFiles(dir, r));
    else if (e.isFile() && e.name.endsWith('.py')) out.push(r);
  }
  return out.sort();
}

// Compiles each file named on stdin; prints the first syntax error as `file:line: message`.
const COMPILE = `import sys
for f in sys.stdin.read().split("\\n"):
    if not f: continue
    try:
        compile(open(f, encoding="utf-8").read(), f, "exec")
    except SyntaxError as e:
        print(f"{f}:{e.lineno}: {e.msg}"); break
`;

/** The first file of `files` (relative to `dir`) the interpreter cannot compile, as `file:line: message`; undefined when all compile. */
export async function firstSyntaxError(interpreter: string, dir: string, files: readonly string[]): Promise<string | undefined> {
  const r = await execa(interpreter, ['-c', COMPILE], { cwd: dir, input: files.join('\n'), reject: false, timeout: 60_000, env: { PYTHONDONTWRITEBYTECODE: '1' } });
  return r.stdout.trim() || undefined;
}

export interface PythonFloor {
  /** `3.12`: the oldest version here that compiles every file. */
  min: string;
  /** What the older interpreter could not read, and which it was. */
  why: string;
}

/**
 * The Python a sample's code needs when PATH's `python3` cannot compile it: the oldest newer
 * interpreter here that can. Undefined when `python3` reads it all (or none here does better: the
 * run then shows the error itself).
 */
export async function pythonFloor(dir: string): Promise<PythonFloor | undefined> {
  const files = pythonFiles(dir);
  if (files.length === 0) return undefined;
  const found = await pythonInterpreters();
  const current = found.find((p) => p.onPath);
  if (!current) return undefined;
  const error = await firstSyntaxError(current.file, dir, files);
  if (!error) return undefined;
  for (const p of found.filter((x) => meets(x.version, nextMinor(current.version))).sort(byVersion)) {
    if (!(await firstSyntaxError(p.file, dir, files))) return { min: minorOf(p.version), why: `${error} under Python ${current.version}` };
  }
  return undefined;
}

const minorOf = (v: string) => v.split('.').slice(0, 2).join('.');
const nextMinor = (v: string) => {
  const [major, minor] = v.split('.').map(Number);
  return `${major}.${(minor ?? 0) + 1}`;
};

export interface PythonChoice {
  /** The interpreter's folder, put in front of PATH so `python3` (and a venv made with it) is that version; none when PATH's own meets it. */
  pathPrepend: string[];
  /** `python3@3.12.1`: the version an install's cache key holds. */
  version?: string;
  /** What was chosen instead of PATH's `python3`, for the sample's notes. */
  note?: string;
  /** When no interpreter here meets the minimum: one line saying so and what to do. */
  reason?: string;
}

/** The interpreter a sample that needs Python ≥ `min` runs with. */
export async function choosePython(min: string, why?: string): Promise<PythonChoice> {
  const found = await pythonInterpreters();
  const current = found.find((p) => p.onPath);
  const pick = pickPython(found, min);
  const because = why ? ` (${why})` : '';
  if (!pick) return { pathPrepend: [], reason: `needs Python ${min} or newer${because}; this machine has ${found.length ? found.map((p) => p.version).sort().join(', ') : 'none'}: install Python ${min} (pyenv install ${min}, or apt-get install python${min})` };
  if (pick.onPath) return { pathPrepend: [], version: `python3@${pick.version}` };
  return {
    pathPrepend: [path.dirname(pick.file)], version: `python3@${pick.version}`,
    note: `Python ${pick.version} (${pick.file}) instead of PATH's python3 ${current?.version ?? '(none)'}: the sample needs ${min} or newer${because}`,
  };
}
