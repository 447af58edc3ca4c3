// Property-based tests of the parsers that read untrusted text: what a sample prints (split,
// normalize, parse-secret), a docs page (parse, shortcodes, shell, the checks) and samples.yaml.
// Each is fed arbitrary and adversarial strings (NUL, lone surrogates, U+2028, ANSI escapes,
// unclosed shortcodes and fences, deep nesting, huge lines) and must not throw; where a property
// of the output holds for every input, it is stated. "No hang" is a fast-check time budget that
// fails the property when the runs do not finish inside it (markInterruptAsFailure), sized at
// many times what the linear code needs, so that only a super-linear blow-up trips it.
import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import stripAnsi from 'strip-ansi';
import { describe, expect } from 'vitest';
import { runChecks } from '../../harness/docs/checks/index.ts';
import { formatFinding } from '../../harness/docs/findings.ts';
import { parsePage, type CodeBlock } from '../../harness/docs/parse.ts';
import { decodePage } from '../../harness/docs/read-page.ts';
import { isDaprRun, parseDaprRun, shellCommands, shellWords, splitSegments } from '../../harness/docs/shell.ts';
import { tokenizeShortcodes } from '../../harness/docs/shortcodes.ts';
import { labelToLanguage } from '../../harness/docs/languages.ts';
import { loadWorkspace } from '../../harness/docs/workspace.ts';
import { applyRedactions, normalizeLines, normalizeText } from '../../harness/output/normalize.ts';
import { VOLATILE_REDACTIONS } from '../../harness/output/redactions.ts';
import { splitDaprOutput, toLines, type OutputShape } from '../../harness/output/split.ts';
import { parseSecretOutput } from '../../harness/parity/parse-secret.ts';
import { loadManifest, ManifestError, parseManifest } from '../../harness/samples/manifest.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/docs');
const ws = loadWorkspace(loadManifest(path.join(FIXTURES, 'tree')));

/** Characters that have broken text handling somewhere: NUL, lone surrogates, line separators, escapes. */
const NASTY = ['\0', '\ud800', '\udfff', '\u2028', '\u2029', '\r', '\n', '\r\n', '\t', ' ', '\u00a0', '\ufeff', '\u001b', '\u001b[31m', '\u001b[0m', '\u009b', '\\', '"', "'", '`'];
/** Tokens the parsers give meaning to. */
const TOKENS = [
  '== APP == ', '== APP - order-processor == ', '== APP - ', ' == ', 'ℹ️  ', '✅  ', 'time="2024-01-01T00:00:00Z" level=info msg=', 'INFO[0000] ', '{"level":"info","msg":"m","scope":"s"}',
  'Fetched Secret: ', '{', '}', '[', ']', ': ', ', ', '=', "{'secret': 'v'}", '[secret, v]', '{secret=v}',
  '{{<', '{{%', '>}}', '%}}', '{{< tabs "Python" "Go" >}}', '{{< /tabs >}}', '{{% codetab %}}', '{{% /codetab %}}', '{{</* x */>}}',
  '```', '```bash\n', '~~~', '---\n', '# ', '> ', '- ', '| a | b |\n|---|---|\n', '<div>', '[l](python/sdk)', '`DAPR_X_Y`',
  'dapr run ', '--app-id ', '--resources-path ', ' -- ', '&&', '||', ';', ' \\\n', '$ ',
  '2024-01-02T03:04:05.678Z', 'localhost:3500', 'pid 4242', '12ms', 'port 50001', '&a ', '*a', '<<: ',
];

const nastyText = (maxLength = 40) => fc.array(fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
  { weight: 2, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 3, arbitrary: fc.constantFrom(...TOKENS) },
), { maxLength }).map((parts) => parts.join(''));

const SHAPES: (OutputShape | undefined)[] = [undefined, 'prefixed', 'unprefixed', 'multi-app'];

/** One token (or a few characters) repeated tens of thousands of times: huge lines, deep nesting. */
const huge = (tokens: string[], min: number, max: number, heads: string[] = ['']) =>
  fc.tuple(fc.constantFrom(...heads), fc.constantFrom(...tokens), fc.integer({ min, max }), nastyText(5))
    .map(([head, t, n, tail]) => head + t.repeat(Math.ceil(n / t.length)) + tail);

