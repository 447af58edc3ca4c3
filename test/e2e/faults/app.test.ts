// Fault injection, the app's side: apps that hang, spawn process trees, fail, print nothing, or
// print too much / oddly shaped output. Each test builds its own sample tree, runs the real
// `parity run` (real `dapr run`, real daprd) as a child process and asserts the exact outcome,
// then that nothing it started is left and the daprd HTTP port it was given is free again.
import { afterAll, describe, it } from 'vitest';
import { shapeForCli } from '../../../harness/output/split.ts';
import { realDapr } from '../../helpers/dapr.ts';
import { expectNoRetryButPortRaces, expectNothingLeft, expectPassed, runLog, sampleResult } from '../../helpers/fault-asserts.ts';
import { CLEAN_GOLDEN, makeFaultTree, removeFaultTrees, SECRET_LINE } from '../../helpers/fault-tree.ts';
import { pickTestPort, waitForProcesses } from '../../helpers/leftovers.ts';
import { endParityChildren, runParity, startParity, waitForFile } from '../../helpers/parity-child.ts';

const E2E = 120_000;
// How the CLI forwards a 1 MB line decides which of two tests applies: known at collection, so the
// one this machine's CLI cannot run is a counted skip that says why, never a pass.
const cliVersion = (await realDapr()).cli.version;
const prefixingCli = shapeForCli(cliVersion) === 'prefixed';
const skipNote = (applies: boolean, why: string) => (applies ? '' : ` (skipped: this machine's dapr CLI is ${cliVersion}; ${why})`);
afterAll(async () => {
  await endParityChildren();
  removeFaultTrees();
});

/** A python3 app from a script body (quick to start; no shell quoting in the manifest). */
const py = (body: string) => ({ run: 'python3 app.py', files: { 'app.py': body } });

describe.concurrent('the app hangs', () => {
  it('a hanging app is ended at --timeout: failed "timed out", exit 1, nothing left', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [{ run: `sh -c 'touch started; exec sleep 600'` }] });
    const port = await pickTestPort();
    // 15 s: on a loaded machine daprd alone can take more than 5 s to come up.
    const run = startParity(tree.root, ['--timeout', '15', '--dapr-http-port', String(port)]);
    await waitForFile(tree.path('samples/python/http/started'), 60_000, run.done);
    // The mark must reach daprd and the app, or "nothing left" below would prove nothing.
    await waitForProcesses(run.mark, (ps) => ps.some((p) => /daprd/.test(p.cmdline)) && ps.some((p) => p.cmdline === 'sleep 600'), 'daprd and the app');

    const r = await run.done;
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^timed out after 15s; every process it started was ended$/);
    expectNoRetryButPortRaces(expect, s);
    expect(runLog(r)).toMatch(/^# exit: .* \(timed out\)/m);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('children, grandchildren, a setsid\'d child, a double-forked daemon and a child ignoring SIGTERM are all ended', async ({ expect }) => {
    const tree = makeFaultTree({
      samples: [py(`import os, subprocess, time
subprocess.Popen(['sleep', '600'])                                   # child, same process group
subprocess.Popen(['sh', '-c', 'sleep 600 & sleep 600 & wait'])       # grandchildren
subprocess.Popen(['setsid', 'sleep', '600'])                         # own session and group
subprocess.Popen(['sh', '-c', "trap '' TERM; exec sleep 600"])       # ignores SIGTERM: needs SIGKILL
if os.fork() == 0:                                                   # double-forked daemon
    os.setsid()
    if os.fork() == 0:
        time.sleep(600)
    os._exit(0)
time.sleep(0.5)
open('started', 'w').close()
time.sleep(600)
`)],
    });
    const port = await pickTestPort();
    // More to start than the plain hang above: a longer timeout keeps a loaded machine from
    // ending the run before the app has made its whole tree.
    const run = startParity(tree.root, ['--timeout', '15', '--dapr-http-port', String(port)]);
    await waitForFile(tree.path('samples/python/http/started'), 60_000, run.done);
    // sleep ×5 from the app's tree plus the daemon (a python3 fork) must all be seen while running.
    await waitForProcesses(run.mark, (ps) => ps.filter((p) => p.cmdline === 'sleep 600').length === 5
      && ps.filter((p) => /python3 app\.py$/.test(p.cmdline)).length >= 2, '5 sleeps and the daemon');

    const r = await run.done;
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/timed out after 15s/);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('an app that exits 0 but leaves a daemon behind passes, and the daemon is ended', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [py(`import subprocess
subprocess.Popen(['setsid', 'sleep', '600'], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print('${SECRET_LINE}', flush=True)
`)] });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expectPassed(expect, s, r.describe());
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/python\/http: 1 process\(es\) outlived dapr run and were ended: \d+/);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);
});

