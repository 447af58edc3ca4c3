import { describe, expect, it } from 'vitest';
import { expectedSecret, parseSecretOutput, sameMap } from '../../harness/parity/parse-secret.ts';

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