/** Single characters that break text handling, mixed into otherwise arbitrary strings. */
const nastyChar = fc.oneof(fc.constantFrom('\0', '\ud800', '\udfff', '\u2028', '\u2029', '\t', ' ', '\u00a0', '\ufeff', '\\', '"', "'"), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
const nastyString = (maxLength: number) => fc.string({ unit: nastyChar, maxLength });

/**
 * Runs per property. The mutation run (vitest.mutation.config.ts) caps them: these tests cover
 * nearly every mutant, and hundreds of runs per mutant would cost minutes each while the example
 * tests do the pinning; a handful of runs still catches a mutant that throws or hangs.
 */
const RUNS_CAP = Number(process.env.PARITY_PROPERTY_RUNS) || Infinity;
const runs = (n: number) => Math.min(n, RUNS_CAP);

/** A budget for a property over hostile sizes: exceeding it fails the property. */
const budget = (numRuns: number, ms: number) => ({ numRuns: runs(numRuns), interruptAfterTimeLimit: ms, markInterruptAsFailure: true });

const oneLine = (s: string) => !/[\n\r\u2028\u2029]/.test(s);

describe('split: what dapr run printed', () => {
  test.prop([nastyText(60), fc.constantFrom(...SHAPES)], { numRuns: runs(300) })('puts every line in exactly one bucket', (text, shape) => {
    const out = splitDaprOutput(text, shape);
    const lines = toLines(text);
    expect(out.app.length + out.cli.length + out.daprd.length + out.other.length).toBe(lines.length);
    expect(Object.values(out.appById).flat().length).toBe(out.app.length);
    if (out.shape === 'unprefixed') expect([...out.app, ...out.cli, ...out.daprd].sort()).toEqual([...lines].sort());
  });

  // biome-ignore lint/suspicious/noControlCharactersInRegex: app lines are lines with no ESC/CSI or line break
  const appLine = nastyString(30).filter((s) => !/[\n\r\u001b\u009b]/.test(s));

  test.prop([fc.array(appLine, { minLength: 1, maxLength: 8 })], { numRuns: runs(200) })('gives back every app line of a prefixed run', (lines) => {
    const out = splitDaprOutput(`${lines.map((l) => (l ? `== APP == ${l}` : '== APP ==')).join('\n')}\n`);
    expect(out.app).toEqual(lines.map((l) => stripAnsi(l)));
  });

  test.prop([fc.array(fc.tuple(fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,10}$/), appLine), { minLength: 1, maxLength: 8 })], { numRuns: runs(200) })('gives back every app line of a multi-app run under its app id', (pairs) => {
    const out = splitDaprOutput(pairs.map(([id, l]) => `== APP - ${id} == ${l}`).join('\n'));
    for (const [id, l] of pairs) expect(out.appById[id]).toContain(stripAnsi(l));
  });

  test.prop([huge([' ==', '\u2028', '{"a":', 'a', ' ', '\u001b['], 50_000, 200_000, ['', '== APP - x', '== APP ==']), fc.constantFrom(...SHAPES)], budget(20, 20_000))('stays linear on huge lines', (text, shape) => {
    splitDaprOutput(`${text}\u2028`, shape);
  });
});

describe('normalize: output before it is compared', () => {
  const lines = fc.array(nastyText(12), { maxLength: 8 });

  test.prop([lines], { numRuns: runs(300) })('is idempotent', (ls) => {
    const once = normalizeLines(ls, VOLATILE_REDACTIONS);
    expect(normalizeText(once, VOLATILE_REDACTIONS)).toBe(once);
  });

  test.prop([lines], { numRuns: runs(300) })('leaves no CR, trailing blank, or leading or trailing blank line', (ls) => {
    const out = normalizeLines(ls, VOLATILE_REDACTIONS);
    if (out === '') return;
    expect(out.endsWith('\n')).toBe(true);
    const body = out.slice(0, -1).split('\n');
    expect(body[0]).not.toBe('');
    expect(body[body.length - 1]).not.toBe('');
    for (const l of body) {
      expect(l).not.toContain('\r');
      expect(l).toBe(l.trimEnd());
    }
  });

  test.prop([nastyString(60).map((s) => s.replace(/[0-9]/g, ''))], { numRuns: runs(300) })('never changes a line without a volatile value (no digit)', (line) => {
    expect(applyRedactions(line, VOLATILE_REDACTIONS)).toBe(line);
  });

  test.prop([fc.date({ min: new Date('1971-01-01'), max: new Date('9999-01-01'), noInvalidDate: true }), fc.integer({ min: 10, max: 65535 }), fc.integer({ min: 1, max: 4_000_000 })], { numRuns: runs(200) })('redacts timestamps, ports and pids wherever they fall', (d, port, pid) => {
    expect(applyRedactions(`at ${d.toISOString()} on localhost:${port} (pid ${pid})`, VOLATILE_REDACTIONS)).toBe('at [TIMESTAMP] on localhost:[PORT] (pid [PID])');
  });

  test.prop([huge([' ', '\t', 'a ', '1', 'pid ', '2024-01-01 ', 'localhost:', '\u001b[', '\r'], 20_000, 100_000)], budget(20, 20_000))('stays linear on huge lines', (text) => {
    normalizeText(`${text}x`, VOLATILE_REDACTIONS);
  });
});

