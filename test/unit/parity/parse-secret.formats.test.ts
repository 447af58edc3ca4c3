// Where each secret-map format starts and stops: what it reads, and what it must refuse so that
// a malformed map is reported rather than read as a bare value or as another format.
import { describe, expect, it } from 'vitest';
import { expectedSecret, parseSecretOutput, sameMap } from '../../../harness/parity/parse-secret.ts';

const parse = (body: string) => parseSecretOutput(`Fetched Secret: ${body}`, 'secret');

describe('what each format reads', () => {
  it.each([
    // JSON: only an object of strings
    ['{"a":"1","b":"2"}', 'json', { a: '1', b: '2' }],
    ['{ }', 'json', {}],
    // Python repr: either quote, escapes, spacing around the colon
    ["{'a':'1'}", 'python-dict', { a: '1' }],
    ["{'a' : '1',  'b': \"2\"}", 'python-dict', { a: '1', b: '2' }],
    ["{'a': 'x\\ny\\tz'}", 'python-dict', { a: 'x\ny\tz' }],
    ["{'a': 'it\\'s \\\\ ok'}", 'python-dict', { a: "it's \\ ok" }],
    ["{'a': 'x\\qy'}", 'python-dict', { a: 'xqy' }],
    ['{"a": \'1\'}', 'python-dict', { a: '1' }],
    // .NET pairs: a value may hold ", "
    ['[a, 1]', 'dotnet-pairs', { a: '1' }],
    ['[a, 1], [b, 2], [c, 3]', 'dotnet-pairs', { a: '1', b: '2', c: '3' }],
    ['[a, b, c]', 'dotnet-pairs', { a: 'b, c' }],
    // Java Map: the first `=` splits, a value may be empty
    ['{a=1}', 'java-map', { a: '1' }],
    ['{a=b=c, d=}', 'java-map', { a: 'b=c', d: '' }],
    ['{a=1, b}', 'java-map', { a: '1, b' }], // text without `=` belongs to the value before it
    // bare value (Go SDK): anything that does not open like a map
    ['x{a=1}', 'bare-value', { secret: 'x{a=1}' }],
    ['"quoted"', 'bare-value', { secret: '"quoted"' }],
    ['42', 'bare-value', { secret: '42' }],
    ['null', 'bare-value', { secret: 'null' }],
  ])('%s → %s', (body, format, map) => expect(parse(body)).toEqual({ ok: true, format, map }));

  it('takes the first "Fetched Secret:" line, with or without a space, and ignores a CR', () => {
    expect(parseSecretOutput('Fetched Secret:v\r\nFetched Secret: w', 'k')).toEqual({ ok: true, format: 'bare-value', map: { k: 'v' } });
    expect(parseSecretOutput('Fetched Secret: {"k":"v"}\r\n', 'k')).toEqual({ ok: true, format: 'json', map: { k: 'v' } });
  });

  it('names the mappingproxy format, and takes a TypeName { or TypeName(n) { opener as a map', () => {
    expect(parse("mappingproxy({'a': '1'})")).toEqual({ ok: true, format: 'python-mappingproxy', map: { a: '1' } });
    for (const body of ['Foo { x }', 'Map(12) { x }']) {
      expect(parse(body)).toEqual({ ok: false, error: `cannot parse the secret map in the line "Fetched Secret: ${body}"` });
    }
  });

  it('reads a map printed over up to 200 further lines, no more', () => {
    const map = (lines: number) => ['Fetched Secret: {', ...Array.from({ length: lines - 1 }, (_, i) => `  k${i}: 'v'${i < lines - 2 ? ',' : ''}`), '}'].join('\n');
    const read = parseSecretOutput(map(200), 'k');
    expect(read.ok && Object.keys(read.map).length).toBe(199);
    expect(parseSecretOutput(map(201), 'k')).toEqual({ ok: false, error: 'cannot parse the secret map in the line "Fetched Secret: {"' });
  });

  it('quotes at most 200 characters of the line it could not parse', () => {
    const line = `Fetched Secret: {${'x'.repeat(300)}`;
    expect(parseSecretOutput(line, 'k')).toEqual({ ok: false, error: `cannot parse the secret map in the line "${line.slice(0, 200)}"` });
  });

  it('reads a line that has only spaces after the colon as empty', () => {
    expect(parse('   ')).toEqual({ ok: false, error: '"Fetched Secret:" is followed by nothing' });
  });
});

