// How the command line's values are classified (annotation, commander's own knowledge, the
// placeholder naming rule) and checked; the crash line and the one-line error rule.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Argument, Command, Option } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { annotate, ArgumentError, count, EXISTING_DIR, placeholderOf, specOf, urlProblem, validateArguments, valueProblem, wordsOrPath, WRITTEN_DIR } from '../../../harness/cli/arg-spec.ts';
import { crashLine, crashLogText, firstLine, reportCrash } from '../../../harness/cli/crash-log.ts';
import { DAPR_PAIRS } from '../../../harness/cli/domain-specs.ts';
import { oneLineError } from '../../../harness/cli/one-line.ts';

describe('specOf', () => {
  it('takes an annotation over the naming rule', () => {
    const o = annotate(new Option('--out <dir>'), WRITTEN_DIR);
    expect(specOf(o)).toBe(WRITTEN_DIR);
    expect(specOf(new Option('--out <dir>'))).toBe(EXISTING_DIR);
  });

  it('knows flags and choices from commander, the rest by placeholder name, variadic or not', () => {
    expect(specOf(new Option('--json'))).toEqual({ kind: 'flag' });
    expect(specOf(new Option('--lang <l...>').choices(['go']))).toEqual({ kind: 'choice' });
    expect(specOf(new Option('--baseline <file>'))).toEqual({ kind: 'path', path: { type: 'file', access: 'read' } });
    expect(specOf(new Argument('[dir...]'))).toEqual({ kind: 'path', path: { type: 'dir', access: 'read' } });
    expect(specOf(new Option('--dapr-http-port <port>'))).toEqual({ kind: 'int', min: 1, max: 65535 });
    expect(placeholderOf(new Option('-x, --xs <dir...>'))).toBe('dir');
  });

  it('leaves an unknown placeholder unclassified', () => {
    expect(specOf(new Option('--dapr-from <source>'))).toBeUndefined();
    expect(specOf(new Option('--n <n>'))).toBeUndefined();
  });
});

describe('valueProblem', () => {
  it('checks whole numbers against their range, strictly', () => {
    expect(valueProblem('--retries', '0', count(0))).toBeUndefined();
    expect(valueProblem('--concurrency', '0', count(1))).toBe('--concurrency takes a whole number of at least 1, not 0');
    for (const v of ['abc', '1.5', '-1', '1e3', ' 2', '0x10', '9'.repeat(30)]) expect(valueProblem('--n', v, count(0)), v).toMatch(/^--n takes a whole number/);
    expect(valueProblem('--port', '65536', count(1, 65535))).toBe('--port takes a whole number from 1 to 65535, not 65536');
  });

  it('checks versions and text, and applies the text rules to every kind, even unclassified', () => {
    expect(valueProblem('--dapr-cli', 'v1.16.5', { kind: 'version' })).toBeUndefined();
    expect(valueProblem('--dapr-cli', '1.17.0-rc.1', { kind: 'version' })).toBeUndefined();
    expect(valueProblem('--dapr-cli', 'latest', { kind: 'version' })).toBe('--dapr-cli takes a version like 1.16.5, not latest');
    expect(valueProblem('--x', '', undefined)).toBe('--x "": is empty');
    expect(valueProblem('run [filters...]', 'go\n', { kind: 'filter' })).toBe('run [filters...] "go\\n": holds a control character (a newline?)');
    expect(valueProblem('--fail-on', 'soon', { kind: 'text', check: (v) => (v === 'soon' ? 'is not a level' : undefined) })).toBe('--fail-on soon: is not a level');
  });
});

