import { describe, expect, it } from 'vitest';
import { expectedSecret, parseSecretOutput, sameMap } from '../../../harness/parity/parse-secret.ts';

describe('parseSecretOutput reads every language\'s idiom into one map', () => {
  it.each([
    ['JSON (JavaScript SDK, HTTP variants)', 'Fetched Secret: {"secret":"YourPasskeyHere"}', 'json'],
    ['Python dict repr', "Fetched Secret: {'secret': 'YourPasskeyHere'}", 'python-dict'],
    ['.NET pairs', 'Fetched Secret: [secret, YourPasskeyHere]', 'dotnet-pairs'],
    ['Java Map.toString', 'Fetched Secret: {secret=YourPasskeyHere}', 'java-map'],
    ['Go bare value', 'Fetched Secret: YourPasskeyHere', 'bare-value'],
    ['Go with fmt.Println double space', 'Fetched Secret:  YourPasskeyHere', 'bare-value'],
    ['a logging prefix before it', "INFO:root:Fetched Secret: {'secret': 'YourPasskeyHere'}", 'python-dict'],
  ])('%s', (_name, line, format) => {
    const r = parseSecretOutput(`noise\n${line}\n`, 'secret');
    expect(r).toEqual({ ok: true, format, map: { secret: 'YourPasskeyHere' } });
  });

  it('reads several keys in each map format', () => {
    expect(parseSecretOutput('Fetched Secret: {"a":"1","b":"2"}', 'a')).toMatchObject({ map: { a: '1', b: '2' } });
    expect(parseSecretOutput("Fetched Secret: {'a': '1', 'b': \"it's\"}", 'a')).toMatchObject({ map: { a: '1', b: "it's" } });
    expect(parseSecretOutput('Fetched Secret: [a, 1], [b, 2]', 'a')).toMatchObject({ map: { a: '1', b: '2' } });
    expect(parseSecretOutput('Fetched Secret: {a=1, b=2}', 'a')).toMatchObject({ map: { a: '1', b: '2' } });
  });

  it('says what is wrong when there is nothing to parse', () => {
    expect(parseSecretOutput('', 'secret')).toEqual({ ok: false, error: 'no "Fetched Secret:" line in the output' });
    expect(parseSecretOutput('Fetched Secret:', 'secret')).toEqual({ ok: false, error: '"Fetched Secret:" is followed by nothing' });
    expect(parseSecretOutput('Fetched Secret: {broken', 'secret')).toMatchObject({ ok: false, error: expect.stringContaining('cannot parse') });
  });
});

describe('expectedSecret', () => {
  it('takes the key from secrets.json, flattening nested keys with the separator', () => {
    expect(expectedSecret({ secret: 'YourPasskeyHere' }, 'secret')).toEqual({ secret: 'YourPasskeyHere' });
    expect(expectedSecret({ db: { password: 'p' } }, 'db:password')).toEqual({ 'db:password': 'p' });
    expect(expectedSecret({ other: 'x' }, 'secret')).toBeUndefined();
  });

  it('compares maps by content, not key order', () => {
    expect(sameMap({ a: '1', b: '2' }, { b: '2', a: '1' })).toBe(true);
    expect(sameMap({ a: '1' }, { a: '2' })).toBe(false);
    expect(sameMap({ a: '1' }, { a: '1', b: '2' })).toBe(false);
  });
});

describe('the rules that settle the unquoted formats (documented in secret-formats.ts)', () => {
  it('Go %v: a new entry starts only at a key that sorts after the one before', () => {
    expect(parseSecretOutput('Fetched Secret:  map[secret:note a:b]', 'secret')).toMatchObject({ format: 'go-map', map: { secret: 'note a:b' } });
    // Ambiguous in Go's own output: read as two keys, since "z" sorts after "secret".
    expect(parseSecretOutput('Fetched Secret:  map[secret:note z:b]', 'secret')).toMatchObject({ map: { secret: 'note', z: 'b' } });
  });

  it('Go %+v: a field name maps to its key with the first letter lower-cased', () => {
    expect(parseSecretOutput('Fetched Secret: {Secret:x DbPassword:y z}', 'secret')).toMatchObject({ format: 'go-struct', map: { secret: 'x', dbPassword: 'y z' } });
  });

  it('Java: an entry ends at ", key="; a value may hold "=" and ", " otherwise', () => {
    expect(parseSecretOutput('Fetched Secret: {secret=a=b, c}', 'secret')).toMatchObject({ format: 'java-map', map: { secret: 'a=b, c' } });
    expect(parseSecretOutput('Fetched Secret: {secret=x, y=z}', 'secret')).toMatchObject({ map: { secret: 'x', y: 'z' } });
  });

  it('Node: a map over several lines is read up to its closing brace', () => {
    const out = "Fetched Secret: {\n  alpha: 'a',\n  'db:key': \"it's\"\n}\nnext line\n";
    expect(parseSecretOutput(out, 'alpha')).toEqual({ ok: true, format: 'node-inspect', map: { alpha: 'a', 'db:key': "it's" } });
  });

  it('a map-shaped line no format reads fails with the line quoted, not as a bare value', () => {
    expect(parseSecretOutput('Fetched Secret: map[broken', 'secret')).toEqual({ ok: false, error: 'cannot parse the secret map in the line "Fetched Secret: map[broken"' });
    expect(parseSecretOutput("Fetched Secret: Map(1) { 'secret' => 'x' }", 'secret')).toMatchObject({ ok: false });
  });
});
