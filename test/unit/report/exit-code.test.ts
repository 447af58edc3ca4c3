import { describe, expect, it } from 'vitest';
import type { RunReport, SampleResult } from '../../../harness/model.ts';
import { exitCode, failed, parityHolds } from '../../../harness/report/exit-code.ts';

const sample = (status: SampleResult['status'], change?: SampleResult['change']): SampleResult =>
  // The exit rule reads only status and change: the variants' own fields do not matter here.
  ({ id: 'go/http', language: 'go', variant: 'http', status, durationMs: 1, attempts: 1, ...(change ? { change } : {}) }) as SampleResult;
const report = (samples: SampleResult[], over: Partial<RunReport> = {}): RunReport => ({
  dapr: { cli: '1', runtime: '1' }, startedAt: '', durationMs: 0, orphanGoldens: [],
  parity: { ok: true, expected: {}, problems: [], checked: 1 }, samples, ...over,
});
const baseline = (parityNewlyFailed?: boolean) => ({ file: 'b', startedAt: '', newFailures: 0, fixed: 0, stillFailing: 0, ...(parityNewlyFailed === undefined ? {} : { parityNewlyFailed }) });
const parityFailed = { ok: false, expected: {}, problems: ['x'], checked: 1 };

describe('failed', () => {
  it('--fail-on any: a failed sample or a parity failure; flaky and skipped samples pass', () => {
    expect(failed(report([sample('passed'), sample('flaky'), sample('skipped')]), 'any')).toBe(false);
    expect(failed(report([sample('passed'), sample('failed')]), 'any')).toBe(true);
    expect(failed(report([sample('passed')], { parity: parityFailed }), 'any')).toBe(true);
  });
  it('--fail-on any: a building block whose languages disagree fails the run; blocks that agree do not', () => {
    const block = (ok: boolean) => ({ block: 'pub_sub', rule: 'ids', ok, facts: {}, problems: ok ? [] : ['x'], checked: 2 });
    expect(failed(report([sample('passed')], { blocks: [block(true), block(false)] }), 'any')).toBe(true);
    expect(failed(report([sample('passed')], { blocks: [block(true)] }), 'any')).toBe(false);
    expect(parityHolds({ parity: { ok: true, expected: {}, problems: [], checked: 0 }, blocks: [block(false)] })).toBe(false);
    expect(parityHolds({ parity: { ok: true, expected: {}, problems: [], checked: 0 } })).toBe(true);
    expect(parityHolds({ parity: parityFailed })).toBe(false);
  });
  it('--fail-on new with a baseline: only a new failure or a newly failed parity', () => {
    expect(failed(report([sample('failed', 'still-failing')], { baseline: baseline() }), 'new')).toBe(false);
    expect(failed(report([sample('failed', 'still-failing')], { baseline: baseline(false), parity: parityFailed }), 'new')).toBe(false);
    expect(failed(report([sample('passed'), sample('failed', 'new-failure')], { baseline: baseline() }), 'new')).toBe(true);
    expect(failed(report([sample('passed')], { baseline: baseline(true) }), 'new')).toBe(true);
  });
  it('--fail-on new without a baseline is --fail-on any; --fail-on any ignores the baseline', () => {
    expect(failed(report([sample('failed')]), 'new')).toBe(true);
    expect(failed(report([sample('passed')]), 'new')).toBe(false);
    expect(failed(report([sample('failed', 'still-failing')], { baseline: baseline() }), 'any')).toBe(true);
  });
});

describe('exitCode', () => {
  it('is 130 for SIGINT, 143 for any other signal, whatever the run', () => {
    expect(exitCode(report([sample('passed')]), { failOn: 'any', interrupted: 'SIGINT' })).toBe(130);
    expect(exitCode(report([sample('failed')]), { failOn: 'any', interrupted: 'SIGTERM' })).toBe(143);
    expect(exitCode(report([sample('passed')]), { failOn: 'any', interrupted: 'SIGHUP' })).toBe(143);
  });
  it('is 1 when the run failed for --fail-on, else 0', () => {
    expect(exitCode(report([sample('failed')]), { failOn: 'any' })).toBe(1);
    expect(exitCode(report([sample('passed')]), { failOn: 'any' })).toBe(0);
    expect(exitCode(report([sample('failed', 'still-failing')], { baseline: baseline() }), { failOn: 'new' })).toBe(0);
  });
});
