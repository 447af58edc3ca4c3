import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomicSync } from '../../../harness/files/write-atomic.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-atomic-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeFileAtomicSync', () => {
  it('creates the folders, writes the content, replaces an older file and leaves nothing else', () => {
    const file = path.join(dir, 'a', 'b', 'f.json');
    writeFileAtomicSync(file, 'one');
    writeFileAtomicSync(file, Buffer.from('two'));
    expect(readFileSync(file, 'utf8')).toBe('two');
    expect(readdirSync(path.dirname(file))).toEqual(['f.json']);
  });

  it('throws when the rename cannot happen, and removes its temp file', () => {
    const target = path.join(dir, 'taken');
    mkdirSync(path.join(target, 'inside'), { recursive: true }); // a non-empty folder cannot be renamed over
    expect(() => writeFileAtomicSync(target, 'x')).toThrow();
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('fails at once under a folder the kernel refuses (/proc/x), where a recursive mkdir would spin', () => {
    expect(() => writeFileAtomicSync('/proc/parity-no-such/a/f.json', 'x')).toThrow(/cannot create folder .*: mkdir \/proc\/parity-no-such: ENOENT/);
  }, 5_000);
});
