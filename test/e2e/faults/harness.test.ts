// Fault injection around the harness itself: a port the run needs is taken (failed, then flaky),
// the harness is interrupted, two harness runs at once, failing install steps. Real `parity run`
// child processes, real `dapr run`, real daprd; every test ends by checking nothing is left.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'vitest';
import { faultSuite } from '../../helpers/fault-suite.ts';
import { expectNoRetryButPortRaces, expectNothingLeft, expectPassed, runLog, sampleResult } from '../../helpers/fault-asserts.ts';
import { HTTP_SECRET_APP, makeFaultTree, SECRET_LINE } from '../../helpers/fault-tree.ts';
import { holdPort, pickTestPort, waitForProcesses } from '../../helpers/leftovers.ts';
import { runParity, startParity, waitForFile } from '../../helpers/parity-child.ts';

const E2E = 120_000;
const httpApp = { run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } };

faultSuite();

describe.concurrent('a port the run needs is taken', () => {
  it('held for the whole run: failed as an infrastructure failure after every attempt, exit 1', async ({ expect }) => {
    const port = await pickTestPort();
    const holder = await holdPort(port);
    try {
      const tree = makeFaultTree({ samples: [httpApp] });
      const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port), '--retries', '1']);
      const s = sampleResult(expect, r);
      expect(r.code, r.describe()).toBe(1);
      expect(s.status).toBe('failed');
      expect(s.reason).toContain('infrastructure failure after 2 attempt(s)');
      expect(s.reason).toMatch(/port/i);
      expect(s.reason).toContain(`Port ${port} is not available`);
      expect(s.attempts).toBe(2);
      expect(s.retries).toHaveLength(1);
      expect(existsSync(path.join(r.reportDir, 'logs', 'python-http', 'run.attempt-2.log'))).toBe(true);
      expect(r.stderr).toContain('python/http: attempt 1 hit an infrastructure failure');
      await expectNothingLeft(expect, r);
    } finally {
      await holder.release();
    }
  }, E2E);

  it('released after the first attempt fails: flaky, exit 0, attempts 2, and junit.xml / summary.md say flaky', async ({ expect }) => {
    const port = await pickTestPort();
    const holder = await holdPort(port);
    try {
      const tree = makeFaultTree({ samples: [httpApp] });
      const run = startParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port), '--retries', '2']);
      // The harness logs the failed attempt, then waits (≥ 500 ms) before the next one.
      await run.waitForStderr(/attempt 1 hit an infrastructure failure/);
      await holder.release();
      const r = await run.done;
      const s = sampleResult(expect, r);
      expect(r.code, r.describe()).toBe(0);
      expect(s.status).toBe('flaky');
      // Attempt 1 fails on the held port; attempt 2 passes (a further real port race on this busy
      // machine could add an attempt, which must then be a port race too).
      expect(s.attempts).toBeGreaterThanOrEqual(2);
      expect(s.retries![0]!.retryCause).toBe(`a port was taken between pick and bind (invalid configuration for HTTPPort. Port ${port} is not available)`);
      expectNoRetryButPortRaces(expect, s);
      expect(s.reason).toMatch(new RegExp(`^passed on attempt ${s.attempts}; earlier: a port was taken between pick and bind \\(invalid configuration for HTTPPort\\. Port ${port} is not available\\)`));
      // Both attempts' raw logs are kept: run.log is the passing one, run.attempt-1.log the clash.
      expect(readFileSync(path.join(r.reportDir, 'logs', 'python-http', 'run.attempt-1.log'), 'utf8')).toContain(`Port ${port} is not available`);
      expect(runLog(r)).toContain('== APP == Fetched Secret');
      expect(s.output).toBe(`${SECRET_LINE}\n`);
      const junit = readFileSync(path.join(r.reportDir, 'junit.xml'), 'utf8');
      expect(junit).toContain('<property name="status" value="flaky"/>');
      expect(junit).toContain(`<property name="attempts" value="${s.attempts}"/>`);
      expect(junit).toContain(`FLAKY: passed after ${s.attempts} attempts.`);
      expect(junit).toMatch(/<testsuites [^>]*failures="0"/);
      const summary = readFileSync(path.join(r.reportDir, 'summary.md'), 'utf8');
      expect(summary).toContain('0 passed, 0 failed, 0 skipped, 1 flaky');
      expect(summary).toContain('## python/http: flaky');
      expect(r.stdout).toContain(`python/http flaky: passed on attempt ${s.attempts}`);
      await expectNothingLeft(expect, r, [port]);
    } finally {
      await holder.release();
    }
  }, E2E);
});

