// The pure pieces the checks are built from: excerpt matching, output comparison, dapr run
// parsing, app command comparison, data diffs, shell splitting, the exec plan and formatting.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareRunCommand } from '../../harness/docs/checks/commands.ts';
import { excerptLines, findExcerptMismatch, isElision, isFileNameComment } from '../../harness/docs/checks/excerpt.ts';
import { compareOutput, stripAppPrefix, outputLines } from '../../harness/docs/checks/output.ts';
import { diffValues, formatPath, parseWithPositions } from '../../harness/docs/data-diff.ts';
import { planExec } from '../../harness/docs/exec-plan.ts';
import { missingGoldenLines } from '../../harness/docs/exec.ts';
import { tailLines } from '../../harness/text/format.ts';
import { formatFinding, formatJson, formatText, makeReport, summaryLine, type Finding } from '../../harness/docs/findings.ts';
import { parsePage } from '../../harness/docs/parse.ts';
import { decodePage } from '../../harness/docs/read-page.ts';
import { parseDaprRun, shellCommands, splitSegments } from '../../harness/docs/shell.ts';
import { loadWorkspace } from '../../harness/docs/workspace.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';

describe('excerpts', () => {
  const source = 'import x\n\nSTORE = "s"\nKEY = "k"\n\ndef main():\n    v = get(STORE,   KEY)\n    print(v)\n';
  it('drops blank lines, elision markers and a leading file-name comment', () => {
    expect(excerptLines('# app.py\nSTORE = "s"\n\n# ...\n  print(v)').map((l) => l.text)).toEqual(['STORE = "s"', 'print(v)']);
    expect(isElision('// …')).toBe(true);
    expect(isElision('/* ... */')).toBe(true);
    expect(isElision('# more code')).toBe(false);
    expect(isFileNameComment('// OrderProcessor.java')).toBe(true);
    expect(isFileNameComment('// read the secret')).toBe(false);
  });
  it('matches lines in order, ignoring indentation and runs of spaces', () => {
    expect(findExcerptMismatch('STORE = "s"\n        v = get(STORE, KEY)\nprint(v)', source)).toBeUndefined();
  });
  it('reports the first line that is missing, and lines out of order', () => {
    expect(findExcerptMismatch('STORE = "s"\nKEY = "other"', source)).toMatchObject({ line: { index: 1, text: 'KEY = "other"' }, after: 3 });
    expect(findExcerptMismatch('KEY = "k"\nSTORE = "s"', source)).toMatchObject({ line: { text: 'STORE = "s"' }, after: 4, earlierAt: 3 });
  });
});

describe('compareOutput', () => {
  const golden = 'Fetched Secret: x\n';
  it('matches after normalization (ANSI, CRLF, trailing blanks, blank edges)', () => {
    expect(compareOutput('\n\u001b[32mFetched Secret: x\u001b[0m   \r\n\n', golden)).toEqual({ kind: 'match' });
  });
  it('calls a prefix-only difference a prefix drift, in either direction', () => {
    expect(compareOutput('== APP == Fetched Secret: x', golden)).toEqual({ kind: 'prefix', pageHasPrefix: true, index: 0 });
    expect(compareOutput('Fetched Secret: x', '== APP == Fetched Secret: x\n')).toEqual({ kind: 'prefix', pageHasPrefix: false, index: 0 });
  });
  it('tells content drifts apart', () => {
    expect(compareOutput('== APP == INFO:root:Fetched Secret: x', golden)).toMatchObject({ kind: 'content', pageHasPrefix: true });
    expect(compareOutput('Fetched Secret:  x', golden)).toMatchObject({ kind: 'content', why: expect.stringContaining('spacing only') });
    expect(compareOutput('Fetched Secret: {"a":1}', golden, [{ id: 'javascript/sdk', golden: 'Fetched Secret: {"a":1}\n' }])).toMatchObject({ why: expect.stringContaining('javascript/sdk') });
    expect(compareOutput('', golden)).toMatchObject({ kind: 'content', why: expect.stringContaining('leaves out') });
  });
  it('strips the multi-app prefix too', () => {
    expect(stripAppPrefix(outputLines('== APP - order-processor == hi')).lines[0]!.text).toBe('hi');
  });
});