describe('parse-secret: the secret map a sample printed', () => {
  test.prop([nastyText(40), fc.string({ maxLength: 10 })], { numRuns: runs(300) })('never throws, and an error is one line', (text, key) => {
    const r = parseSecretOutput(text, key);
    if (!r.ok) expect(oneLine(r.error.replace(/"[\s\S]*"$/, ''))).toBe(true);
  });

  const secretMap = fc.dictionary(nastyString(12), nastyString(20), { maxKeys: 4, noNullPrototype: true });

  test.prop([secretMap, fc.string({ maxLength: 10 }).filter((s) => !s.includes('Fetched Secret:') && !s.includes('\n'))], { numRuns: runs(300) })('reads back JSON.stringify of any {key: string} map', (map, before) => {
    const r = parseSecretOutput(`${before}Fetched Secret: ${JSON.stringify(map)}\n`, 'secret');
    expect(r).toEqual({ ok: true, format: 'json', map });
  });

  // Python's repr of a str, for printable ASCII: ' unless the text holds ' and no ".
  const repr = (s: string) => {
    const q = s.includes("'") && !s.includes('"') ? '"' : "'";
    return q + s.replace(/\\/g, '\\\\').replace(new RegExp(q, 'g'), `\\${q}`) + q;
  };
  const printable = fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 15 });

  test.prop([fc.dictionary(printable, printable, { minKeys: 1, maxKeys: 4, noNullPrototype: true })], { numRuns: runs(300) })('reads back a Python dict repr', (map) => {
    const body = `{${Object.entries(map).map(([k, v]) => `${repr(k)}: ${repr(v)}`).join(', ')}}`;
    const r = parseSecretOutput(`== APP == Fetched Secret: ${body}`, 'secret');
    expect(r.ok && r.map).toEqual(map);
  });

  test.prop([huge(['Fetched Secret:', 'Fetched Secret:r', "{'a': 'b', ", '[a, b], ', '{a=b, ', ' '], 100_000, 400_000)], budget(20, 20_000))('stays linear on huge lines', (text) => {
    parseSecretOutput(`Fetched Secret: ${text}\u2028`, 'secret');
  });
});

