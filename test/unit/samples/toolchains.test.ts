// The toolchain probe cache, on a real (throwaway) `go` script on PATH and a throwaway cache folder.
import { chmodSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { probeToolchain, resolveOnPath } from '../../../harness/samples/toolchains.ts';

cleanTempDirsAfterAll();

const saved = { PATH: process.env.PATH, PARITY_CACHE_DIR: process.env.PARITY_CACHE_DIR };
const bin = tempDir('parity-tc-bin-');
const goScript = path.join(bin, 'go');
const writeGo = (version: string) => {
  writeFileSync(goScript, `#!/bin/sh\necho "go version go${version} linux/amd64"\n`);
  chmodSync(goScript, 0o755);
};

beforeAll(() => {
  process.env.PARITY_CACHE_DIR = tempDir('parity-tc-cache-');
  process.env.PATH = `${bin}:${saved.PATH}`;
});
afterAll(() => {
  process.env.PATH = saved.PATH;
  if (saved.PARITY_CACHE_DIR === undefined) delete process.env.PARITY_CACHE_DIR;
  else process.env.PARITY_CACHE_DIR = saved.PARITY_CACHE_DIR;
});

describe('toolchain probes, cached on the binary', () => {
  it('resolves a command on PATH, and nothing for one that is not there', () => {
    writeGo('9.8.7');
    expect(resolveOnPath('go')).toBe(goScript);
    expect(resolveOnPath('no-such-toolchain-here')).toBeUndefined();

  });

  it('runs the probe once, then answers from the cache while the binary is unchanged', async () => {
    writeGo('9.8.7');
    const fixed = new Date('2026-01-01T00:00:00Z');
    utimesSync(goScript, fixed, fixed);
    expect((await probeToolchain('go')).version).toBe('9.8.7');
    // Same size and mtime but another answer: the cache must be what answers now.
    writeGo('9.8.6');
    utimesSync(goScript, fixed, fixed);
    expect((await probeToolchain('go')).version).toBe('9.8.7');
  });

  it('probes again when the binary changes', async () => {
    writeGo('9.8.5');
    const later = new Date(statSync(goScript).mtimeMs + 5000);
    utimesSync(goScript, later, later);
    expect((await probeToolchain('go')).version).toBe('9.8.5');
  });
});