describe('dapr run and shell commands', () => {
  it('parses flags, short flags, = values and the app command', () => {
    const r = parseDaprRun(['dapr', 'run', '-a', 'app', '--components-path=./c', '-d', 'x', '--enable-api-logging', '--', 'go', 'run', '.']);
    expect(r.flags.map((f) => [f.name, f.written, f.value, f.known])).toEqual([
      ['app-id', '-a', 'app', true], ['components-path', '--components-path', './c', true], ['components-path', '-d', 'x', true], ['enable-api-logging', '--enable-api-logging', undefined, true],
    ]);
    expect(r.appArgv).toEqual(['go', 'run', '.']);
    expect(parseDaprRun(['dapr', 'run', '--app-id', 'a', 'python3', 'app.py']).appArgv).toEqual(['python3', 'app.py']);
    expect(parseDaprRun(['dapr', 'run', '--bogus', 'v', '--', 'x']).flags[0]).toMatchObject({ name: 'bogus', value: 'v', known: false });
  });
  it('splits a block into commands: continuations, prompts, comments and && chains', () => {
    const block = parsePage('```bash\n# comment\n$ cd x && npm install\ndapr run \\\n  --app-id a -- "node" index.js\n```\n').blocks[0]!;
    expect(shellCommands(block).map((c) => [c.line, c.text, c.words])).toEqual([
      [3, 'cd x', ['cd', 'x']],
      [3, 'npm install', ['npm', 'install']],
      [4, 'dapr run  --app-id a -- "node" index.js', ['dapr', 'run', '--app-id', 'a', '--', 'node', 'index.js']],
    ]);
    expect(splitSegments(`echo 'a && b'; ls || true`)).toEqual([`echo 'a && b'`, 'ls', 'true']);
  });
  it('compares app commands: errors for what cannot work, warnings for launcher details', () => {
    const exists = () => false;
    expect(compareRunCommand(['python3', 'app.py'], ['python3', 'app.py'], exists)).toBeUndefined();
    expect(compareRunCommand(['python', 'app.py'], ['python3', 'app.py'], exists)).toMatchObject({ id: 'run-command-detail', severity: 'warning' });
    expect(compareRunCommand(['dotnet', 'run'], ['dotnet', 'run', '--no-build'], exists)).toMatchObject({ severity: 'warning' });
    expect(compareRunCommand(['go', 'run'], ['go', 'run', '.'], exists)).toMatchObject({ id: 'run-command-mismatch', severity: 'error' });
    expect(compareRunCommand(['java', '-jar', 'a.jar'], ['java', '-jar', 'b.jar'], exists)!.message).toContain('`a.jar` does not exist');
    expect(compareRunCommand([], ['npm', 'start'], exists)).toMatchObject({ severity: 'error' });
  });
});

describe('data diffs', () => {
  it('ignores key order and names the path of each difference', () => {
    expect(diffValues({ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 })).toEqual([]);
    const d = diffValues({ spec: { metadata: [{ value: 'x' }] }, extra: 1 }, { spec: { metadata: [{ value: 'y' }, { value: 'z' }] } });
    expect(d.map((x) => [formatPath(x.path), x.kind])).toEqual([['spec.metadata[0].value', 'changed'], ['spec.metadata[1]', 'missing'], ['extra', 'extra']]);
  });
  it('finds the line of a path in the block', () => {
    const [doc] = parseWithPositions('a: 1\nspec:\n  metadata:\n  - name: n\n    value: v\n');
    expect(doc!.lineOf(['spec', 'metadata', 0, 'value'])).toBe(4);
    expect(doc!.lineOf(['spec', 'missing'])).toBe(2);
  });
});

