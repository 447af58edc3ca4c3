import { describe, expect, it } from 'vitest';
import { stabilityVerdict } from '../../../harness/golden/stability.ts';

const suggestions = (outputs: string[]) => {
  const v = stabilityVerdict(outputs, 'g');
  return v.stable ? undefined : v.suggestions;
};

describe('stabilityVerdict', () => {
  it('no runs, or runs that all agree, are stable', () => {
    expect(stabilityVerdict([], 'g')).toEqual({ stable: true });
    expect(stabilityVerdict(['a\n', 'a\n'], 'g')).toEqual({ stable: true });
  });

  it('diffs the first run against the first one that differs, and names that run', () => {
    expect(stabilityVerdict(['a\nb\n', 'a\nb\n', 'a\nc\n'], 'expected/g.txt')).toEqual({
      stable: false,
      diff: '--- expected/g.txt (run 1)\t\n+++ run 3\t\n@@ -1,2 +1,2 @@\n a\n-b\n+c',
      suggestions: ['redact: [{ pattern: "\\\\S+", replacement: "[VALUE]" }]   # "b" vs "c"'],
    });
  });

  it('redacts what changed in place from the word it starts in: digits as numbers, anything else as \\S+', () => {
    expect(suggestions(['id abc!\n', 'id xyz!\n'])).toEqual(['redact: [{ pattern: "id \\\\S+", replacement: "[VALUE]" }]   # "id abc!" vs "id xyz!"']);
    expect(suggestions(['1234\n', '1256\n'])).toEqual(['redact: [{ pattern: "[\\\\d.,:]+", replacement: "[VALUE]" }]   # "1234" vs "1256"']);
    // White space inside the changed part does not make it text.
    expect(suggestions(['x 1 2 y\n', 'x 3 4 y\n'])).toEqual(['redact: [{ pattern: "x [\\\\d.,:]+", replacement: "[VALUE]" }]   # "x 1 2 y" vs "x 3 4 y"']);
  });

  it('anchors a redaction on at most the 20 characters before it, escaped', () => {
    expect(suggestions(['the quick brown fox jumps over: 1\n', 'the quick brown fox jumps over: 2\n'])).toEqual([
      'redact: [{ pattern: "own fox jumps over: [\\\\d.,:]+", replacement: "[VALUE]" }]   # "the quick brown fox jumps over: 1" vs "the quick brown fox jumps over: 2"',
    ]);
    expect(suggestions(['a.b (x) 1\n', 'a.b (x) 2\n'])).toEqual(['redact: [{ pattern: "a\\\\.b \\\\(x\\\\) [\\\\d.,:]+", replacement: "[VALUE]" }]   # "a.b (x) 1" vs "a.b (x) 2"']);
  });

  it('pairs removed lines with added ones in order; a line left over gets a filter on its first two words', () => {
    const v = stabilityVerdict(['keep\none two three\nsecond gone\n', 'keep\none two four\n'], 'g');
    expect(v).toEqual({
      stable: false,
      diff: '--- g (run 1)\t\n+++ run 2\t\n@@ -1,3 +1,2 @@\n keep\n-one two three\n-second gone\n+one two four',
      suggestions: [
        'redact: [{ pattern: "one two \\\\S+", replacement: "[VALUE]" }]   # "one two three" vs "one two four"',
        'ignore: ["^second gone"]   # "second gone" is printed by one run only',
      ],
    });
  });

  it('a line only the other run prints gets a filter; the same one twice is one suggestion', () => {
    expect(suggestions(['x\n', 'x\nnoise 1 more\nnoise 1 more\n'])).toEqual(['ignore: ["^noise 1"]   # "noise 1 more" is printed by one run only']);
  });

  it('gives at most five suggestions', () => {
    expect(suggestions(['', 'l1 a\nl2 b\nl3 c\nl4 d\nl5 e\nl6 f\nl7 g'])).toEqual([
      'redact: [{ pattern: "\\\\S+", replacement: "[VALUE]" }]   # "" vs "l1 a"',
      'ignore: ["^l2 b"]   # "l2 b" is printed by one run only',
      'ignore: ["^l3 c"]   # "l3 c" is printed by one run only',
      'ignore: ["^l4 d"]   # "l4 d" is printed by one run only',
      'ignore: ["^l5 e"]   # "l5 e" is printed by one run only',
    ]);
  });

  it('a value that only grows or only shrinks is still redacted from where it starts', () => {
    expect(suggestions(['took 5 ms\n', 'took 15 ms\n'])).toEqual(['redact: [{ pattern: "took [\\\\d.,:]+", replacement: "[VALUE]" }]   # "took 5 ms" vs "took 15 ms"']);
    expect(suggestions(['v 10\n', 'v 1\n'])).toEqual(['redact: [{ pattern: "v [\\\\d.,:]+", replacement: "[VALUE]" }]   # "v 10" vs "v 1"']);
  });

  it('a tail common to both lines never reaches back into their common head', () => {
    // "v 1" vs "v 11": the head "v 1" and the tail "1" overlap; what changed is a digit.
    expect(suggestions(['v 1\n', 'v 11\n'])).toEqual(['redact: [{ pattern: "v [\\\\d.,:]+", replacement: "[VALUE]" }]   # "v 1" vs "v 11"']);
    expect(suggestions(['v 11\n', 'v 1\n'])).toEqual(['redact: [{ pattern: "v [\\\\d.,:]+", replacement: "[VALUE]" }]   # "v 11" vs "v 1"']);
  });

  it('a change that only starts or only ends with digits is text', () => {
    expect(suggestions(['id a1\n', 'id b2\n'])).toEqual(['redact: [{ pattern: "id \\\\S+", replacement: "[VALUE]" }]   # "id a1" vs "id b2"']);
    expect(suggestions(['id 1a\n', 'id 2b\n'])).toEqual(['redact: [{ pattern: "id \\\\S+", replacement: "[VALUE]" }]   # "id 1a" vs "id 2b"']);
  });

  it('a filter keeps the line\'s own white space, takes one word when there is one, and holds a blank line only', () => {
    const filter = (line: string) => suggestions(['x\n', `x\n${line}\n`]);
    expect(filter('noise  12 more')).toEqual(['ignore: ["^noise  12"]   # "noise  12 more" is printed by one run only']);
    expect(filter('  lead x y')).toEqual(['ignore: ["^  lead x"]   # "  lead x y" is printed by one run only']);
    expect(filter('single')).toEqual(['ignore: ["^single"]   # "single" is printed by one run only']);
    expect(filter('   ')).toEqual(['ignore: ["^\\\\s*$"]   # "   " is printed by one run only']);
    expect(suggestions(['x', 'x\n'])).toEqual(['ignore: ["^\\\\s*$"]   # "" is printed by one run only']);
  });

  it('a line the first run ends with and the other lacks gets a filter', () => {
    expect(suggestions(['a\nb', 'a'])).toEqual(['ignore: ["^b"]   # "b" is printed by one run only']);
  });
});