describe.concurrent('the app fails', () => {
  it('exits non-zero: failed, the reason names the exit and the app\'s last line', async ({ expect }) => {
    // The pause before the exit: CLI 1.16 can drop the lines an app prints right before it exits
    // (its output race, retried for runs that would pass); this test is about the reason.
    const tree = makeFaultTree({ samples: [py(`import sys, time
print('connecting to the sidecar', flush=True)
print('giving up: the sidecar said no', flush=True)
time.sleep(0.5)
sys.exit(7)
`)] });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toBe('dapr run exited 1; the app printed: giving up: the sidecar said no');
    expectNoRetryButPortRaces(expect, s); // an app error is never retried
    expect(runLog(r)).toContain('The App process exited with error code: exit status 7');
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('prints nothing: failed on the golden, and parity says there is no secret line', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [{ run: 'python3 -c pass' }] });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^output differs from expected\/python-http\.txt \(accept with `npx parity run python\/http --update`\)$/);
    expect(s.diff).toContain(`-${SECRET_LINE}`);
    expect(s.output).toBe('');
    expect(r.report!.parity.ok).toBe(false);
    expect(r.report!.parity.problems).toContain('python/http: no "Fetched Secret:" line in the output');
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('prints nothing against an empty golden: failed on parity, "no Fetched Secret line"', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [{ run: 'python3 -c pass', golden: '' }] });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toBe('parity: no "Fetched Secret:" line in the output');
    await expectNothingLeft(expect, r, [port]);
  }, E2E);
});