describe('exec plan and helpers', () => {
  const fixtures = path.resolve(import.meta.dirname, '../fixtures/docs');
  const ws = loadWorkspace(loadManifest(path.join(fixtures, 'tree')));
  it('runs install commands then dapr run per tab, leaving out cd, git clone and other dapr commands', () => {
    const page = parsePage(readFileSync(path.join(fixtures, 'clean.md'), 'utf8'));
    const plans = planExec(page, ws);
    expect(plans.map((p) => [p.sample.spec.id, p.steps.map((s) => (s.kind === 'install' ? s.command : `${s.kind} ${s.appId} ${s.appCommand} [${s.replaced.join(' ')}]`))])).toEqual([
      ['python/sdk', ['pip3 install -r requirements.txt', 'dapr-run order-processor python3 app.py []']],
      ['javascript/sdk', ['npm install', 'dapr-run order-processor npm start []']],
      ['go/sdk', ['dapr-run order-processor go run . []']],
    ]);
    expect(planExec(page, ws, ['go']).map((p) => p.language)).toEqual(['go']);
    const other = parsePage('{{< tabs "Go" >}}\n{{% codetab %}}\n```bash\ngit clone x\ndapr init\ndapr run --app-id a -d ../c -H 3500 -- go run .\n```\n{{% /codetab %}}\n{{< /tabs >}}\n');
    expect(planExec(other, ws)[0]!.steps).toEqual([{ kind: 'dapr-run', line: 6, written: 'dapr run --app-id a -d ../c -H 3500 -- go run .', appId: 'a', appCommand: 'go run .', replaced: ['-d', '-H'] }]);
  });
  it('checks golden lines in order and keeps output tails short', () => {
    expect(missingGoldenLines('a\nb\nc', 'a\nc\n')).toEqual([]);
    expect(missingGoldenLines('c\na', 'a\nc\n')).toEqual(['c']);
    expect(tailLines('1\n2\n\n3\n4\n5\n6\n7\n', 3)).toBe('5\n6\n7');
  });
});

describe('findings output', () => {
  const f: Finding[] = [
    { id: 'deprecated-flag', severity: 'warning', language: 'go', line: 9, message: 'm2', fix: 'f2' },
    { id: 'excerpt-mismatch', severity: 'error', language: 'python', line: 12, message: 'm1\nmore', fix: 'f1' },
    { id: 'no-front-matter', severity: 'warning', language: null, line: 1, message: 'm0', fix: 'f0' },
  ];
  it('groups text by page then language, one line per finding, then the summary', () => {
    expect(formatText(makeReport('p.md', f, ['python', 'go']))).toBe([
      'page',
      '  warning  L1  no-front-matter  m0 — fix: f0',
      'python',
      '  error  L12  excerpt-mismatch  m1 ⏎ more — fix: f1',
      'go',
      '  warning  L9  deprecated-flag  m2 — fix: f2',
      '1 error, 2 warnings',
      '',
    ].join('\n'));
    expect(formatFinding(f[0]!)).toBe('  warning  L9  deprecated-flag  m2 — fix: f2');
    expect(summaryLine({ errors: 0, warnings: 0, info: 2 })).toBe('0 errors, 0 warnings, 2 info');
  });
  it('prints JSON as { page, findings, summary }', () => {
    const j = JSON.parse(formatJson(makeReport('p.md', f))) as Record<string, unknown>;
    expect(Object.keys(j)).toEqual(['page', 'findings', 'summary']);
    expect(j.summary).toEqual({ errors: 1, warnings: 2, info: 0 });
  });
});

describe('decodePage', () => {
  it('refuses NUL bytes, bad UTF-8 and empty text', () => {
    expect(decodePage(Buffer.from('a\0b'))).toMatchObject({ ok: false, reason: expect.stringContaining('binary') });
    expect(decodePage(Buffer.from([0xff, 0xfe, 0x41]))).toMatchObject({ ok: false, reason: 'is not UTF-8 text' });
    expect(decodePage(Buffer.from(' \n\n'))).toMatchObject({ ok: false, reason: 'is empty' });
    expect(decodePage(Buffer.from('\uFEFF# hi'))).toEqual({ ok: true, text: '# hi' });
  });
});