describe.concurrent('the harness is interrupted', () => {
  const sleeper = { run: `sh -c 'sleep 600 & touch started; exec sleep 600'` };

  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    it(`${sig} mid-run: exit ${code}, report.json written with the sample failed "interrupted", nothing left`, async ({ expect }) => {
      const tree = makeFaultTree({ samples: [sleeper] });
      const port = await pickTestPort();
      const run = startParity(tree.root, ['--timeout', '90', '--dapr-http-port', String(port)]);
      await run.waitForStderr(/▶ python\/http\s+started/);
      await waitForFile(tree.path('samples/python/http/started'), 60_000, run.done);
      await waitForProcesses(run.mark, (ps) => ps.filter((p) => p.cmdline === 'sleep 600').length === 2 && ps.some((p) => /daprd/.test(p.cmdline)), 'daprd and both sleeps');

      run.child.kill(sig);
      const r = await run.done;
      const s = sampleResult(expect, r);
      expect(r.code, r.describe()).toBe(code);
      expect(r.stderr).toContain(`${sig} received: stopping 1 run(s)`);
      expect(s.status).toBe('failed');
      expect(s.reason).toMatch(/^interrupted/);
      expect(s.durationMs).toBeLessThan(60_000);
      expect(existsSync(path.join(r.reportDir, 'junit.xml'))).toBe(true);
      expect(existsSync(path.join(r.reportDir, '.lock'))).toBe(false);
      await expectNothingLeft(expect, r, [port]);
    }, E2E);
  }

  it('SIGINT twice, the second while teardown waits on a child that ignores SIGTERM: exit 130, nothing left', async ({ expect }) => {
    // The ignoring child holds the first teardown in its SIGTERM grace period, so the second
    // SIGINT surely lands mid-teardown (a second one after the run has ended is not a case).
    const tree = makeFaultTree({ samples: [{ run: `sh -c "trap '' TERM; sleep 600 & touch started; wait"` }] });
    const port = await pickTestPort();
    const run = startParity(tree.root, ['--timeout', '90', '--dapr-http-port', String(port)]);
    await waitForFile(tree.path('samples/python/http/started'), 60_000, run.done);
    await waitForProcesses(run.mark, (ps) => ps.some((p) => p.cmdline === 'sleep 600'), 'the SIGTERM-ignoring sleep');
    run.child.kill('SIGINT');
    await run.waitForStderr(/SIGINT received/);
    await new Promise((r) => setTimeout(r, 300));
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.describe()).toBe(130);
    expect(r.durationMs).toBeLessThan(60_000);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);
});

describe.concurrent('two harness runs at once', () => {
  // Slow enough that the second run starts while the first holds its report folder.
  const slowApp = { run: 'python3 app.py', files: { 'app.py': `import time\ntime.sleep(3)\n${HTTP_SECRET_APP}` } };

  it('same report folder: the second exits 2 "in use by another parity run"; the first passes untouched', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [slowApp] });
    const first = startParity(tree.root, ['--timeout', '60']);
    await waitForFile(path.join(first.reportDir, '.lock'), 30_000, first.done);
    const second = await runParity(tree.root, ['--timeout', '60'], { reportDir: first.reportDir });
    expect(second.code, second.describe()).toBe(2);
    expect(second.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(second.errorLines[0]).toMatch(new RegExp(`^parity: report folder ${first.reportDir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} is in use by another parity run \\(pid ${first.child.pid}, lock .*\\.lock\\)$`));
    const r = await first.done;
    expect(r.code, r.describe()).toBe(0);
    expectPassed(expect, sampleResult(expect, r), r.describe());
    await expectNothingLeft(expect, second);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('different report folders: both pass', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [slowApp] });
    const [a, b] = await Promise.all([
      runParity(tree.root, ['--timeout', '60'], { reportDir: tree.path('artifacts-a') }),
      runParity(tree.root, ['--timeout', '60'], { reportDir: tree.path('artifacts-b') }),
    ]);
    for (const r of [a, b]) {
      expect(r.code, r.describe()).toBe(0);
      expectPassed(expect, sampleResult(expect, r), r.describe());
      await expectNothingLeft(expect, r);
    }
  }, E2E);

  it('a stale lock (its owner is dead) is taken over, and removed at the end', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp] });
    const dead = spawnSync('sh', ['-c', 'echo $$']).stdout.toString().trim();
    mkdirSync(tree.path('artifacts'), { recursive: true });
    writeFileSync(tree.path('artifacts', '.lock'), dead);
    const r = await runParity(tree.root, ['--timeout', '30']);
    expect(r.code, r.describe()).toBe(0);
    expect(existsSync(tree.path('artifacts', '.lock'))).toBe(false);
    await expectNothingLeft(expect, r);
  }, E2E);
});

describe('install steps fail', () => {
  it('`exit 3` and a pip install of a package that does not exist: failed with the command and its log tail; the other sample still runs', async ({ expect }) => {
    const tree = makeFaultTree({
      samples: [
        httpApp,
        { ...httpApp, variant: 'sdk', install: [{ run: 'echo preparing the venv; echo "pip: resolution failed" >&2; exit 3' }] },
        {
          ...httpApp, language: 'javascript', variant: 'sdk',
          install: [{ run: 'python3 -m pip install --no-index --disable-pip-version-check does-not-exist-parity-xyz', inputs: ['app.py'] }],
        },
      ],
    });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port), '--concurrency', '1']);
    expect(r.code, r.describe()).toBe(1);
    const ok = sampleResult(expect, r, 'python/http');
    expectPassed(expect, ok, r.describe());

    const exit3 = sampleResult(expect, r, 'python/sdk');
    expect(exit3.status).toBe('failed');
    expect(exit3.attempts).toBe(0);
    expect(exit3.reason).toBe('install step "echo preparing the venv; echo "pip: resolution failed" >&2; exit 3" failed (exit 3):\npreparing the venv\npip: resolution failed');
    expect(readFileSync(exit3.logFile!, 'utf8')).toContain('pip: resolution failed');

    const pip = sampleResult(expect, r, 'javascript/sdk');
    expect(pip.status).toBe('failed');
    expect(pip.reason).toMatch(/^install step "python3 -m pip install --no-index .*does-not-exist-parity-xyz" failed \(exit 1\):\n/);
    expect(pip.reason).toContain('No matching distribution found for does-not-exist-parity-xyz');
    // A failed install leaves no stamp: the next run tries again rather than skipping it.
    expect(existsSync(path.join(tree.sampleDir(1), '.parity-install.json')) ? readFileSync(path.join(tree.sampleDir(1), '.parity-install.json'), 'utf8') : '{}').not.toContain('exit 3');
    expect(r.report!.parity.checked).toBe(1);
    expect(runLog(r, 'python/sdk')).toBe('');
    await expectNothingLeft(expect, r, [port]);
  }, E2E);
});
