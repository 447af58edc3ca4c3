// Checks a path the user typed before any work starts: is it the folder or file the option
// wants, can it be made, can it be written? Each check is one stat/access/statfs call per level
// (all return at once, unlike a recursive mkdir), and nothing is created or changed. The verdict
// is pure (judgePath over a Probe); probePath is the thin edge that asks the disk.
import { accessSync, constants, statfsSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { InputError } from '../input-error.ts';

/**
 * What an option wants of its path:
 * - `dir` + `read`: an existing folder that is read (--root, merge-reports DIR…);
 * - `dir` + `write`: a folder written into, made (with its parents) when missing (--report-dir);
 * - `dir` + `read-write`: an existing folder a file is written into (init DIR);
 * - `file` + `read`: an existing regular file (the docs page, --baseline FILE);
 * - `file` + `write`: a file written, its folder made when missing (a report file).
 */
export type PathSpec =
  | { type: 'dir'; access: 'read' | 'write' | 'read-write' }
  /** `mayBeMissing`: a read file the command does without when it is not there (--baseline on a first run). */
  | { type: 'file'; access: 'read' | 'write'; mayBeMissing?: boolean };

export type EntryKind = 'folder' | 'file' | 'device' | 'socket or pipe' | 'other';

/** What the disk says about a path; gathered by probePath, judged by judgePath. */
export interface Probe {
  /** What is at the path, or undefined when nothing is. */
  kind?: EntryKind;
  /** When nothing is at the path: the nearest existing path on the way up to it, and what it is. */
  nearest?: { path: string; kind: EntryKind };
  /** Whether this process may write into the path (when it exists) or into `nearest`. */
  writable: boolean;
  /** The kernel filesystem (proc, sysfs, …) the path or `nearest` is on, if it is one. */
  pseudoFs?: string;
  /** Why the disk could not answer (ENAMETOOLONG, EACCES, ELOOP…), when it could not. */
  error?: string;
}

/** Linux's longest path and longest name (PATH_MAX - 1, NAME_MAX). */
export const MAX_PATH = 4095;
export const MAX_NAME = 255;

/**
 * Pure: what is wrong with the text of a value before the disk is asked, or undefined.
 * Applies to every value the command line takes, not only paths.
 */
export function valueTextProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  // A newline or another control character is a quoting slip, never a real name or number.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(value)) return 'holds a control character (a newline?)';
  return undefined;
}

/** Pure: what is wrong with the text of a path, or undefined. */
export function pathTextProblem(value: string): string | undefined {
  const text = valueTextProblem(value);
  if (text) return text;
  const bytes = Buffer.byteLength(value);
  if (bytes > MAX_PATH) return `is too long (${bytes} bytes; a path has at most ${MAX_PATH})`;
  const long = value.split('/').find((n) => Buffer.byteLength(n) > MAX_NAME);
  if (long !== undefined) return `has a name of ${Buffer.byteLength(long)} bytes (at most ${MAX_NAME})`;
  return undefined;
}

/** Pure: the value as a message shows it: as typed, quoted when it has odd characters, shortened when long. */
export function showValue(value: string, max = 80): string {
  const cut = value.length > max ? value.slice(0, max - 20) : value;
  const shown = /^[\w./+@:,=~-]+$/.test(cut) ? cut : JSON.stringify(cut);
  return cut === value ? shown : `${shown}… (${value.length} characters)`;
}

const article = (k: EntryKind) => (k === 'other' ? 'something' : /^[aeiou]/.test(k) ? `an ${k}` : `a ${k}`);

/**
 * Pure: what is wrong with the path for `spec` given what the disk says, or undefined when it
 * will do. `show` renders a path found on the way (the nearest existing one) for the message.
 */
