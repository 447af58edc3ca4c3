// What each command-line value is (a folder, a file, a count, a version, …) and its check, run
// on every option and argument of the command about to act before it does anything: a bad value
// is one line naming the option, exit 2, and nothing is built, started, created or changed.
//
// A value's kind comes from an explicit annotation on its definition (`annotate(new Option(…),
// spec)`), else from its placeholder's name (`<dir>`, `<file>`, `<port>`…, see BY_PLACEHOLDER).
// A value-taking option with neither is unclassified: it still gets the text checks here, and
// test/cli/arguments.test.ts fails until it is classified.
import type { Argument, Command, Option } from 'commander';
import { InputError } from '../input-error.ts';
import { checkPath, PathError, pathProblem, showValue, valueTextProblem, type PathSpec } from './paths.ts';

/** A bad command-line value (one line: the option, the value, what is wrong). */
export class ArgumentError extends InputError {
  override name = 'ArgumentError';
}

export type ValueSpec =
  | { kind: 'path'; path: PathSpec }
  /** A whole number in [min, max]. */
  | { kind: 'int'; min: number; max?: number }
  /** A release version like 1.16.5 (a leading v allowed). */
  | { kind: 'version' }
  /** A sample filter (id, language or variant): checked against the manifest by the command. */
  | { kind: 'filter' }
  /**
   * Free text; `check` says what is wrong with a value (`fullLine`: its answer is the whole
   * message, already naming the option); `bad` lists values it must refuse (the generated test tries them).
   */
  | { kind: 'text'; check?: (value: string) => string | undefined; fullLine?: boolean; bad?: string[]; /** A value it accepts in the generated test's tree, when it is a required argument. */ good?: string }
  /** Commander checks the value against the option's choices. */
  | { kind: 'choice' }
  /** Takes no value. */
  | { kind: 'flag' };

export const EXISTING_DIR: ValueSpec = { kind: 'path', path: { type: 'dir', access: 'read' } };
export const WRITTEN_DIR: ValueSpec = { kind: 'path', path: { type: 'dir', access: 'write' } };
export const EXISTING_WRITABLE_DIR: ValueSpec = { kind: 'path', path: { type: 'dir', access: 'read-write' } };
export const EXISTING_FILE: ValueSpec = { kind: 'path', path: { type: 'file', access: 'read' } };
export const OPTIONAL_FILE: ValueSpec = { kind: 'path', path: { type: 'file', access: 'read', mayBeMissing: true } };
export const WRITTEN_FILE: ValueSpec = { kind: 'path', path: { type: 'file', access: 'write' } };
export const count = (min: number, max?: number): ValueSpec => ({ kind: 'int', min, ...(max === undefined ? {} : { max }) });

/** Pure: what is wrong with a URL value (an absolute http, https or file URL), or undefined. */
export function urlProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL';
  }
  return ['http:', 'https:', 'file:'].includes(url.protocol) ? undefined : `is a ${url.protocol} URL, not http, https or file`;
}

/**
 * A value that is one of `words` or `<prefix>PATH`, the path checked as `spec` (e.g. --dapr-from
 * auto|build|installed|dir:PATH with `wordsOrPath(['auto', 'build', 'installed'], 'dir:', { type: 'dir', access: 'read' })`).
 */
export function wordsOrPath(words: readonly string[], prefix: string, spec: PathSpec): ValueSpec {
  return {
    kind: 'text',
    check: (v) => {
      if (v.startsWith(prefix)) return pathProblem(v.slice(prefix.length), spec);
      return words.includes(v) ? undefined : `is not one of ${[...words, `${prefix}PATH`].join(', ')}`;
    },
    bad: ['no-such-word', prefix, `${prefix}/proc/parity-no-such`, `${prefix}/dev/null`],
  };
}

/** An existing file, or a folder of them (`docs <pages...>`): checked as a folder when it is one, else as a file. */
export const EXISTING_FILE_OR_DIR: ValueSpec = {
  kind: 'text',
  check: (v) => (pathProblem(v, { type: 'dir', access: 'read' }) === undefined ? undefined : pathProblem(v, { type: 'file', access: 'read' })),
  bad: ['/proc/parity-no-such', '/dev/null', 'no-such-page.md'],
  good: 'page.md',
};

/** The naming rule: a placeholder (`--x <dir>`, `[file]`, `<dir...>`) says what the value is. */
export const BY_PLACEHOLDER: Readonly<Record<string, ValueSpec>> = {
  dir: EXISTING_DIR,
  dirs: EXISTING_DIR,
  folder: EXISTING_DIR,
  'out-dir': WRITTEN_DIR,
  file: EXISTING_FILE,
  files: EXISTING_FILE,
  page: EXISTING_FILE,
  pages: EXISTING_FILE_OR_DIR,
  'out-file': WRITTEN_FILE,
  seconds: count(1),
  port: count(1, 65535),
  version: { kind: 'version' },
  url: { kind: 'text', check: urlProblem, bad: ['not a url', 'ftp://example.com/x'] },
  filters: { kind: 'filter' },
};

