// makeDirs: one level at a time, so a path the kernel refuses fails at once instead of spinning,
// and a failure leaves nothing behind.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeDirs, MakeDirsError } from '../../../harness/files/make-dirs.ts';

describe('makeDirs', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-mkdirs-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('makes the missing levels, outermost first, and nothing when all are there', async () => {
    const made = await makeDirs(path.join(root, 'a', 'b', 'c'));
    expect(made).toEqual([path.join(root, 'a'), path.join(root, 'a', 'b'), path.join(root, 'a', 'b', 'c')]);
    expect(await makeDirs(path.join(root, 'a', 'b'))).toEqual([]);
  });

  it('tolerates others making the same folders at the same time', async () => {
    const dirs = Array.from({ length: 8 }, (_, i) => path.join(root, 'same', 'logs', `s${i}`));
    await Promise.all(dirs.map((d) => makeDirs(d)));
    expect(readdirSync(path.join(root, 'same', 'logs'))).toHaveLength(8);
  });

  it('refuses a path under a file, naming it, and makes nothing', async () => {
    writeFileSync(path.join(root, 'f'), 'x');
    await expect(makeDirs(path.join(root, 'f', 'x', 'y'))).rejects.toThrow(new MakeDirsError(`cannot create folder ${path.join(root, 'f', 'x', 'y')}: ${path.join(root, 'f')} is not a folder`));
  });

  it.runIf(process.platform === 'linux')('fails at once under /proc (where a recursive mkdir spins forever)', async () => {
    const started = Date.now();
    await expect(makeDirs('/proc/parity-no-such/x')).rejects.toThrow(/cannot create folder \/proc\/parity-no-such\/x: mkdir \/proc\/parity-no-such: ENOENT/);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('undoes the levels it made when a deeper one fails', async () => {
    // A name over 255 bytes: the levels above it are made, then it fails, then they are removed.
    mkdirSync(path.join(root, 'undo'));
    const target = path.join(root, 'undo', 'new1', 'new2', 'n'.repeat(300));
    await expect(makeDirs(target)).rejects.toThrow(/ENAMETOOLONG/);
    expect(existsSync(path.join(root, 'undo', 'new1'))).toBe(false);
  });
});
