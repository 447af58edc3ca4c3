import { describe, expect, it } from 'vitest';
import { cleanLine, nonBlankSpan, normalizeLines, normalizeText, physicalLines } from '../../../harness/output/normalize.ts';
import { pathRedactions, VOLATILE_REDACTIONS } from '../../../harness/output/redactions.ts';

describe('normalizeText', () => {
  it('strips ANSI colours, CRLF, lone CR and trailing space', () => {
    expect(normalizeText('\u001b[34mFetched\u001b[0m Secret: x  \r\nnext\rlast\t\n')).toBe('Fetched Secret: x\nnext\nlast\n');
  });

  it('drops leading and trailing blank lines but keeps inner ones', () => {
    expect(normalizeText('\n\n a\n\nb\n\n\n')).toBe(' a\n\nb\n');
  });

  it('adds the final newline a last line lacks, and gives empty output as empty', () => {
    expect(normalizeText('no newline')).toBe('no newline\n');
    expect(normalizeText('\n  \n')).toBe('');
  });

  it('splits lines that carry embedded newlines', () => {
    expect(normalizeLines(['a\r\nb', 'c'])).toBe('a\nb\nc\n');
  });
});

describe('redaction rules', () => {
  const redact = (s: string) => normalizeText(s, VOLATILE_REDACTIONS);

  it.each([
    ['at 2026-11-29T05:11:04.000885851Z done', 'at [TIMESTAMP] done'],
    ['took 1.5s and 250ms', 'took [DURATION] and [DURATION]'],
    ['appPID: 21572', 'appPID: [PID]'],
    ['calling http://localhost:43589/v1.0', 'calling http://localhost:[PORT]/v1.0'],
    ['HTTP Port: 43589. gRPC Port: 38187', 'HTTP Port: [PORT]. gRPC Port: [PORT]'],
    ['Fetched Secret: {"secret":"YourPasskeyHere"}', 'Fetched Secret: {"secret":"YourPasskeyHere"}'],
  ])('%j → %j', (input, want) => expect(redact(input)).toBe(`${want}\n`));

  it('turns machine paths into placeholders, the longest first', () => {
    const rules = pathRedactions({ root: '/work/main', home: '/root', tmp: '/tmp' });
    expect(normalizeText('read /work/main/secrets.json, /root/.cache and /tmp/x', rules)).toBe('read [ROOT]/secrets.json, [HOME]/.cache and [TMP]/x\n');
  });

  it('ignores empty or root-only paths (they would redact every slash)', () => {
    expect(pathRedactions({ a: '', b: '/', c: undefined })).toEqual([]);
  });
});

describe('normalizeLines, edge by edge', () => {
  it.each([
    [[], ''],
    [[''], ''],
    [['', '', ''], ''],
    [['a'], 'a\n'],
    [['', '', 'a', '', '', 'b', '', ''], 'a\n\n\nb\n'],
    [['a  \t'], 'a\n'],
    [['  a'], '  a\n'],
    [['a\r\nb', 'c\rd'], 'a\nb\nc\nd\n'],
    [['a\r\r\nb'], 'a\n\nb\n'],
    [['\u001b[1;31ma\u001b[0m \u001b[0m'], 'a\n'],
    [['a\u00a0'], 'a\n'],
  ])('%j → %j', (lines, want) => expect(normalizeLines(lines)).toBe(want));

  it('redacts after trimming, line by line', () => {
    const rules = [{ name: 'end', pattern: /x$/g, replacement: 'X' }];
    expect(normalizeLines(['ax  ', 'bx'], rules)).toBe('aX\nbX\n');
  });

  it('drops a line that redaction leaves blank only at the ends', () => {
    const rules = [{ name: 'gone', pattern: /^drop$/g, replacement: '' }];
    expect(normalizeLines(['drop', 'a', 'drop', 'b', 'drop'], rules)).toBe('a\n\nb\n');
  });
});

describe('the steps normalizeLines is made of', () => {
  it.each([
    [[], [0, 0]],
    [['', '', ''], [3, 3]],
    [['a'], [0, 1]],
    [['', 'a', '', 'b', ''], [1, 4]],
  ])('nonBlankSpan(%j) → %j', (lines, span) => expect(nonBlankSpan(lines)).toEqual(span));

  it('splits physical lines at CRLF, lone CR and LF, after stripping ANSI', () => {
    expect(physicalLines(['a\r\nb\rc\nd', '\u001b[1me\u001b[0m'])).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('cleans a line: trailing space first, then redactions', () => {
    expect(cleanLine('x  \t', [{ name: 'end', pattern: /x$/g, replacement: 'X' }])).toBe('X');
    expect(cleanLine('  x  ')).toBe('  x');
  });
});


describe('redactions reach a fixed point', () => {
  it('values glued together are all redacted in one normalization (found by the idempotence property)', async () => {
    const { normalizeLines: n, normalizeText: t } = await import('../../../harness/output/normalize.ts');
    const { VOLATILE_REDACTIONS: v } = await import('../../../harness/output/redactions.ts');
    const once = n(['2026-01-01T00:00:00Z2026-01-01T00:00:00Z2026-01-01 00:00:00'], v);
    expect(once).toBe('[TIMESTAMP][TIMESTAMP][TIMESTAMP]\n');
    expect(t(once, v)).toBe(once);
  });
});

describe('what the mutation run showed unpinned', () => {
  it('a stray ESC or CSI that is not part of an escape sequence is dropped', async () => {
    const { normalizeLines: n } = await import('../../../harness/output/normalize.ts');
    expect(n(['a\u001b', 'b\u001b€c', 'd\u001b\u001b[31me'])).toBe('a\nb€c\nde\n');
  });
  it('a path is redacted everywhere on a line, not just the first time', async () => {
    const { pathRedactions } = await import('../../../harness/output/redactions.ts');
    const { applyRedactions } = await import('../../../harness/output/normalize.ts');
    expect(applyRedactions('/w/x/a and /w/x/b', pathRedactions({ root: '/w/x' }))).toBe('[ROOT]/a and [ROOT]/b');
  });
});