describe('what each format refuses (reported, not read as a bare value)', () => {
  it.each([
    ["{'a': '1',}"], // trailing comma
    ['["a"]'], // a JSON array
    ['{"a":1}'], // a JSON object with a non-string value
    ['{"a":"1","b":2}'], // one non-string value among strings
    ["{'a': '1' 'b': '2'}"], // no comma
    ["{'a' '1'}"], // no colon
    ["{'a': 1}"], // unquoted value
    ["{'a': '1}"], // unterminated string
    ["{'a': '1'"], // unclosed brace
    ["{'a': '1'}x"], // text after the brace
    ['[a, 1],[b, 2]'], // pairs without the space
    ['[a, 1] x'], // text after a pair
    ['[a 1]'], // a pair without its comma
    ['{=1}'], // an empty Java key
    ['{a}'],
    ['{a=1}x'],
    ["{'a': '\\xZZ'}"], // an escape without its hex digits (String.fromCodePoint threw here)
    ["{ a: '\\u{110000}' }"], // past U+10FFFF
  ])('%s', (body) => {
    expect(parse(body)).toEqual({ ok: false, error: `cannot parse the secret map in the line "Fetched Secret: ${body}"` });
  });

});

describe('expectedSecret', () => {
  it.each([
    [{ secret: 'p' }, 'secret', ':', { secret: 'p' }],
    [{ db: { password: 'p' } }, 'db--password', '--', { 'db--password': 'p' }],
    [{ a: { b: { c: 'p' } } }, 'a:b:c', ':', { 'a:b:c': 'p' }],
    [{ n: 5, t: true }, 'n', ':', { n: '5' }],
    [{ list: ['a', 'b'] }, 'list', ':', { list: 'a,b' }],
    [{ nothing: null }, 'nothing', ':', { nothing: 'null' }],
  ])('%j[%s] with separator %j', (secrets, key, sep, want) => expect(expectedSecret(secrets, key, sep)).toEqual(want));

  it('finds no secret for a missing key, a parent key, or an inherited name', () => {
    expect(expectedSecret({ db: { password: 'p' } }, 'db')).toBeUndefined();
    expect(expectedSecret({ secret: 'p' }, 'toString')).toBeUndefined();
    expect(expectedSecret({ db: { password: 'p' } }, 'password')).toBeUndefined();
  });
});

describe('sameMap', () => {
  it.each([
    [{}, {}, true],
    [{ a: '1', b: '2', c: '3' }, { c: '3', a: '1', b: '2' }, true],
    [{ a: '1', b: '2', c: '3' }, { a: '1', b: '2', c: 'x' }, false], // one value of several differs
    [{ a: '1', b: '2', c: '3' }, { a: '1', b: '2', d: '3' }, false], // one key of several differs
    [{ a: '1', b: '2' }, { a: '1' }, false],
    [{ a: '1' }, { a: '1', b: '2' }, false],
    [{ toString: 'x' }, {}, false],
    [{}, { a: '1' }, false],
  ])('%j vs %j → %s', (a, b, want) => {
    expect(sameMap(a, b)).toBe(want);
    expect(sameMap(b, a)).toBe(want);
  });
});

describe('an unparsable map line is quoted trimmed', () => {
  it('leading white space is not part of the quote', async () => {
    const { parseSecretOutput } = await import('../../../harness/parity/parse-secret.ts');
    expect(parseSecretOutput('   Fetched Secret: {"a": ', 'k')).toEqual({ ok: false, error: 'cannot parse the secret map in the line "Fetched Secret: {"a":"' });
  });
});
