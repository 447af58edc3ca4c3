import { closeSync, fstatSync, openSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { compareWithGolden, unifiedDiff } from '../../../harness/golden/compare.ts';
import { orphanGoldens, readGolden, updateRefusal, writeGoldenAtomic } from '../../../harness/golden/store.ts';

cleanTempDirsAfterAll();

describe('compareWithGolden', () => {
  it('matches equal text, reports a missing golden, and diffs a mismatch', () => {
    expect(compareWithGolden('a\n', 'a\n', 'g.txt')).toEqual({ kind: 'match' });
    expect(compareWithGolden('a\n', undefined, 'g.txt')).toEqual({ kind: 'missing' });
    const v = compareWithGolden('Fetched Secret: {secret=x}\n', 'Fetched Secret: {secret=YourPasskeyHere}\n', 'expected/java-sdk.txt');
    expect(v.kind).toBe('mismatch');
    const diff = (v as { diff: string }).diff;
    expect(diff).toContain('--- expected/java-sdk.txt');
    expect(diff).toContain('+++ actual output');
    expect(diff).toContain('-Fetched Secret: {secret=YourPasskeyHere}');
    expect(diff).toContain('+Fetched Secret: {secret=x}');
  });

  it('points out a difference that is only the final newline', () => {
    expect(unifiedDiff('a\n', 'a', 'g')).toContain('final newline');
  });
});

describe('golden store', () => {
  const dir = () => tempDir('parity-golden-');

  it('reads a missing golden as undefined', async () => {
    expect(await readGolden(path.join(dir(), 'none.txt'))).toBeUndefined();
  });

  it('writes atomically and leaves no temp file behind', async () => {
    const d = dir();
    const file = path.join(d, 'expected', 'x.txt');
    await writeGoldenAtomic(file, 'one\n');
    // A reader that opened the old golden: a rename leaves it the old file whole, where an
    // in-place write (truncate, then write) would show it an empty or half-written golden.
    const reader = openSync(file, 'r');
    try {
      await writeGoldenAtomic(file, 'two, longer\n');
      expect(readFileSync(reader, 'utf8'), 'the old golden was rewritten in place').toBe('one\n');
      expect(fstatSync(reader).ino, 'the new golden is the old file rewritten').not.toBe(statSync(file).ino);
    } finally {
      closeSync(reader);
    }
    expect(readFileSync(file, 'utf8')).toBe('two, longer\n');
    expect(readdirSync(path.dirname(file))).toEqual(['x.txt']);
  });

  it('lists goldens no sample owns, without touching them', () => {
    const d = dir();
    for (const f of ['a.txt', 'b.txt', '.hidden.txt', 'notes.md']) writeFileSync(path.join(d, f), 'x');
    expect(orphanGoldens(d, [path.join(d, 'a.txt')])).toEqual([path.join(d, 'b.txt')]);
    expect(readdirSync(d).sort()).toEqual(['.hidden.txt', 'a.txt', 'b.txt', 'notes.md']);
  });

  it('refuses --update under CI only', () => {
    expect(updateRefusal(true, { CI: 'true' })).toMatch(/refused when CI=true/);
    expect(updateRefusal(true, {})).toBeUndefined();
    expect(updateRefusal(false, { CI: 'true' })).toBeUndefined();
  });
});
