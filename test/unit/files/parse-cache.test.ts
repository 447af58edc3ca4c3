import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cachedParse, jsonSafe, parseCacheFile } from '../../../harness/files/parse-cache.ts';
import { loadManifest } from '../../../harness/samples/manifest.ts';

const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'parity-parse-cache-'));
const saved = process.env.PARITY_CACHE_DIR;
beforeEach(() => {
  process.env.PARITY_CACHE_DIR = cacheDir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.PARITY_CACHE_DIR;
  else process.env.PARITY_CACHE_DIR = saved;
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('jsonSafe', () => {
  it.each([
    ['null', null, true], ['a string', 's', true], ['false', false, true], ['a finite number', 1.5, true],
    ['an array of those', [1, 'a', [null]], true], ['a plain object of those', { a: { b: [true] } }, true],
    ['Infinity', Infinity, false], ['NaN', NaN, false], ['-0', -0, false], ['undefined', undefined, false],
    ['a Date', new Date(0), false], ['a Map', new Map(), false], ['a nested undefined', { a: [undefined] }, false],
    ['an object without a prototype', Object.create(null) as object, false],
    ['an own __proto__ key', JSON.parse('{"__proto__": 1}') as object, false], ['a function', () => 1, false],
    ['a bigint', 1n, false],
  ])('%s → %s', (_what, value, safe) => {
    expect(jsonSafe(value)).toBe(safe);
  });
});

describe('cachedParse', () => {
  it('parses once, then answers from the cache for the same text and kind', () => {
    const parse = vi.fn((t: string) => ({ text: t, n: [1, 2] }));
    expect(cachedParse('k1', 'abc', parse)).toEqual({ text: 'abc', n: [1, 2] });
    expect(cachedParse('k1', 'abc', parse)).toEqual({ text: 'abc', n: [1, 2] });
    expect(parse).toHaveBeenCalledTimes(1);
    expect(JSON.parse(readFileSync(parseCacheFile('k1', 'abc'), 'utf8'))).toEqual({ text: 'abc', n: [1, 2] });
    // Another text, or another kind, is another entry.
    cachedParse('k1', 'abd', parse);
    cachedParse('k2', 'abc', parse);
    expect(parse).toHaveBeenCalledTimes(3);
    expect(parseCacheFile('k1', 'abc')).not.toBe(parseCacheFile('k2', 'abc'));
    expect(path.dirname(parseCacheFile('k1', 'abc'))).toBe(path.join(cacheDir, 'parsed'));
  });

  it('never caches a parse that throws: the next call throws the same error again', () => {
    const parse = vi.fn(() => {
      throw new Error('line 3: bad');
    });
    expect(() => cachedParse('k', 'bad text', parse)).toThrow('line 3: bad');
    expect(() => cachedParse('k', 'bad text', parse)).toThrow('line 3: bad');
    expect(parse).toHaveBeenCalledTimes(2);
    expect(existsSync(parseCacheFile('k', 'bad text'))).toBe(false);
  });

  it('does not cache a value JSON would change', () => {
    const parse = vi.fn(() => ({ timeout: Infinity }));
    expect(cachedParse('k', 'inf', parse)).toEqual({ timeout: Infinity });
    expect(cachedParse('k', 'inf', parse)).toEqual({ timeout: Infinity });
    expect(parse).toHaveBeenCalledTimes(2);
    expect(existsSync(parseCacheFile('k', 'inf'))).toBe(false);
  });

  it('parses again when the cached entry is unreadable, and works when the cache cannot be written', () => {
    const parse = vi.fn(() => ({ ok: true }));
    cachedParse('k', 'x', parse);
    writeFileSync(parseCacheFile('k', 'x'), '{not json');
    expect(cachedParse('k', 'x', parse)).toEqual({ ok: true });
    expect(parse).toHaveBeenCalledTimes(2);
    const file = path.join(cacheDir, 'a-file');
    writeFileSync(file, '');
    process.env.PARITY_CACHE_DIR = file; // a cache "folder" that is a file: nothing can be written
    expect(cachedParse('k', 'y', parse)).toEqual({ ok: true });
  });

  it('loadManifest with cacheParse gives the same manifest from a cold and a warm cache; without it, nothing is cached', () => {
    const root = path.resolve(import.meta.dirname, '../../fixtures/docs/tree');
    const manifestEntries = () => readdirSync(path.join(cacheDir, 'parsed')).filter((f) => f.startsWith('manifest-yaml-'));
    const uncached = loadManifest(root);
    expect(manifestEntries()).toEqual([]);
    const cold = loadManifest(root, { cacheParse: true });
    expect(cold).toEqual(uncached);
    expect(manifestEntries()).toHaveLength(1);
    expect(loadManifest(root, { cacheParse: true })).toEqual(cold);
    expect(cold.samples.length).toBeGreaterThan(0);
  });
});