describe('docs: a Hugo page', () => {
  const block = (value: string): CodeBlock => ({ lang: 'bash', meta: '', value, line: 1, valueLine: 2, offset: 0, heading: undefined, lead: '', tab: undefined });

  test.prop([nastyText(60)], { numRuns: runs(300) })('tokenizes shortcodes without throwing, each token where it was written', (text) => {
    const { tokens, errors } = tokenizeShortcodes(text);
    let last = -1;
    for (const t of tokens) {
      expect(t.offset).toBeGreaterThan(last);
      expect(text.slice(t.offset, t.end)).toBe(t.raw);
      expect(t.raw.startsWith('{{')).toBe(true);
      last = t.offset;
    }
    for (const e of errors) expect(text.startsWith('{{', e.offset)).toBe(true);
  });

  test.prop([nastyText(80)], { numRuns: runs(200) })('parses and checks any page without throwing; every finding is on a page line', (text) => {
    const page = parsePage(text);
    for (const f of runChecks(page, ws)) {
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(text.split(/\r\n|\r|\n/).length); // remark ends a line at a lone CR too
      expect(oneLine(formatFinding(f))).toBe(true);
    }
  });

  test.prop([nastyText(40)], { numRuns: runs(300) })('reads shell blocks without throwing', (text) => {
    for (const cmd of shellCommands(block(text))) if (isDaprRun(cmd.words)) parseDaprRun(cmd.words);
    shellWords(text);
  });

  const plainSegment = fc.stringMatching(/^[a-z0-9 ./=-]{1,12}$/).filter((s) => s.trim() !== '');
  test.prop([fc.array(plainSegment, { minLength: 1, maxLength: 5 }), fc.constantFrom(' && ', ' || ', '; ')], { numRuns: runs(200) })('splits a line at every top-level && || ;', (segments, op) => {
    expect(splitSegments(segments.join(op))).toEqual(segments.map((s) => s.trim()));
  });

  test.prop([fc.constantFrom('Python', 'JavaScript', '.NET', 'Java', 'Go'), fc.string({ unit: 'binary', maxLength: 20 }).filter((s) => !/[()\n\r\u2028\u2029]/.test(s))], { numRuns: runs(200) })('maps a label to its language whatever the brackets after it say', (label, note) => {
    expect(labelToLanguage(`${label} (${note})`)).toBe(labelToLanguage(label));
  });

  test.prop([fc.uint8Array({ maxLength: 64 })], { numRuns: runs(200) })('decodes any bytes to a page or one reason', (bytes) => {
    const r = decodePage(bytes);
    if (!r.ok) expect(oneLine(r.reason)).toBe(true);
  });

  // Deep list and emphasis nesting are left out: remark itself is quadratic or worse on them, and
  // slow on thousands of blocks (see docs/faults.md); sizes are kept to what remark parses in
  // well under a second, so the budget measures the harness's own code.
  const pageBombs = [
    '{{<', '{{< x %}}', '`a` ', '{{< tabs "Python" >}}\n\n', '{{< /tabs >}}\n\n', 'para\n\n```text\nx\n```\n\n',
    '{{% codetab %}}\n\n```bash\ndapr run -- x\n```\n\n{{% /codetab %}}\n\n', 'x \\\n', '```bash\n', '(', 'a',
  ];
  test.prop([huge(pageBombs, 2_000, 20_000)], budget(10, 40_000))('stays fast on huge and repetitive pages', (text) => {
    const page = parsePage(`{{< tabs "Python" >}}\n\n{{% codetab %}}\n\n${text}`);
    runChecks(page, ws);
    labelToLanguage(text);
    tokenizeShortcodes(text);
  });

  test.prop([fc.constantFrom('> ', '['), fc.integer({ min: 2_000, max: 6_000 })], budget(6, 30_000))('does not overflow the stack on deep nesting', (t, n) => {
    runChecks(parsePage(`${t.repeat(n)}x`), ws);
  });
});

describe('manifest: samples.yaml', () => {
  const FILE = path.join(FIXTURES, 'tree', 'samples.yaml');
  const where = path.relative(process.cwd(), FILE);
  const expectOneLineError = (text: string) => {
    try {
      parseManifest(text, FILE);
    } catch (err) {
      expect(err).toBeInstanceOf(ManifestError);
      const message = (err as Error).message;
      expect(message.startsWith(where)).toBe(true);
      expect(oneLine(message)).toBe(true);
      return message;
    }
    return undefined;
  };

  const yamlish = fc.array(fc.oneof(
    fc.constantFrom(...NASTY, ...TOKENS, 'components: c\n', 'secrets: s\n', 'samples:\n', '  - ', 'id: ', 'language: ', 'python', 'go/sdk', '\n    ', '!!binary ', '!tag ', '? ', '|\n', '>-\n', '%YAML 1.2\n'),
    fc.string({ unit: 'binary', maxLength: 6 }),
  ), { maxLength: 40 }).map((p) => p.join(''));

  test.prop([yamlish], { numRuns: runs(300) })('any text gives a manifest or one line naming the file', (text) => {
    expectOneLineError(text);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('id', 'language', 'dir', 'x\ny')], { numRuns: runs(200) })('quotes a bad value on one line, whatever it holds', (value, field) => {
    const message = expectOneLineError(`components: c\nsecrets: s\nsamples:\n  - ${JSON.stringify(field)}: ${JSON.stringify(value)}\n`);
    expect(message).toBeDefined();
  });

  // A "billion laughs": each level an anchored list of aliases to the level below.
  const laughs = (depth: number, width: number) => {
    const rows = [`  - &l0 [${Array(width).fill('"lol"').join(', ')}]`];
    for (let d = 1; d < depth; d++) rows.push(`  - &l${d} [${Array(width).fill(`*l${d - 1}`).join(', ')}]`);
    return `components: c\nsecrets: s\nsamples:\n${rows.join('\n')}\n`;
  };
  test.prop([fc.integer({ min: 4, max: 30 }), fc.integer({ min: 4, max: 30 })], budget(40, 20_000))('refuses aliases that expand, naming the file and the line', (depth, width) => {
    const message = expectOneLineError(laughs(depth, width));
    expect(message).toMatch(new RegExp(`^${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: YAML aliases expand`));
  });
});
