// The exact diff a golden mismatch prints: header, hunk ranges, three lines of context, and the
// final-newline note only when the two sides end differently.
import { describe, expect, it } from 'vitest';
import { compareWithGolden, unifiedDiff } from '../../../harness/golden/compare.ts';

const lines = (n: number, change?: number) => `${Array.from({ length: n }, (_, i) => (i + 1 === change ? 'changed' : `line ${i + 1}`)).join('\n')}\n`;

describe('unifiedDiff', () => {
  it('prints the golden → actual header and one hunk, nothing before it', () => {
    expect(unifiedDiff('a\nb\n', 'a\nc\n', 'expected/go-sdk.txt')).toBe(['--- expected/go-sdk.txt\t', '+++ actual output\t', '@@ -1,2 +1,2 @@', ' a', '-b', '+c'].join('\n'));
  });

  it('keeps three lines of context either side of a change', () => {
    expect(unifiedDiff(lines(11), lines(11, 6), 'g')).toBe(
      ['--- g\t', '+++ actual output\t', '@@ -3,7 +3,7 @@', ' line 3', ' line 4', ' line 5', '-line 6', '+changed', ' line 7', ' line 8', ' line 9'].join('\n'),
    );
  });

  it('keeps content lines made of = or starting with Index:', () => {
    expect(unifiedDiff('===\nIndex: x\n', '===\nIndex: y\n', 'g')).toBe(['--- g\t', '+++ actual output\t', '@@ -1,2 +1,2 @@', ' ===', '-Index: x', '+Index: y'].join('\n'));
  });

  it.each([
    ['a\n', 'a', true],
    ['a', 'a\n', true],
    ['a\n', 'b\n', false],
    ['a', 'b', false],
  ])('%j → %j notes the final newline: %s', (expected, actual, note) => {
    const diff = unifiedDiff(expected, actual, 'g');
    expect(diff.endsWith('\n(the only difference may be the final newline)')).toBe(note);
    expect(diff.includes('final newline')).toBe(note);
  });
});

describe('compareWithGolden', () => {
  it.each([
    ['a\n', 'a\n', { kind: 'match' }],
    ['', '', { kind: 'match' }],
    ['a\n', undefined, { kind: 'missing' }],
    ['', undefined, { kind: 'missing' }],
    ['b\n', 'a\n', { kind: 'mismatch', diff: unifiedDiff('a\n', 'b\n', 'g') }],
    ['', 'a\n', { kind: 'mismatch', diff: unifiedDiff('a\n', '', 'g') }],
  ])('actual %j, golden %j', (actual, expected, want) => expect(compareWithGolden(actual, expected, 'g')).toEqual(want));

  it('diffs from the golden to the actual output, under the golden\'s label', () => {
    const v = compareWithGolden('new\n', 'old\n', 'expected/x.txt');
    expect(v).toEqual({ kind: 'mismatch', diff: ['--- expected/x.txt\t', '+++ actual output\t', '@@ -1,1 +1,1 @@', '-old', '+new'].join('\n') });
  });
});