const annotations = new WeakMap<Option | Argument, ValueSpec>();

/** Marks an option or argument with what its value is (overrides the naming rule). Returns it, for chaining. */
export function annotate<T extends Option | Argument>(target: T, spec: ValueSpec): T {
  annotations.set(target, spec);
  return target;
}

/** The placeholder name of an option (`--report-dir <dir>` → dir) or argument, without `...`. */
export function placeholderOf(target: Option | Argument): string | undefined {
  if (!('flags' in target)) return target.name();
  // String scanning, not one regex: an unanchored <…> search backtracks quadratically on "<<<<".
  const open = target.flags.search(/[<[]/);
  if (open < 0) return undefined;
  const rest = target.flags.slice(open + 1);
  const close = rest.search(/[>\]]/);
  const name = close < 0 ? rest : rest.slice(0, close);
  return name.endsWith('...') ? name.slice(0, -3) : name;
}

/** What a value is: its annotation, else what commander knows (no value, choices), else the naming rule; undefined when unclassified. */
export function specOf(target: Option | Argument): ValueSpec | undefined {
  const explicit = annotations.get(target);
  if (explicit) return explicit;
  if ('flags' in target && !target.required && !target.optional) return { kind: 'flag' };
  if (target.argChoices) return { kind: 'choice' };
  const name = placeholderOf(target);
  return name === undefined ? undefined : BY_PLACEHOLDER[name];
}

const VERSION = /^v?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/;

/** Pure but for a path's look at the disk: what is wrong with one value for `spec`, as a one-line message, or undefined. */
export function valueProblem(label: string, value: string, spec: ValueSpec | undefined, cwd = process.cwd()): string | undefined {
  if (spec?.kind === 'path') {
    try {
      checkPath(label, value, spec.path, cwd);
      return undefined;
    } catch (err) {
      if (err instanceof PathError) return err.message;
      throw err;
    }
  }
  const bad = (what: string) => `${label} ${showValue(value)}: ${what}`;
  const text = valueTextProblem(value);
  if (text) return bad(text);
  switch (spec?.kind) {
    case 'int': {
      const n = /^\d+$/.test(value) ? Number(value) : NaN;
      if (!Number.isSafeInteger(n) || n < spec.min || (spec.max !== undefined && n > spec.max)) {
        const range = spec.max === undefined ? `of at least ${spec.min}` : `from ${spec.min} to ${spec.max}`;
        return `${label} takes a whole number ${range}, not ${showValue(value)}`;
      }
      return undefined;
    }
    case 'version':
      return VERSION.test(value) ? undefined : `${label} takes a version like 1.16.5, not ${showValue(value)}`;
    case 'text': {
      const what = spec.check?.(value);
      return what ? (spec.fullLine ? what : bad(what)) : undefined;
    }
    default:
      return undefined;
  }
}

/** How a message names an option: its flag, or the environment variable its value came from. */
function optionLabel(cmd: Command, opt: Option): string {
  const flag = opt.long ?? opt.short ?? opt.flags;
  return cmd.getOptionValueSource(opt.attributeName()) === 'env' && opt.envVar ? `${opt.envVar} (${flag})` : flag;
}

/** How a message names an argument: as usage shows it (`docs <page>`, `init [dir]`). */
function argumentLabel(cmd: Command, arg: Argument): string {
  const name = `${arg.name()}${arg.variadic ? '...' : ''}`;
  return `${cmd.name()} ${arg.required ? `<${name}>` : `[${name}]`}`;
}

export interface GivenValue {
  label: string;
  spec: ValueSpec | undefined;
  /** The values as parsed (defaults included); several for a variadic one. */
  values: string[];
}

/** Every value-taking option and argument of one command (not its parents) that has a value. */
export function givenValues(cmd: Command): GivenValue[] {
  const out: GivenValue[] = [];
  for (const opt of cmd.options) {
    const v: unknown = cmd.getOptionValue(opt.attributeName());
    if (v === undefined || typeof v === 'boolean') continue;
    out.push({ label: optionLabel(cmd, opt), spec: specOf(opt), values: [v].flat().map(String) });
  }
  cmd.registeredArguments.forEach((arg, i) => {
    const v: unknown = cmd.processedArgs[i];
    if (v !== undefined) out.push({ label: argumentLabel(cmd, arg), spec: specOf(arg), values: [v].flat().map(String) });
  });
  return out;
}

/**
 * The preAction hook: checks every value the acting command and its parents (global options)
 * got, before the action runs. Throws the first problem as an ArgumentError (an InputError: one line, exit 2).
 */
export function validateArguments(action: Command, cwd = process.cwd()): void {
  const chain: Command[] = [];
  for (let c: Command | null = action; c; c = c.parent) chain.unshift(c);
  for (const cmd of chain) {
    for (const given of givenValues(cmd)) {
      for (const value of given.values) {
        const problem = valueProblem(given.label, value, given.spec, cwd);
        if (problem) throw new ArgumentError(problem);
      }
    }
  }
}
