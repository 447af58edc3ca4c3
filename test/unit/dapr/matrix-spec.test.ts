// The version matrix: spelling of --dapr, picking versions out of release tags, and one report
// (console, summary.md, junit.xml) over several version pairs.
import { describe, expect, it } from 'vitest';
import { compareVersionTags, parseMatrixSpec, pickVersion } from '../../../harness/dapr/matrix-spec.ts';
import type { RunReport, SampleResult } from '../../../harness/model.ts';
import { combineMatrix } from '../../../harness/report/combine.ts';
import { renderConsole } from '../../../harness/report/console.ts';
import { renderJunit } from '../../../harness/report/junit.ts';
import { renderMarkdown } from '../../../harness/report/markdown.ts';

describe('parseMatrixSpec', () => {
  it('reads CLI@runtime pairs, a lone runtime with the pinned CLI, and the channels', () => {
    expect(parseMatrixSpec('1.16.5@1.18.2, 1.16.5@1.17.x,1.19.0-rc.1,v1.16.5@latest', '1.16.5')).toEqual([
      { written: '1.16.5@1.18.2', cli: { kind: 'exact', version: '1.16.5' }, runtime: { kind: 'exact', version: '1.18.2' } },
      { written: '1.16.5@1.17.x', cli: { kind: 'exact', version: '1.16.5' }, runtime: { kind: 'patch', minor: '1.17' } },
      { written: '1.19.0-rc.1', cli: { kind: 'exact', version: '1.16.5' }, runtime: { kind: 'exact', version: '1.19.0-rc.1' } },
      { written: 'v1.16.5@latest', cli: { kind: 'exact', version: '1.16.5' }, runtime: { kind: 'latest' } },
    ]);
  });
  it('refuses what is not a version, an empty list, two @ and a pair twice, in one line each', () => {
    expect(() => parseMatrixSpec('1.16@1.18.2', '1.16.5')).toThrow('--dapr "1.16@1.18.2": "1.16" is not a version (use 1.18.2, 1.17.x, latest, previous or rc)');
    expect(() => parseMatrixSpec(' , ', '1.16.5')).toThrow(/names no version pair/);
    expect(() => parseMatrixSpec('1@2@3', '1.16.5')).toThrow(/one @ between/);
    expect(() => parseMatrixSpec('1.18.2,1.18.2', '1.16.5')).toThrow('--dapr lists "1.18.2" twice');
  });
});

describe('pickVersion', () => {
  const tags = ['v1.17.0', 'v1.17.5', 'v1.18.0', 'v1.18.3', 'v1.18.2', 'v1.19.0-rc.1', 'v1.19.0-rc.2', 'v1.16.9', 'v1.17.10'];
  it('latest is the newest stable, previous the newest of the minor before, X.Y.x its newest patch', () => {
    expect(pickVersion({ kind: 'latest' }, tags)).toBe('1.18.3');
    expect(pickVersion({ kind: 'previous' }, tags)).toBe('1.17.10');
    expect(pickVersion({ kind: 'patch', minor: '1.17' }, tags)).toBe('1.17.10');
    expect(pickVersion({ kind: 'patch', minor: '1.20' }, tags)).toBeUndefined();
    expect(pickVersion({ kind: 'exact', version: '9.9.9' }, tags)).toBe('9.9.9');
  });
  it('rc only when newer than the latest stable', () => {
    expect(pickVersion({ kind: 'rc' }, tags)).toBe('1.19.0-rc.2');
    expect(pickVersion({ kind: 'rc' }, [...tags, 'v1.19.0'])).toBeUndefined();
  });
  it('orders an RC before its release, numerically', () => {
    expect(['1.10.0', '1.9.0', '1.10.0-rc.2', '1.10.0-rc.10'].sort(compareVersionTags)).toEqual(['1.9.0', '1.10.0-rc.2', '1.10.0-rc.10', '1.10.0']);
  });
});

describe('a report over two version pairs', () => {
  const s = (id: string, status: SampleResult['status']): SampleResult => ({ id, language: 'go', variant: id.endsWith('sdk') ? 'sdk' : 'http', status, durationMs: 1500, attempts: 1, reason: status === 'failed' ? 'boom' : undefined }) as SampleResult;
  const r = (runtime: string, samples: SampleResult[], ok = true): RunReport => ({
    dapr: { cli: '1.16.5', runtime }, startedAt: 't', durationMs: 3000, samples,
    parity: { ok, expected: { secret: 'x' }, problems: ok ? [] : ['go/sdk: returned nothing'], checked: 2 }, orphanGoldens: [],
  });
  const combined = combineMatrix([r('1.18.2', [s('go/http', 'passed'), s('go/sdk', 'passed')]), r('1.17.5', [s('go/http', 'passed'), s('go/sdk', 'failed')], false)]);

  it('keeps each pair\'s versions on its samples and fails parity when one pair does', () => {
    expect(combined.samples.map((x) => [x.id, x.dapr?.runtime, x.status])).toEqual([
      ['go/http', '1.18.2', 'passed'], ['go/sdk', '1.18.2', 'passed'], ['go/http', '1.17.5', 'passed'], ['go/sdk', '1.17.5', 'failed'],
    ]);
    expect(combined.parity).toMatchObject({ ok: false, problems: ['dapr 1.16.5@1.17.5: go/sdk: returned nothing'], checked: 4 });
  });
  it('console and summary.md show a version × sample table', () => {
    const text = renderConsole(combined, 'out');
    expect(text).toMatch(/sample \/ dapr cli@runtime\s+1\.16\.5@1\.18\.2\s+1\.16\.5@1\.17\.5/);
    expect(text).toMatch(/go\/sdk\s+passed \(1\.5s\)\s+failed \(1\.5s\)/);
    expect(text).toContain('✖ go/sdk (dapr 1.16.5@1.17.5) failed: boom');
    const md = renderMarkdown(combined);
    expect(md).toContain('Dapr CLI@runtime 1.16.5@1.18.2, 1.16.5@1.17.5.');
    expect(md).toContain('| go/sdk | passed (1.5s) | failed (1.5s) |');
  });
  it('junit.xml has one suite per pair', () => {
    const xml = renderJunit(combined);
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
    expect(xml).toContain('<testsuites name="dapr-quickstart-parity" tests="6" failures="2" skipped="0"');
    expect(xml).toContain('<testsuite name="secrets-management (dapr cli 1.16.5, runtime 1.17.5)" tests="3" failures="2"');
  });
});
