// What the harness makes of a run under dapr CLI ≥ 1.17, from the real output of CLI 1.18.0 with
// daprd 1.18.2 (test/fixtures/dapr-output/cli-1.18.0/, see its README): the app's output as a
// golden would hold it, and the verdict on the attempt. This machine's CLI is 1.16.5, so the e2e
// branches for the newer CLI (faults/app.test.ts) are skipped here; these recordings stand in.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareWithGolden } from '../../../harness/golden/compare.ts';
import { classifyAttempt } from '../../../harness/run/infra.ts';
import { readRunOutput } from '../../../harness/run/observe.ts';

const ROOT = path.join(import.meta.dirname, '..', '..', '..');
const dir = path.join(ROOT, 'test', 'fixtures', 'dapr-output', 'cli-1.18.0');
const golden = (id: string) => readFileSync(path.join(ROOT, 'expected', `${id}.txt`), 'utf8');

function recorded(name: string): { stdout: string; stderr: string; exitCode: number } {
  const read = (ext: string) => readFileSync(path.join(dir, `${name}.${ext}`), 'utf8');
  return { stdout: read('stdout'), stderr: read('stderr'), exitCode: Number(/^exit (\d+)$/m.exec(read('exit'))![1]) };
}

/** The harness's reading and verdict for a finished run printed by CLI `cli`. */
function judge(printed: { stdout: string; stderr: string }, outcome: { exitCode: number | undefined; signal?: string }, opts: { cli?: string; golden?: string } = {}) {
  const read = readRunOutput(printed, { cliVersion: opts.cli ?? '1.18.0', root: '/home/user/quickstart-parity' });
  const verdict = classifyAttempt(
    { outcome: { ...outcome, timedOut: false, aborted: false }, split: read.split, output: read.output },
    { timeoutMs: 60_000, golden: opts.golden, retryLostOutput: true },
  );
  return { ...read, verdict };
}

describe('recorded CLI 1.18 runs: what the harness reports', () => {
  it.each([['python-sdk'], ['go-http']])('%s: passes, its output matching the repository\'s own golden', (name) => {
    const r = recorded(name);
    const j = judge(r, r);
    expect(j.split.shape).toBe('unprefixed');
    expect(j.verdict).toEqual({ kind: 'ok' });
    expect(compareWithGolden(j.output, golden(name), `expected/${name}.txt`)).toEqual({ kind: 'match' });
  });

  it('failing-app: app stdout then stderr, no blank line at the seam; failed (never retried), the reason quoting the app\'s last line, from its stderr', () => {
    const r = recorded('failing-app');
    const j = judge(r, r);
    expect(j.output).toBe('to stdout\nto stderr\n');
    expect(j.verdict).toEqual({ kind: 'failed', reason: 'dapr run exited 1; the app printed: to stderr' });
  });

  it('daprd-fatal: failed on daprd\'s fatal line, not a "sidecar not ready" retry, although the app printed after it', () => {
    const r = recorded('daprd-fatal');
    expect(judge(r, r).verdict).toEqual({
      kind: 'failed',
      reason: 'dapr run exited 1; daprd failed: Fatal error from runtime: error loading configuration: stat /home/user/.dapr/config.yaml: no such file or directory',
    });
  });

  it('daprd-fatal-component: the CLI the daprd-exit watch ends (killed, no exit code) fails on the component error', () => {
    const r = recorded('daprd-fatal-component');
    const j = judge(r, { exitCode: undefined, signal: 'SIGKILL' });
    expect(j.verdict.kind).toBe('failed');
    expect(j.verdict.kind === 'failed' && j.verdict.reason).toMatch(/^dapr run exited SIGKILL; daprd failed: Fatal error from runtime: process component localsecretstore error: .*open \.\.\/\.\.\/\.\.\/secrets\.json: no such file or directory$/);
  });

  it('an app line cut short is the sample\'s failure under CLI 1.18 (no output race to retry), while under 1.16 the same is retried', () => {
    const r = recorded('python-sdk');
    const g = golden('python-sdk');
    const line = g.trimEnd();
    // The recording with the app's only line gone: the output is a strict prefix (empty) of the golden.
    const cut = { stdout: r.stdout.replace(`${line}\n`, ''), stderr: r.stderr };
    expect(cut.stdout).not.toBe(r.stdout);
    const newer = judge(cut, r, { golden: g });
    expect(newer.output).toBe('');
    expect(newer.verdict).toEqual({ kind: 'ok' }); // then the golden comparison fails it, on every attempt
    expect(compareWithGolden(newer.output, g, 'expected/python-sdk.txt').kind).toBe('mismatch');
    const older = judge({ stdout: cut.stdout.replace(/^(?=Fetched)/m, '== APP == '), stderr: '' }, r, { cli: '1.16.5', golden: g });
    expect(older.verdict).toEqual({ kind: 'infra', cause: expect.stringMatching(/output race/) });
  });
});

describe('a 1 MB app line under CLI ≥ 1.17 (the e2e branch this machine cannot run)', () => {
  const long = 'z'.repeat(1024 * 1024);
  const r = recorded('python-sdk');
  const line = golden('python-sdk').trimEnd();
  // As the newer CLI prints it: the app's bytes straight through, bare, among daprd's lines.
  const printed = { stdout: r.stdout.replace(`${line}\n`, `${long}\n${line}\n`), stderr: r.stderr };

  it('arrives whole as the app\'s output, and a golden of the same content passes', () => {
    const j = judge(printed, r, { golden: `${long}\n${line}\n` });
    expect(j.output).toBe(`${long}\n${line}\n`);
    expect(j.verdict).toEqual({ kind: 'ok' });
    expect(compareWithGolden(j.output, `${long}\n${line}\n`, 'golden').kind).toBe('match');
  });

  it('read as CLI 1.16 output (which prefixes every app line), the bare line is not the app\'s', () => {
    const j = judge(printed, r, { cli: '1.16.5' });
    expect(j.split.shape).toBe('prefixed');
    expect(j.output).toBe('');
    expect(j.split.other).toContain(long);
  });
});
