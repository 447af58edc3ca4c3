// A real bug (an error no expected-error type covers) ends every command the same way: one
// `unexpected error` line naming the crash log, the full stack in that log, exit 3.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../harness/cli.ts';

// Test double: the manifest loader, which both `run` and `docs` call early, hits a bug.
vi.mock('../../harness/samples/manifest.ts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../harness/samples/manifest.ts')>()),
  loadManifest: () => { throw new TypeError('bugDouble is not a function'); },
}));

const PAGE = path.resolve(import.meta.dirname, '..', '..', 'docs', 'secrets-quickstart.md');

describe('a real bug in a command', () => {
  let dir: string;
  let stderr: string;
  const savedTmp = process.env.TMPDIR;
  const base = os.tmpdir();
  beforeEach(() => {
    dir = mkdtempSync(path.join(base, 'parity-cli-crash-'));
    process.env.TMPDIR = dir; // where reportCrash writes, so the test can read the log
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    // Assigning undefined would set the string "undefined".
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['run', ['run', '--root', base]],
    ['docs', ['docs', PAGE, '--root', base]],
  ])('%s: goes to the crash log with its stack, one line on the console, exit 3', async (_name, argv) => {
    const code = await main(argv);
    expect(code, stderr).toBe(3);
    const line = stderr.trim().split('\n').at(-1)!;
    const m = /^parity: unexpected error \(a bug; please report it with (\S+), which holds the full stack\): TypeError: bugDouble is not a function$/.exec(line);
    expect(m, stderr).not.toBeNull();
    expect(path.dirname(m![1]!)).toBe(dir);
    const log = readFileSync(m![1]!, 'utf8');
    expect(log).toContain(`argv: ${JSON.stringify(argv)}`);
    expect(log).toMatch(/TypeError: bugDouble is not a function\n\s+at /);
  });
});