describe('reusable value kinds', () => {
  it('wordsOrPath: a word, or prefix + a path checked as a path', () => {
    const spec = wordsOrPath(['auto', 'build'], 'dir:', { type: 'dir', access: 'read' });
    expect(valueProblem('--dapr-from', 'auto', spec)).toBeUndefined();
    expect(valueProblem('--dapr-from', 'dir:.', spec)).toBeUndefined();
    expect(valueProblem('--dapr-from', 'nope', spec)).toBe('--dapr-from nope: is not one of auto, build, dir:PATH');
    expect(valueProblem('--dapr-from', 'dir:', spec)).toBe('--dapr-from dir:: is empty');
    expect(valueProblem('--dapr-from', 'dir:/dev/null', spec)).toBe('--dapr-from dir:/dev/null: is a device, not a folder');
    expect(valueProblem('--dapr-from', 'dir:no-such-folder-here', spec)).toBe('--dapr-from dir:no-such-folder-here: does not exist');
  });

  it('a domain parser\'s own one-line refusal is the whole message (--dapr pairs)', () => {
    expect(valueProblem('--dapr', '1.16.5@1.18.2,1.16.5@1.17.x', DAPR_PAIRS)).toBeUndefined();
    expect(valueProblem('--dapr', '1.18.2,1.18.2', DAPR_PAIRS)).toBe('--dapr lists "1.18.2" twice');
    expect(valueProblem('--dapr', '', DAPR_PAIRS)).toBe('--dapr "": is empty');
  });

  it('urlProblem: an absolute http, https or file URL (templates with {braces} allowed)', () => {
    expect(urlProblem('https://example.com/{repo}/releases/v{version}')).toBeUndefined();
    expect(urlProblem('file:///srv/mirror')).toBeUndefined();
    expect(urlProblem('example.com/x')).toBe('is not a URL');
    expect(urlProblem('ftp://example.com/x')).toBe('is a ftp: URL, not http, https or file');
    expect(specOf(new Option('--dapr-release-url <url>'))).toMatchObject({ kind: 'text' });
  });
});

describe('validateArguments', () => {
  const program = () => {
    const p = new Command('p').exitOverride().option('--root <dir>', '', '.');
    p.hook('preAction', (_p, action) => validateArguments(action));
    p.command('go').addArgument(annotate(new Argument('[n]'), count(2))).addOption(new Option('--token <t>').env('P_TOKEN')).action(() => {});
    return p;
  };

  it('checks global options, the acting command\'s options and its arguments before the action', async () => {
    await expect(program().parseAsync(['go', '--root', 'no-such-folder-here'], { from: 'user' })).rejects.toThrow(new ArgumentError('--root no-such-folder-here: does not exist'));
    await expect(program().parseAsync(['go', '1'], { from: 'user' })).rejects.toThrow('go [n] takes a whole number of at least 2, not 1');
    await expect(program().parseAsync(['go', '3'], { from: 'user' })).resolves.toBeDefined();
  });

  it('names the environment variable a bad value came from', async () => {
    process.env.P_TOKEN = '';
    try {
      await expect(program().parseAsync(['go'], { from: 'user' })).rejects.toThrow('P_TOKEN (--token) "": is empty');
    } finally {
      delete process.env.P_TOKEN;
    }
  });
});

describe('oneLineError', () => {
  it('joins commander\'s suggestion onto its line and speaks as parity', () => {
    expect(oneLineError("error: unknown option '--report-dri'\n(Did you mean --report-dir?)\n")).toBe("parity: unknown option '--report-dri' (Did you mean --report-dir?)\n");
    expect(oneLineError('parity: a.yaml: bad\n  at line 2\n')).toBe('parity: a.yaml: bad at line 2\n');
  });
});

describe('crash log', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-crash-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the console to one line and the stack in the file', () => {
    const err = new TypeError('x is undefined\nmore detail');
    const line = reportCrash(err, ['run', 'go'], dir, new Date('2026-01-02T03:04:05.678Z'));
    const file = path.join(dir, `parity-crash-2026-01-02T03-04-05-678Z-${process.pid}.log`);
    expect(line).toBe(`parity: unexpected error (a bug; please report it with ${file}, which holds the full stack): TypeError: x is undefined`);
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('argv: ["run","go"]');
    expect(text).toContain(err.stack!);
  });

  it('still gives one line when the log cannot be written', () => {
    expect(reportCrash(new Error('boom'), [], path.join(dir, 'no', 'such'))).toMatch(/^parity: unexpected error \(a bug; please report it; its stack could not be written to .*: ENOENT\): boom$/);
  });

  it('pure parts', () => {
    expect(firstLine(new Error('\n\nfirst\nsecond'))).toBe('first');
    expect(firstLine('plain')).toBe('plain');
    expect(crashLine(new Error('a'), '/t/f.log')).not.toContain('\n');
    expect(crashLogText(new Error('e', { cause: new Error('root cause') }), [], new Date(0))).toContain('caused by: Error: root cause');
  });
});