export function judgePath(spec: PathSpec, probe: Probe, show: (p: string) => string = (p) => p): string | undefined {
  if (probe.error) return `cannot be examined (${probe.error})`;
  const wantDir = spec.type === 'dir';
  const wanted = wantDir ? 'folder' : 'file';
  const writes = spec.access !== 'read';
  const kernelFs = `is on a kernel filesystem (${probe.pseudoFs}) where nothing can be written`;

  if (probe.kind === undefined) {
    const near = probe.nearest;
    if (near && near.kind !== 'folder') return `${show(near.path)} is ${article(near.kind)}, not a folder`;
    // Reading needs the thing to be there; of what is written, only a folder or file we make may be missing.
    if (spec.type === 'file' && spec.mayBeMissing) return undefined;
    if (spec.access === 'read' || spec.access === 'read-write') return 'does not exist';
    if (probe.pseudoFs) return `${near ? show(near.path) : 'its folder'} ${kernelFs}`;
    if (!probe.writable) return `cannot be created: ${near ? show(near.path) : 'its folder'} is not writable`;
    return undefined;
  }
  if (wantDir ? probe.kind !== 'folder' : probe.kind !== 'file') return `is ${article(probe.kind)}, not a ${wanted}`;
  if (writes && probe.pseudoFs) return kernelFs;
  if (writes && !probe.writable) return 'is not writable';
  return undefined;
}

/** Kernel filesystems (statfs f_type) whose folders take no new entries: writing there is always a mistake. */
const PSEUDO_FS = new Map<number, string>([
  [0x9fa0, 'proc'], [0x62656572, 'sysfs'], [0x27e0eb, 'cgroup'], [0x63677270, 'cgroup2'], [0x64626720, 'debugfs'],
  [0x74726163, 'tracefs'], [0x73636673, 'securityfs'], [0x6165676c, 'pstore'], [0xcafe4a11, 'bpf'],
  [0x62656570, 'configfs'], [0x1cd1, 'devpts'], [0xde5e81e4, 'efivarfs'], [0x42494e4d, 'binfmt_misc'], [0x65735543, 'fusectl'],
]);

function kindOf(st: Stats): EntryKind {
  if (st.isDirectory()) return 'folder';
  if (st.isFile()) return 'file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'device';
  if (st.isSocket() || st.isFIFO()) return 'socket or pipe';
  return 'other';
}

function pseudoFsOf(p: string): string | undefined {
  if (process.platform !== 'linux') return undefined;
  try {
    return PSEUDO_FS.get(statfsSync(p).type);
  } catch {
    return undefined;
  }
}

function writable(p: string): boolean {
  try {
    accessSync(p, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

const errCode = (err: unknown) => (err as NodeJS.ErrnoException).code ?? (err as Error).message;

/** The edge: asks the disk about `abs` (an absolute path), going up to the nearest existing path when it is missing. */
export function probePath(abs: string): Probe {
  for (let p = abs; ; p = path.dirname(p)) {
    let st: Stats;
    try {
      st = statSync(p);
    } catch (err) {
      const c = errCode(err);
      if ((c === 'ENOENT' || c === 'ENOTDIR') && path.dirname(p) !== p) continue;
      return { writable: false, error: c };
    }
    const kind = kindOf(st);
    const found = { writable: writable(p), pseudoFs: pseudoFsOf(p) };
    return p === abs ? { kind, ...found } : { nearest: { path: p, kind }, ...found };
  }
}

export class PathError extends InputError {
  override name = 'PathError';
}

/** A path as messages show it: relative to `cwd` when under it, else absolute. */
export function showPath(p: string, cwd: string): string {
  const rel = path.relative(cwd, p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

/** What is wrong with one path value for `spec` (text, then disk), or undefined: for checks of values that hold a path (`dir:PATH`). */
export function pathProblem(value: string, spec: PathSpec, cwd: string = process.cwd()): string | undefined {
  return pathTextProblem(value) ?? judgePath(spec, probePath(path.resolve(cwd, value)), (p) => showValue(showPath(p, cwd)));
}

/**
 * Checks one path value for `spec`: throws a PathError "<label> <value>: <what is wrong>" (one
 * line), or returns the absolute path. `label` names the option or argument (`--report-dir`).
 */
export function checkPath(label: string, value: string, spec: PathSpec, cwd: string = process.cwd()): string {
  const problem = pathProblem(value, spec, cwd);
  if (problem) throw new PathError(`${label} ${showValue(value)}: ${problem}`);
  return path.resolve(cwd, value);
}
