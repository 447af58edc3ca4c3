// Every option and argument of every command, walked from the CLI definition itself (a new one is
// covered the day it is added), given the bad values a person types: each must exit 2 at once
// with exactly one line on stderr that names it, no stack trace, and nothing changed on disk.
// The real CLI runs as a child process. No Dapr is needed: values are checked before anything is
// provisioned, and Go is kept off PATH so that a value slipping through fails fast, not by a build.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Argument, Command, Option } from 'commander';
import pLimit from 'p-limit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../harness/cli.ts';
import { specOf, type ValueSpec } from '../../harness/cli/arg-spec.ts';
import { PARITY_BIN } from '../helpers/parity-child.ts';
import { snapshotTree } from '../helpers/tree-snapshot.ts';

/** One option or argument of one command (the program's own options are the global ones). */
interface Slot {
  /** Subcommand names from the program down ([] for a global option). */
  names: string[];
  cmd: Command;
  target: Option | Argument;
  /** For an argument: its position. */
  index?: number;
  title: string;
  spec: ValueSpec | undefined;
}

function slotsOf(program: Command): Slot[] {
  const out: Slot[] = [];
  const visit = (cmd: Command, names: string[]) => {
    const where = names.length ? names.join(' ') : '(global)';
    for (const o of cmd.options) out.push({ names, cmd, target: o, title: `${where} ${o.long ?? o.flags}`, spec: specOf(o) });
    for (const [i, a] of cmd.registeredArguments.entries()) out.push({ names, cmd, target: a, index: i, title: `${where} <${a.name()}>`, spec: specOf(a) });
    for (const c of cmd.commands) visit(c, [...names, c.name()]);
  };
  visit(program, []);
  return out;
}

const program = buildProgram({ code: 0 });
const SLOTS = slotsOf(program);
const COMMANDS = program.commands.map((c) => c.name());
/** Global options are checked for every command; their full set of bad values runs under this one. */
const GLOBAL_HOST = 'run';

/** A good value for a required argument that is not under test. */
function goodValue(spec: ValueSpec | undefined): string {
  switch (spec?.kind) {
    case 'path': return spec.path.type === 'file' ? 'page.md' : '.';
    case 'filter': return 'go/http';
    case 'version': return '1.16.5';
    case 'int': return String(spec.min);
    case 'text': if (spec.good !== undefined) return spec.good; break;
  }
  throw new Error(`no good value known for a required argument of kind ${spec?.kind ?? 'unclassified'}: add one to goodValue()`);
}

/** Over 4095 bytes, in names of 200: too long a path for Linux. */
const LONG_PATH = Array.from({ length: 25 }, (_, i) => `${i}`.padEnd(200, 'd')).join('/');

/** The bad values for a kind, each with why it is bad. Paths are relative to the case's tree (see makeTemplate). */
function badValues(spec: ValueSpec): [why: string, value: string][] {
  const text: [string, string][] = [['empty', ''], ['with a newline', 'a\nb']];
  switch (spec.kind) {
    case 'path': {
      const { type, access } = spec.path;
      // A file the command does without when missing (--baseline): missing is no mistake there.
      const mayBeMissing = spec.path.type === 'file' && spec.path.mayBeMissing === true;
      return [
        ...text,
        ['very long', LONG_PATH],
        ['/dev/null', '/dev/null'],
        ...(mayBeMissing ? [] : [['under /proc', '/proc/parity-no-such']] as [string, string][]),
        ...(type === 'dir'
          ? [['a file, not a folder', 'page.md'], ['under a file', 'page.md/x']] as [string, string][]
          : [['a folder, not a file', 'sub'], ['under a file', 'page.md/x']] as [string, string][]),
        ...((access === 'read' || access === 'read-write') && !mayBeMissing ? [['missing', 'no-such-thing']] as [string, string][] : []),
        ...(access !== 'read' ? [['a kernel filesystem', '/proc']] as [string, string][] : []),
      ];
    }
    case 'int':
      return [...text, ['not a number', 'abc'], ['below the minimum', String(spec.min - 1)],
        ...(spec.max === undefined ? [] : [['above the maximum', String(spec.max + 1)]] as [string, string][])];
    case 'version': return [...text, ['not a version', 'latest']];
    case 'filter': return [...text, ['unknown', 'no-such-sample']];
    case 'choice': return [...text, ['not a choice', 'no-such-choice']];
    case 'text': return [...text, ...(spec.bad ?? []).map((v): [string, string] => ['refused', v])];
    case 'flag': return [];
  }
}

