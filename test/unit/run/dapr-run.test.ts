// The pure decisions of the run step: what an attempt means, and what a golden verdict does.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { decideGolden } from '../../../harness/golden/verdict.ts';
import { splitDaprOutput } from '../../../harness/output/split.ts';
import { writeAttemptLog } from '../../../harness/run/attempt-log.ts';
import type { DaprRunOutcome } from '../../../harness/run/dapr-run.ts';
import { classifyAttempt, exitReason } from '../../../harness/run/infra.ts';

cleanTempDirsAfterAll();

const prefixed = (lines: string[]) => splitDaprOutput(lines.join('\n'), 'prefixed');
const facts = (o: Partial<{ exitCode: number | undefined; timedOut: boolean; aborted: boolean; signal: string }> = {}) =>
  ({ exitCode: 0, timedOut: false, aborted: false, ...o });
const ctx = { timeoutMs: 30_000, golden: 'a\nb\n', retryLostOutput: true };

describe('classifyAttempt', () => {
  it('a clean exit with the whole output is ok', () => {
    expect(classifyAttempt({ outcome: facts(), split: prefixed(['== APP == a', '== APP == b']), output: 'a\nb\n' }, ctx)).toEqual({ kind: 'ok' });
  });
  it('an interruption and a timeout are final failures that say every process was ended', () => {
    expect(classifyAttempt({ outcome: facts({ aborted: true, exitCode: undefined }), split: prefixed([]), output: '' }, ctx))
      .toEqual({ kind: 'failed', reason: 'interrupted (SIGINT/SIGTERM to the harness); every process it started was ended' });
    expect(classifyAttempt({ outcome: facts({ timedOut: true, exitCode: undefined }), split: prefixed([]), output: '' }, ctx))
      .toEqual({ kind: 'failed', reason: 'timed out after 30s; every process it started was ended' });
  });
  it('a port clash is infrastructure, an app error is final', () => {
    const clash = prefixed(['❌  invalid configuration for HTTPPort. Port 3500 is not available']);
    expect(classifyAttempt({ outcome: facts({ exitCode: 1 }), split: clash, output: '' }, ctx)).toMatchObject({ kind: 'infra', cause: expect.stringMatching(/^a port was taken/) });
    const app = prefixed(['== APP == Traceback', '== APP == ValueError: boom']);
    expect(classifyAttempt({ outcome: facts({ exitCode: 1 }), split: app, output: '' }, ctx)).toEqual({ kind: 'failed', reason: 'dapr run exited 1; the app printed: ValueError: boom' });
  });
  it('a strict prefix of the golden is the CLI\'s output race, retried only while allowed', () => {
    const run = { outcome: facts(), split: prefixed(['== APP == a']), output: 'a\n' };
    expect(classifyAttempt(run, ctx)).toMatchObject({ kind: 'infra', cause: expect.stringContaining('output race') });
    expect(classifyAttempt(run, { ...ctx, retryLostOutput: false })).toEqual({ kind: 'ok' });
    expect(classifyAttempt(run, { ...ctx, golden: undefined })).toEqual({ kind: 'ok' });
  });
});

describe('exitReason', () => {
  it('prefers daprd\'s fatal cause, then the app\'s last line, then the CLI\'s error', () => {
    expect(exitReason(1, prefixed(['time="t" level=fatal msg="bad component" scope=s', '== APP == last']))).toBe('dapr run exited 1; daprd failed: bad component');
    expect(exitReason(1, prefixed(['== APP == first', '== APP == last', '== APP == ']))).toBe('dapr run exited 1; the app printed: last');
    expect(exitReason(1, prefixed(['❌  fork/exec /x/daprd: permission denied']))).toBe('dapr run exited 1; the dapr CLI said: fork/exec /x/daprd: permission denied');
    expect(exitReason('SIGKILL', prefixed([]))).toBe('dapr run exited SIGKILL; no output from the app');
  });
});

describe('decideGolden', () => {
  const c = { mode: 'verify' as const, sampleId: 'go/http', label: 'expected/go-http.txt' };
  it('a match writes nothing and fails nothing, updating or not', () => {
    expect(decideGolden({ kind: 'match' }, c)).toEqual({ write: false });
    expect(decideGolden({ kind: 'match' }, { ...c, mode: 'overwrite' as const })).toEqual({ write: false });
  });
  it('without --update a missing or different golden fails, with the command that accepts it', () => {
    expect(decideGolden({ kind: 'missing' }, c)).toEqual({ write: false, failure: { reason: 'no golden at expected/go-http.txt: run `npx parity run go/http --update` to create it, read it, then commit it' } });
    expect(decideGolden({ kind: 'mismatch', diff: 'D' }, c)).toEqual({ write: false, failure: { reason: 'output differs from expected/go-http.txt (accept with `npx parity run go/http --update`)', diff: 'D' } });
  });
  it('with --update it writes, and says whether it created or updated', () => {
    expect(decideGolden({ kind: 'missing' }, { ...c, mode: 'overwrite' as const })).toEqual({ write: true, note: 'golden expected/go-http.txt created' });
    expect(decideGolden({ kind: 'mismatch', diff: 'D' }, { ...c, mode: 'overwrite' as const })).toEqual({ write: true, note: 'golden expected/go-http.txt updated' });
  });
});

describe('writeAttemptLog', () => {
  const outcome = (all: string): DaprRunOutcome => ({ exitCode: 0, timedOut: false, aborted: false, stdout: all, stderr: '', all, durationMs: 5, leftovers: [], argv: ['dapr', 'run', '--placement-host-address', ''], marks: {}, phases: {} });
  it('run.log is always the last attempt; earlier ones keep numbered names', async () => {
    const dir = tempDir('parity-attempts-');
    expect(await writeAttemptLog(dir, 1, outcome('first'), '/s')).toBe(path.join(dir, 'run.log'));
    expect(readdirSync(dir)).toEqual(['run.log']);
    await writeAttemptLog(dir, 2, outcome('second'), '/s');
    await writeAttemptLog(dir, 3, outcome('third'), '/s');
    expect(readdirSync(dir).sort()).toEqual(['run.attempt-1.log', 'run.attempt-2.log', 'run.attempt-3.log', 'run.log']);
    expect(readFileSync(path.join(dir, 'run.attempt-1.log'), 'utf8')).toMatch(/first$/);
    expect(readFileSync(path.join(dir, 'run.log'), 'utf8')).toMatch(/third$/);
    expect(readFileSync(path.join(dir, 'run.log'), 'utf8')).toContain('# command: dapr run --placement-host-address ""');
  });
});
