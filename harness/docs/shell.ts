// Reads the commands out of a page's shell blocks and the flags out of a `dapr run`. Pure.
import { parse, quote } from 'shell-quote';
import type { CodeBlock } from './parse.ts';

export const SHELL_LANGS = new Set(['bash', 'sh', 'shell', 'console', 'zsh', 'shell-session', 'terminal']);

export interface ShellCommand {
  /** Page line the command starts on. */
  line: number;
  /** The command as written (one segment of a `a && b` line, continuation lines joined). */
  text: string;
  /** Its words, split like a shell would (variables kept as `$NAME`, never expanded). */
  words: string[];
  /** The whole logical line the command is part of (continuations joined, prompt dropped). */
  lineText: string;
}

/** Splits a line at top-level `&&`, `||` and `;`, leaving quoted text alone. */
export function splitSegments(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      cur += c;
      if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '\\' && i + 1 < line.length) {
      cur += c + line[++i];
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if ((c === '&' && line[i + 1] === '&') || (c === '|' && line[i + 1] === '|')) {
      out.push(cur);
      cur = '';
      i++;
      continue;
    }
    if (c === ';') {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += c;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter(Boolean);
}

export function shellWords(text: string): string[] {
  try {
    return parse(text, (name) => `$${name}`).map((w) => {
      if (typeof w === 'string') return w;
      if ('pattern' in w) return w.pattern;
      if ('comment' in w) return '';
      return 'op' in w ? String(w.op) : '';
    }).filter((w) => w !== '');
  } catch {
    return text.split(/\s+/).filter(Boolean);
  }
}

/** The commands of one shell block, in order; prompts (`$ `) and comments dropped. */
export function shellCommands(block: CodeBlock): ShellCommand[] {
  const lines = block.value.split('\n');
  const out: ShellCommand[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = block.valueLine + i;
    // A line ending in an odd run of backslashes continues on the next. Only the last piece can
    // end in one (a joined piece ends in the space that replaced its backslash), so only it is
    // tested, and the pieces are joined once: retesting and rebuilding the whole text for every
    // continuation line was quadratic in their number.
    const pieces = [lines[i]!];
    while (/(^|[^\\])(\\\\)*\\$/.test(pieces[pieces.length - 1]!) && i + 1 < lines.length) {
      pieces.push(`${pieces.pop()!.slice(0, -1)} `, lines[++i]!.trim());
    }
    let text = pieces.join('');
    text = text.trim().replace(/^\$\s+/, '');
    if (!text || text.startsWith('#')) continue;
    for (const segment of splitSegments(text)) out.push({ line, text: segment, words: shellWords(segment), lineText: text });
  }
  return out;
}

interface FlagSpec {
  short?: string;
  value: boolean;
  /** Still accepted, with a warning; use this instead. */
  deprecated?: string;
  /** No longer accepted by current CLIs; use this instead. */
  removed?: string;
}

/** `dapr run` flags of the CLI (1.16–1.18), with the deprecated and removed ones. */
export const DAPR_RUN_FLAGS: Record<string, FlagSpec> = {
  'app-id': { short: 'a', value: true },
  'app-port': { short: 'p', value: true },
  'app-protocol': { short: 'P', value: true },
  'app-channel-address': { value: true },
  'app-health-check-path': { value: true },
  'app-health-probe-interval': { value: true },
  'app-health-probe-timeout': { value: true },
  'app-health-threshold': { value: true },
  'app-max-concurrency': { value: true },
  'config': { short: 'c', value: true },
  'dapr-grpc-port': { short: 'G', value: true },
  'dapr-http-port': { short: 'H', value: true },
  'dapr-internal-grpc-port': { short: 'I', value: true },
  'dapr-listen-addresses': { value: true },
  'enable-api-logging': { value: false },
  'enable-app-health-check': { value: false },
  'enable-profiling': { value: false },
  'help': { short: 'h', value: false },
  'kubernetes': { short: 'k', value: false },
  'log-level': { value: true },
  'max-body-size': { value: true },
  'metrics-port': { short: 'M', value: true },
  'placement-host-address': { value: true },
  'profile-port': { value: true },
  'read-buffer-size': { value: true },
  'resources-path': { value: true },
  'run-file': { short: 'f', value: true },
  'scheduler-host-address': { value: true },
  'unix-domain-socket': { short: 'u', value: true },
  'log-as-json': { value: false },
  'runtime-path': { value: true },
  'components-path': { short: 'd', value: true, deprecated: '--resources-path' },
  'app-ssl': { value: false, deprecated: '--app-protocol https (or grpcs)' },
  'dapr-http-max-request-size': { value: true, removed: '--max-body-size' },
  'dapr-http-read-buffer-size': { value: true, removed: '--read-buffer-size' },
};

const SHORT = Object.fromEntries(Object.entries(DAPR_RUN_FLAGS).flatMap(([name, f]) => (f.short ? [[f.short, name]] : [])));

export interface DaprFlag {
  /** Long name without dashes (a short flag is reported under its long name). */
  name: string;
  /** As written, e.g. `-d` or `--components-path`. */
  written: string;
  value?: string;
  known: boolean;
}

export interface DaprRun {
  flags: DaprFlag[];
  /** The app command: the words after `--` (or after the last flag when there is no `--`). */
  appArgv: string[];
  doubleDash: boolean;
}

export function isDaprRun(words: readonly string[]): boolean {
  return words[0] === 'dapr' && words[1] === 'run';
}

/** Parses the words of a `dapr run …` command. */
export function parseDaprRun(words: readonly string[]): DaprRun {
  const flags: DaprFlag[] = [];
  const rest = words.slice(2);
  const hasDash = rest.includes('--');
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    if (w === '--') return { flags, appArgv: rest.slice(i + 1), doubleDash: true };
    if (!w.startsWith('-') || w === '-') return { flags, appArgv: rest.slice(i), doubleDash: false };
    let name: string;
    let inline: string | undefined;
    if (w.startsWith('--')) {
      const eq = w.indexOf('=');
      name = eq > 0 ? w.slice(2, eq) : w.slice(2);
      inline = eq > 0 ? w.slice(eq + 1) : undefined;
    } else {
      const letter = w[1]!;
      name = SHORT[letter] ?? letter;
      const after = w.slice(2).replace(/^=/, '');
      inline = after || undefined;
    }
    const spec = DAPR_RUN_FLAGS[name];
    const written = w.startsWith('--') ? `--${name}` : w.slice(0, 2);
    let value = inline;
    const next = rest[i + 1];
    const takesValue = spec ? spec.value : next !== undefined && next !== '--' && !next.startsWith('-') && hasDash;
    if (value === undefined && takesValue && next !== undefined && next !== '--') {
      value = next;
      i++;
    }
    flags.push({ name, written, value, known: spec !== undefined });
  }
  return { flags, appArgv: [], doubleDash: hasDash };
}

/** Commands the validator neither checks nor runs: the sample folder stands in for them. */
export function isSetupOnly(words: readonly string[]): boolean {
  return words[0] === 'cd' || (words[0] === 'git' && words[1] === 'clone');
}

export function joinWords(words: readonly string[]): string {
  return quote([...words]);
}
