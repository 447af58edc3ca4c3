// A real bug in the harness (an error no expected-error type covers) thrown while other samples'
// `dapr run` and install step are live: the harness ends those runs (the CLI, daprd, the app, the
// step) before it writes the crash log and exits 3, so nothing it started outlives it. In
// process, through main(), since only a module double can plant the bug; the process under test
// stays alive after main() returns, so whatever the crash path did not end is still there to see.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../../harness/cli.ts';
import type { SampleSpec } from '../../../harness/model.ts';
import { REAPER_SWITCH } from '../../../harness/processes/supervise.ts';
import { realDapr } from '../../helpers/dapr.ts';
import { HTTP_SECRET_APP, makeFaultTree, removeFaultTrees } from '../../helpers/fault-tree.ts';
import { describeProcs, leftoverProcesses, MARK_VAR, newMark, waitForProcesses, type ProcInfo } from '../../helpers/leftovers.ts';
import { tempDir, removeTempDirs } from '../../helpers/temp-dirs.ts';

/** The sample whose install hits the bug, and what must be running before it does. */
const BUGGY = 'python/sdk';
const live = (ps: ProcInfo[]) => ps.some((p) => /daprd/.test(p.cmdline)) && ps.some((p) => p.cmdline === 'sleep 600') && ps.some((p) => p.cmdline === 'sleep 601');

// Test double: installing BUGGY throws a TypeError once the other samples' run and step are up.
vi.mock('../../../harness/samples/install.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../harness/samples/install.ts')>();
  return {
    ...real,
    installSample: async (sample: SampleSpec, opts: Parameters<typeof real.installSample>[1]) => {
      if (sample.id !== BUGGY) return real.installSample(sample, opts);
      await waitForProcesses(process.env[MARK_VAR]!, live, 'the other samples\' daprd, app and install step', 60_000);
      throw new TypeError('bugDouble is not a function');
    },
  };
});

describe('a harness bug while a run is live', () => {
  const saved = { TMPDIR: process.env.TMPDIR, [MARK_VAR]: process.env[MARK_VAR], [REAPER_SWITCH]: process.env[REAPER_SWITCH] };
  let mark: string;
  let stderr: string;
  beforeAll(async () => {
    await realDapr();
  });
  beforeEach(() => {
    // Its own mark, to find what this run started; its own temp folder, where the crash log goes.
    mark = newMark();
    process.env[MARK_VAR] = mark;
    process.env.TMPDIR = tempDir('parity-bug-');
    // No reaper: it acts only when this process exits, and it would be a child of the test runner.
    process.env[REAPER_SWITCH] = 'off';
    stderr = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  });
  afterEach(async () => {
    vi.restoreAllMocks();
    // Whatever a failed test left: ended here, not at the end of the test run.
    for (const p of await leftoverProcesses(mark)) process.kill(p.pid, 'SIGKILL');
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });
  afterAll(() => {
    removeFaultTrees();
    removeTempDirs();
  });

  it('ends the live runs (the CLI, daprd, the app, an install step) before it writes the crash log, exits 3, and starts nothing after', async () => {
    // Concurrency 3: a live `dapr run` (which the abort reaches), a live install step (which only
    // the teardown of every run does), and the buggy sample. The fourth takes the slot the buggy
    // one frees as it throws, so its run starts only after the crash; the fifth waits for a slot
    // the crash must not give it.
    const app = { run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } };
    const tree = makeFaultTree({ samples: [
      { run: `sh -c 'touch started; exec sleep 600'` },
      { ...app, language: 'javascript', variant: 'http', install: [{ run: 'sleep 601', outputs: ['never-made'] }] },
      { ...app, variant: 'sdk' },
      { language: 'go', variant: 'http', run: `sh -c 'exec sleep 602'` },
      { ...app, language: 'java', variant: 'http' },
    ] });
    const code = await main(['run', '--root', tree.root, '--report-dir', tree.path('artifacts'), '--concurrency', '3', '--timeout', '120']);
    const left = await leftoverProcesses(mark);
    expect(code, stderr).toBe(3);
    expect(left, `processes of the run left after the crash:\n${describeProcs(left)}\n${stderr}`).toEqual([]);
    // Nor does anything start again: no run the crash ended is retried (a retry would start
    // within a second), and the sample waiting for a slot never starts.
    await new Promise((r) => setTimeout(r, 3000));
    const later = await leftoverProcesses(mark);
    expect(later, `processes started after the crash:\n${describeProcs(later)}\n${stderr}`).toEqual([]);
    expect(stderr, 'the ended run was retried').not.toMatch(/retrying/);
    expect(stderr, 'a sample started after the crash').not.toMatch(/▶ java\/http/);
    const m = /^parity: unexpected error \(a bug; please report it with (\S+), which holds the full stack\): TypeError: bugDouble is not a function$/m.exec(stderr);
    expect(m, stderr).not.toBeNull();
    expect(path.dirname(m![1]!)).toBe(process.env.TMPDIR);
    expect(readFileSync(m![1]!, 'utf8')).toMatch(/TypeError: bugDouble is not a function\n\s+at /);
  }, 120_000);
});