interface Case {
  title: string;
  argv: string[];
  /** The one stderr line must hold one of these (the option's flag, the argument's name or value). */
  mentions: string[];
  slot?: Slot;
}

/** Good values for a command's arguments before position `upTo` (all of its required ones when omitted). */
function argsBefore(cmd: Command, upTo = cmd.registeredArguments.filter((a) => a.required).length): string[] {
  return cmd.registeredArguments.slice(0, upTo).map((a) => goodValue(specOf(a)));
}

function casesFor(slot: Slot): Case[] {
  if (!slot.spec) return [];
  const names = slot.names.length ? slot.names : [GLOBAL_HOST];
  const host = slot.names.length ? slot.cmd : program.commands.find((c) => c.name() === GLOBAL_HOST)!;
  const hostArgs = argsBefore(host);
  const out: Case[] = [];
  if ('flags' in slot.target) {
    const o = slot.target;
    const flag = o.long ?? o.short!;
    if (slot.spec.kind === 'flag') {
      if (o.long) out.push({ title: `${slot.title}=x (a flag takes no value)`, argv: [...names, ...hostArgs, `${o.long}=x`], mentions: [o.long] });
    } else {
      out.push({ title: `${slot.title} with its value missing`, argv: [...names, ...hostArgs, flag], mentions: [flag] });
      for (const [why, v] of badValues(slot.spec)) out.push({ title: `${slot.title} ${why}`, argv: [...names, ...hostArgs, flag, v], mentions: [flag] });
    }
  } else {
    const a = slot.target;
    const before = argsBefore(slot.cmd, slot.index!);
    if (a.required) out.push({ title: `${slot.title} left out`, argv: [...names, ...before], mentions: [a.name()] });
    for (const [why, v] of badValues(slot.spec)) {
      out.push({ title: `${slot.title} ${why}`, argv: [...names, ...before, v], mentions: [a.name(), ...(v.length > 0 && !v.includes('\n') ? [v.slice(0, 40)] : [])] });
    }
  }
  return out.map((c) => ({ ...c, slot }));
}

const CASES: Case[] = [
  ...SLOTS.flatMap(casesFor),
  // The global checks run for every command, not only the host above.
  ...COMMANDS.filter((c) => c !== GLOBAL_HOST).map((c): Case => {
    const cmd = program.commands.find((x) => x.name() === c)!;
    return { title: `${c} --root missing`, argv: [c, ...argsBefore(cmd), '--root', 'no-such-root'], mentions: ['--root'] };
  }),
  // Commander's own refusal with a suggestion ("Did you mean …?") is one line too.
  { title: 'run --report-dri (a misspelt option)', argv: ['run', '--report-dri', 'x'], mentions: ['--report-dri'] },
];

/** The tree every case runs in (its cwd and --root default): a valid manifest, a page, a folder and an old report. */
function makeTemplate(dir: string): void {
  const w = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  };
  w('samples.yaml', [
    'components: components', 'secrets: secrets.json', 'samples:',
    '  - { id: go/http, language: go, variant: http, dir: samples/go/http, toolchains: [go], run: go run ., source: main.go }', '',
  ].join('\n'));
  w('components/store.yaml', 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: localsecretstore\nspec:\n  type: secretstores.local.file\n  version: v1\n');
  w('secrets.json', '{"secret": "value"}\n');
  w('samples/go/http/main.go', 'package main\n');
  w('expected/go-http.txt', 'Fetched Secret: map[secret:value]\n');
  w('page.md', '# A page\n\nSome text.\n');
  w('sub/keep.txt', 'a folder, not a file\n');
  w('artifacts/report.json', '{"old": true}\n');
}

