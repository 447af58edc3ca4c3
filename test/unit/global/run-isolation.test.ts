// The suite's own teardown (test/global/run-isolation.ts), run in a test: it must fail the run,
// naming them, when a test leaves a marked process or a temp folder; the run's cache must be its
// own and go with it, and the Dapr binaries it shares must survive that.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readlinkSync, realpathSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import setup from '../../global/run-isolation.ts';
import { MARK_VAR, waitForProcesses } from '../../helpers/leftovers.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

const VARS = ['TMPDIR', 'PARITY_CACHE_DIR', MARK_VAR] as const;

describe('the test run\'s teardown', () => {
  let saved: Record<string, string | undefined>;
  let exitCode: typeof process.exitCode;
  let shared: string;
  beforeEach(() => {
    saved = Object.fromEntries(VARS.map((v) => [v, process.env[v]]));
    exitCode = process.exitCode;
    // The user's cache, as the inner run sees it: Dapr binaries in it, nothing else.
    shared = tempDir('parity-shared-cache-');
    mkdirSync(path.join(shared, 'dapr', 'runtime', '1.0.0'), { recursive: true });
    writeFileSync(path.join(shared, 'dapr', 'runtime', '1.0.0', 'daprd'), 'a binary');
    process.env.PARITY_CACHE_DIR = shared;
  });
  afterEach(() => {
    // The inner teardown failing the run is what these tests want; the outer run must not fail.
    process.exitCode = exitCode;
    for (const v of VARS) {
      if (saved[v] === undefined) delete process.env[v];
      else process.env[v] = saved[v];
    }
  });

  it('gives the run a cache of its own in its temp folder, the shared Dapr binaries linked in, and removes it', async () => {
    const teardown = setup();
    const cache = process.env.PARITY_CACHE_DIR!;
    expect(path.dirname(cache)).toBe(process.env.TMPDIR);
    expect(cache).not.toBe(shared);
    expect(readlinkSync(path.join(cache, 'dapr'))).toBe(path.join(shared, 'dapr'));
    expect(realpathSync(path.join(cache, 'dapr', 'runtime', '1.0.0', 'daprd'))).toBe(realpathSync(path.join(shared, 'dapr', 'runtime', '1.0.0', 'daprd')));
    mkdirSync(path.join(cache, 'parsed'));
    writeFileSync(path.join(cache, 'parsed', 'manifest.json'), '{}');
    await teardown();
    expect(existsSync(cache)).toBe(false);
    expect(existsSync(path.join(shared, 'dapr', 'runtime', '1.0.0', 'daprd')), 'the shared binaries went with the run\'s cache').toBe(true);
    expect(existsSync(path.join(shared, 'parsed'))).toBe(false);
    expect(process.exitCode).toBe(exitCode);
    expect(process.env.PARITY_CACHE_DIR).toBe(shared);
  });

  it('fails the run, naming it, when a test leaves a process carrying the run\'s mark, and ends it', async () => {
    const teardown = setup();
    const mark = process.env[MARK_VAR]!;
    // Started as a test would start anything: it inherits the run's environment, mark included.
    const child = spawn('sleep', ['600'], { stdio: 'ignore' });
    const gone = new Promise((resolve) => child.once('exit', resolve));
    try {
      await waitForProcesses(mark, (ps) => ps.some((p) => p.pid === child.pid), 'the sleep', 5000);
      const failure = await teardown().then(() => undefined, (err: unknown) => err as Error);
      expect(failure?.message).toMatch(new RegExp(`^the run left 1 process\\(es\\) carrying its mark ${MARK_VAR}=${mark}… \\(now ended\\):\\n  pid ${child.pid} \\[[A-Z]\\] sleep 600$`));
      expect(process.exitCode).toBe(1);
      await gone;
      expect(child.signalCode).toBe('SIGKILL');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('fails the run, naming it, when a test leaves a parity-* folder in the run\'s temp folder', async () => {
    const teardown = setup();
    mkdirSync(path.join(process.env.TMPDIR!, 'parity-forgotten-x'));
    const failure = await teardown().then(() => undefined, (err: unknown) => err as Error);
    expect(failure?.message).toBe('the run left 1 item(s) in its temp folder (now removed): parity-forgotten-x');
    expect(process.exitCode).toBe(1);
  });
});
