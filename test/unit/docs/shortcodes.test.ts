// The shortcode tokenizer, case by case: what each form reads as, the exact error for each
// malformed one, and where scanning resumes after an error.
import { describe, expect, it } from 'vitest';
import { splitShortcodeArgs, tokenizeShortcodes } from '../../../harness/docs/shortcodes.ts';

describe('splitShortcodeArgs', () => {
  it.each([
    ['', []],
    ['  a \t b\n c  ', ['a', 'b', 'c']],
    ['"a b"', ['a b']],
    ['x"a b"y', ['xa by']],
    ['"a \\"b\\" \\\\ c"', ['a "b" \\ c']],
    ['`a \\" b`', ['a \\" b']],
    ['"" b', ['', 'b']],
    ["'a\"b'", ['a"b']],
  ])('%j → %j', (inner, words) => expect(splitShortcodeArgs(inner)).toEqual({ words }));

  it.each([
    ['a "b', ['a'], 'unterminated " quote'],
    ["a 'b", ['a'], "unterminated ' quote"],
    ['a `b', ['a'], 'unterminated ` quote'],
    ['"b\\"', [], 'unterminated " quote'],
    ["'a \\' b'", ['a \\'], "unterminated ' quote"],
  ])('%j → error %s', (inner, words, error) => expect(splitShortcodeArgs(inner)).toEqual({ words, error }));
});

const one = (text: string) => {
  const r = tokenizeShortcodes(text);
  expect(r.errors).toEqual([]);
  expect(r.tokens).toHaveLength(1);
  const { kind, delim, name, args, params } = r.tokens[0]!;
  return { kind, delim, name, args, params };
};

describe('tokenizeShortcodes reads', () => {
  it.each([
    ['{{< tabs >}}', { kind: 'open', delim: '<', name: 'tabs', args: [], params: {} }],
    ['{{%codetab%}}', { kind: 'open', delim: '%', name: 'codetab', args: [], params: {} }],
    ['{{< /tabs >}}', { kind: 'close', delim: '<', name: 'tabs', args: [], params: {} }],
    ['{{< / tabs >}}', { kind: 'close', delim: '<', name: 'tabs', args: [], params: {} }],
    ['{{< x />}}', { kind: 'self', delim: '<', name: 'x', args: [], params: {} }],
    ['{{< x / >}}', { kind: 'self', delim: '<', name: 'x', args: [], params: {} }],
    ['{{< ref/a_b.c-d >}}', { kind: 'open', delim: '<', name: 'ref/a_b.c-d', args: [], params: {} }],
    ['{{< x a=b _c="d e" f-g= >}}', { kind: 'open', delim: '<', name: 'x', args: [], params: { a: 'b', _c: 'd e', 'f-g': '' } }],
    ['{{< x =b 1a=b a.b=c "a=b" >}}', { kind: 'open', delim: '<', name: 'x', args: ['=b', '1a=b', 'a.b=c'], params: { a: 'b' } }],
  ])('%s', (text, want) => expect(one(text)).toEqual(want));

  it('gives offsets, ends and raw text in the text it was handed, skipping {{ without < or %', () => {
    const text = 'a {{ b }} {{< x >}} c {{% /y %}}';
    expect(tokenizeShortcodes(text).tokens.map((t) => [t.offset, t.end, t.raw])).toEqual([[10, 19, '{{< x >}}'], [22, 32, '{{% /y %}}']]);
  });

  it('skips escaped shortcodes, but not a comment that does not close', () => {
    expect(tokenizeShortcodes('{{</* tabs */>}} {{%/* x */%}}')).toEqual({ tokens: [], errors: [] });
    expect(tokenizeShortcodes('{{< /*x >}}').errors).toEqual([{ offset: 0, message: '"*x" is not a valid shortcode name' }]);
    expect(tokenizeShortcodes('{{< x*/ >}}').errors).toEqual([{ offset: 0, message: '"x*" is not a valid shortcode name' }]);
  });
});

describe('tokenizeShortcodes reports', () => {
  it.each([
    ['{{< tabs "Go >}}', [{ offset: 0, message: 'unterminated " quote in {{< tabs "Go <}}' }]],
    ['{{%  %}}', [{ offset: 0, message: 'shortcode {{% %}} has no name' }]],
    ['{{< a! >}}', [{ offset: 0, message: '"a!" is not a valid shortcode name' }]],
    ['{{< !a >}}', [{ offset: 0, message: '"!a" is not a valid shortcode name' }]],
    ['{{< /tabs x >}}', [{ offset: 0, message: 'closing shortcode {{< /tabs <}} takes no arguments' }]],
    ['x {{< a', [{ offset: 2, message: 'shortcode {{< is never closed with >}}' }]],
    ['{{% a', [{ offset: 0, message: 'shortcode {{% is never closed with %}}' }]],
    ['{{< a %}}', [{ offset: 0, message: 'shortcode opened with {{< is closed with %}}' }]],
    ['{{% a >}}', [{ offset: 0, message: 'shortcode opened with {{% is closed with >}}' }]],
  ])('%j', (text, errors) => expect(tokenizeShortcodes(text)).toEqual({ tokens: [], errors }));

  it('resumes after a wrong closer, and after an opener that is never closed', () => {
    const wrong = tokenizeShortcodes('{{< a %}} {{< b >}}');
    expect(wrong.errors).toEqual([{ offset: 0, message: 'shortcode opened with {{< is closed with %}}' }]);
    expect(wrong.tokens.map((t) => [t.name, t.offset])).toEqual([['b', 10]]);
    const unclosed = tokenizeShortcodes('{{< a {{< b >}}');
    expect(unclosed.errors).toEqual([{ offset: 0, message: 'shortcode {{< is never closed with >}}' }]);
    expect(unclosed.tokens.map((t) => [t.name, t.offset])).toEqual([['b', 6]]);
  });

  it('takes the right closer when a wrong one comes after it', () => {
    expect(tokenizeShortcodes('{{< a >}} %}}').tokens.map((t) => t.name)).toEqual(['a']);
    expect(tokenizeShortcodes('{{< a >}} %}}').errors).toEqual([]);
  });

  it('does not blame a wrong closer that belongs to a later shortcode', () => {
    const r = tokenizeShortcodes('{{< a {{% b %}}');
    expect(r.errors).toEqual([{ offset: 0, message: 'shortcode {{< is never closed with >}}' }]);
    expect(r.tokens.map((t) => t.name)).toEqual(['b']);
  });

});