interface Outcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
  changed: string[];
}

/** Longer than any check takes even on a loaded machine; a case still running then is a hang. */
const HANG_MS = 30_000;

let base: string;
const outcomes = new Map<Case, Outcome>();

function runCase(c: Case, i: number): Promise<Outcome> {
  const dir = path.join(base, `case-${i}`);
  cpSync(path.join(base, 'template'), dir, { recursive: true });
  const before = snapshotTree(dir);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(PARITY_|CI$|FORCE_COLOR$)/.test(k)) env[k] = v;
  // No Go and an empty cache: a value slipping through reaches provisioning and fails at once.
  env.PATH = '/usr/bin:/bin';
  env.PARITY_CACHE_DIR = path.join(base, 'cache');
  const started = Date.now();
  const child = spawn(process.execPath, [PARITY_BIN, ...c.argv], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (s: string) => { stdout += s; });
  child.stderr.setEncoding('utf8').on('data', (s: string) => { stderr += s; });
  const timer = setTimeout(() => { try { process.kill(-child.pid!, 'SIGKILL'); } catch { /* gone */ } }, HANG_MS);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const after = snapshotTree(dir);
      const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]).sort();
      resolve({ code, signal, stdout, stderr, ms: Date.now() - started, changed });
    });
  });
}

beforeAll(async () => {
  base = mkdtempSync(path.join(os.tmpdir(), 'parity-args-'));
  makeTemplate(path.join(base, 'template'));
  // Each case pays the CLI's start-up (~1 s of CPU); a few at a time keeps 2 cores busy without thrashing.
  const limit = pLimit(Math.max(2, Math.min(4, os.availableParallelism())));
  await Promise.all(CASES.map((c, i) => limit(async () => { outcomes.set(c, await runCase(c, i)); })));
}, 10 * 60_000);

afterAll(() => {
  if (base) rmSync(base, { recursive: true, force: true });
});

describe('the CLI definition', () => {
  it('classifies every option and argument (annotate() it, or give it a placeholder named in BY_PLACEHOLDER)', () => {
    expect(SLOTS.filter((s) => !s.spec).map((s) => s.title)).toEqual([]);
  });

  it('has bad-value cases for every option and argument of every command', () => {
    const covered = new Set(CASES.map((c) => c.slot));
    expect(SLOTS.filter((s) => !covered.has(s) && !(s.spec?.kind === 'flag' && !('long' in s.target && s.target.long))).map((s) => s.title)).toEqual([]);
    for (const name of COMMANDS) expect(CASES.some((c) => c.argv[0] === name), name).toBe(true);
  });
});

describe.each(CASES.map((c) => [c.title, c] as const))('parity %s', (_title, c) => {
  it('exits 2 at once with one line naming it, no stack, nothing changed', () => {
    const o = outcomes.get(c)!;
    const shown = `argv ${JSON.stringify(c.argv)}: exit ${o.code ?? o.signal} after ${o.ms} ms\n--- stderr\n${o.stderr}--- stdout\n${o.stdout}`;
    expect(o.signal, `a hang (killed after ${HANG_MS} ms): ${shown}`).toBeNull();
    expect(o.code, shown).toBe(2);
    const lines = o.stderr.split('\n').filter((l) => l.trim() !== '');
    expect(lines, shown).toHaveLength(1);
    expect(lines[0], shown).toMatch(/^parity: /);
    expect(lines[0], shown).not.toMatch(/unexpected error/);
    expect(c.mentions.some((m) => lines[0]!.includes(m)), `names one of ${JSON.stringify(c.mentions)}: ${shown}`).toBe(true);
    expect(o.stdout, shown).toBe('');
    expect(o.changed, `changed on disk: ${shown}`).toEqual([]);
  });
});
