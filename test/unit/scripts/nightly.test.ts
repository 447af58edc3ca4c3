import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../harness/model.ts';
import { newFailures, versionSampleTable } from '../../../scripts/nightly-summary.ts';
import { pickNightlyPairs } from '../../../scripts/nightly-versions.ts';

describe('pickNightlyPairs', () => {
  const cli = ['v1.16.5', 'v1.16.4', 'v1.17.0', 'v1.18.0', 'v1.18.1-rc.1', 'v1.19.0-rc.2', 'v1.19.0-rc.1', 'nightly-2026'];
  it('newest stable, previous minor, and the newest RC when newer, each with the CLI of its minor', () => {
    const runtime = ['v1.17.9', 'v1.18.2', 'v1.18.3', 'v1.18.0-rc.4', 'v1.19.0-rc.1', 'v1.19.0-rc.3', 'v1.16.0'];
    expect(pickNightlyPairs(cli, runtime)).toEqual([
      { cli: '1.18.0', runtime: '1.18.3', label: 'stable' },
      { cli: '1.17.0', runtime: '1.17.9', label: 'previous-minor' },
      { cli: '1.19.0-rc.2', runtime: '1.19.0-rc.3', label: 'rc' },
    ]);
  });
  it('leaves out an RC that is not newer than the stable release, and falls back to the newest stable CLI', () => {
    expect(pickNightlyPairs(['v1.16.5'], ['v1.18.3', 'v1.18.3-rc.2', 'v1.18.0-rc.1', 'v1.17.1'])).toEqual([
      { cli: '1.16.5', runtime: '1.18.3', label: 'stable' },
      { cli: '1.16.5', runtime: '1.17.1', label: 'previous-minor' },
    ]);
  });
  it('refuses when there is no stable runtime at all', () => {
    expect(() => pickNightlyPairs(cli, ['v2.0.0-rc.1'])).toThrow(/no stable dapr\/dapr release/);
  });
});

describe('nightly summary', () => {
  const report = (cliV: string, statuses: Record<string, string>): RunReport => ({
    dapr: { cli: cliV, runtime: '1.18.3' }, startedAt: '', durationMs: 0, orphanGoldens: [],
    parity: { ok: true, expected: {}, problems: [], checked: 2 },
    samples: Object.entries(statuses).map(([id, status]) => ({ id, status, reason: status === 'passed' ? undefined : 'why | here' })) as RunReport['samples'],
  });
  it('is one row per sample and one column per version pair', () => {
    expect(versionSampleTable([report('1.18.0', { 'go/http': 'passed', 'python/sdk': 'failed' }), report('1.17.0', { 'go/http': 'skipped' })])).toBe([
      '| sample | CLI 1.18.0 / runtime 1.18.3 | CLI 1.17.0 / runtime 1.18.3 |',
      '| --- | --- | --- |',
      '| go/http | passed | skipped: why \\| here |',
      '| python/sdk | failed: why \\| here | — |',
      '| parity | ok | ok |',
      '',
    ].join('\n'));
  });
  it('lists the samples the baseline comparison marked new failures', () => {
    const r = report('1.18.0', { 'go/http': 'failed', 'python/sdk': 'failed' });
    r.samples[0]!.change = 'new-failure';
    r.samples[1]!.change = 'still-failing';
    expect(newFailures(r)).toEqual(['- go/http: why | here']);
    expect(newFailures(report('1.18.0', { 'go/http': 'failed' }))).toEqual([]);
  });
});