describe.concurrent('odd output', () => {
  it('10 MB of output: the raw log holds every line and a golden of the same content passes', async ({ expect }) => {
    const lines = 100_000;
    const line = (i: number) => `line ${String(i).padStart(6, '0')} ${'x'.repeat(88)}`; // 100 bytes with its newline
    const golden = `${Array.from({ length: lines }, (_, i) => line(i)).join('\n')}\n${SECRET_LINE}\n`;
    const tree = makeFaultTree({
      samples: [{ ...py(`import sys
w = sys.stdout.write
for i in range(${lines}):
    w('line %06d %s\\n' % (i, 'x' * 88))
print('${SECRET_LINE}', flush=True)
`), golden }],
    });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '60', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expectPassed(expect, s, r.describe());
    expect(r.code).toBe(0);
    expect(s.output!.length).toBe(golden.length);
    const log = runLog(r);
    expect(log.length).toBeGreaterThan(10 * 1000 * 1000);
    expect(log.match(/^== APP == line \d{6} x{88}$/gm)?.length).toBe(lines);
    expect(log).toContain(`== APP == ${line(lines - 1)}\n`);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('a 60 KB line (the longest CLI 1.16 forwards) arrives whole and matches its golden', async ({ expect }) => {
    const long = 'y'.repeat(60_000);
    const tree = makeFaultTree({ samples: [{ ...py(`print('y' * 60000, flush=True)\nprint('${SECRET_LINE}', flush=True)\n`), golden: `${long}\n${SECRET_LINE}\n` }] });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expectPassed(expect, s, r.describe());
    expect(runLog(r)).toContain(`== APP == ${long}\n`);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  const long = 'z'.repeat(1024 * 1024);
  /** A sample printing one 1 MB line, then the secret line; its golden holds both. */
  const oneMegabyteLine = async (timeoutS: number) => {
    const tree = makeFaultTree({ samples: [{ ...py(`import sys\nsys.stdout.write('z' * ${1024 * 1024} + '\\n')\nprint('${SECRET_LINE}', flush=True)\n`), golden: `${long}\n${SECRET_LINE}\n` }] });
    const port = await pickTestPort();
    return { port, r: await runParity(tree.root, ['--timeout', String(timeoutS), '--dapr-http-port', String(port)]) };
  };

  it.skipIf(!prefixingCli)(`a 1 MB single line: the harness does not crash; CLI ≤ 1.16 stalls the app (64 KiB line limit), so it times out with nothing left${skipNote(prefixingCli, 'it passes app lines through')}`, async ({ expect }) => {
    const { port, r } = await oneMegabyteLine(8);
    const s = sampleResult(expect, r);
    expect(r.errorLines, r.describe()).toEqual([]); // no "unexpected error" crash line
    // dapr CLI ≤ 1.16 reads the app through bufio.Scanner (64 KiB max token): on a longer line it
    // stops reading, the app blocks on a full pipe, and only the timeout ends the run.
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^timed out after 8s/);
    expect(runLog(r)).not.toContain('== APP == zzzz');
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it.skipIf(prefixingCli)(`a 1 MB single line under CLI ≥ 1.17 arrives whole and passes${skipNote(!prefixingCli, 'it prefixes app lines, and test/unit/run/observe.cli-1.18.test.ts checks this branch on recorded CLI 1.18 output')}`, async ({ expect }) => {
    const { port, r } = await oneMegabyteLine(30);
    const s = sampleResult(expect, r);
    expect(r.errorLines, r.describe()).toEqual([]);
    // CLI ≥ 1.17 lets the app write straight through: the line must arrive whole.
    expectPassed(expect, s, r.describe());
    expect(s.output).toBe(`${long}\n${SECRET_LINE}\n`);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  const shapes: [string, string, RegExp][] = [
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the log is expected to keep the app's escape codes
    ['ANSI colours', `'\\x1b[1;32m' + LINE + '\\x1b[0m\\n'`, /== APP == \x1b\[1;32mFetched Secret: .*\x1b\[0m\n/],
    ['CRLF line ends', `LINE + '\\r\\n'`, /== APP == Fetched Secret: \{"secret":"YourPasskeyHere"\}\n/],
    ['no trailing newline', `LINE`, /== APP == Fetched Secret: \{"secret":"YourPasskeyHere"\}\n/],
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the log is expected to keep the app's escape codes
    ['colour, trailing blanks, CRLF and blank lines at once', `'\\r\\n\\x1b[31m' + LINE + '\\x1b[0m   \\r\\n\\r\\n'`, /== APP == \x1b\[31mFetched Secret: .*\x1b\[0m {3}\n/],
  ];
  for (const [name, expr, inLog] of shapes) {
    it(`${name}: normalized to the clean golden, and passes`, async ({ expect }) => {
      const tree = makeFaultTree({ samples: [{ ...py(`import sys\nLINE = '${SECRET_LINE}'\nsys.stdout.write(${expr})\nsys.stdout.flush()\n`), golden: CLEAN_GOLDEN }] });
      const port = await pickTestPort();
      const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)]);
      const s = sampleResult(expect, r);
      expectPassed(expect, s, r.describe());
      expect(r.code).toBe(0);
      expect(s.output).toBe(CLEAN_GOLDEN);
      expect(s.parsedSecret).toEqual({ secret: 'YourPasskeyHere' });
      expect(runLog(r)).toMatch(inLog); // the raw log keeps what the CLI printed, colours and all
      await expectNothingLeft(expect, r, [port]);
    }, E2E);
  }
});
