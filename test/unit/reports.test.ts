import { describe, expect, it } from 'vitest';
import type { RunReport, SampleResult } from '../../harness/model.ts';
import { renderConsole } from '../../harness/report/console.ts';
import { renderJunit, xmlEscape } from '../../harness/report/junit.ts';
import { renderMarkdown } from '../../harness/report/markdown.ts';
import { cellText, matrixRows } from '../../harness/report/matrix.ts';
import { unreachableReason } from '../../harness/samples/unreachable-registry.ts';
import { checkParity } from '../../harness/parity/check.ts';

const report: RunReport = {
  dapr: { cli: '1.16.5', runtime: '1.18.2' },
  startedAt: '2026-11-29T05:00:00.000Z',
  durationMs: 9000,
  samples: [
    { id: 'python/sdk', language: 'python', variant: 'sdk', status: 'passed', durationMs: 1600, attempts: 1, output: "Fetched Secret: {'secret': 'YourPasskeyHere'}\n", parsedSecret: { secret: 'YourPasskeyHere' } },
    { id: 'python/http', language: 'python', variant: 'http', status: 'flaky', durationMs: 4200, attempts: 2, reason: 'passed on attempt 2; earlier: a port was taken' },
    { id: 'csharp/sdk', language: 'csharp', variant: 'sdk', status: 'skipped', durationMs: 0, attempts: 0, reason: 'dotnet not found: install the .NET 8 SDK' },
    { id: 'go/sdk', language: 'go', variant: 'sdk', status: 'failed', durationMs: 1300, attempts: 1, reason: 'output differs from expected/go-sdk.txt <&>', diff: '-a\n+b', logFile: 'artifacts/logs/go-sdk/run.log' },
  ],
  parity: { ok: true, expected: { secret: 'YourPasskeyHere' }, problems: [], checked: 2 },
  orphanGoldens: ['expected/rust-sdk.txt'],
};

describe('matrix', () => {
  it('has a row per language present and a cell per variant', () => {
    expect(matrixRows(report.samples)).toEqual([
      { language: 'python', cells: ['passed (1.6s)', 'flaky, 2 attempts (4.2s)'] },
      { language: 'csharp', cells: ['skipped: dotnet not found', '—'] },
      { language: 'go', cells: ['failed (1.3s)', '—'] },
    ]);
  });
  it('never renders a skip without its reason', () => {
    expect(cellText({ ...report.samples[2]!, reason: undefined })).toBe('skipped: no reason');
  });
  it('names the registry a skip could not reach, not the first words of its URL', () => {
    const skip = (reason: string) => cellText({ ...report.samples[2]!, reason });
    expect(skip(unreachableReason({ registry: 'the Maven repository https://repo.maven.apache.org/maven2', evidence: 'Could not transfer artifact a:b:pom:1 (https://x)' })))
      .toBe('skipped: the Maven repository https://repo.maven.apache.org/maven2 unreachable');
    expect(skip(`--strict: ${unreachableReason({ registry: 'the npm registry', evidence: 'npm error code ECONNREFUSED' })}`)).toBe('skipped: the npm registry unreachable');
    expect(skip('its install needs nothing')).toBe('skipped: its install needs nothing');
  });
});

describe('junit.xml', () => {
  const xml = renderJunit(report);
  it('counts failures (and parity) and skips', () => {
    expect(xml).toContain('<testsuites name="dapr-quickstart-parity" tests="5" failures="1" skipped="1"');
  });
  it('marks the failure with its reason, diff and log, escaped', () => {
    expect(xml).toContain('<failure message="output differs from expected/go-sdk.txt &lt;&amp;&gt;">');
    expect(xml).toContain('log: artifacts/logs/go-sdk/run.log');
  });
  it('keeps the skip reason and flags flaky samples', () => {
    expect(xml).toContain('<skipped message="dotnet not found: install the .NET 8 SDK"/>');
    expect(xml).toMatch(/name="python\/http"[\s\S]*?<property name="status" value="flaky"\/>[\s\S]*?FLAKY: passed after 2 attempts/);
  });
  it('drops control characters XML cannot hold', () => {
    expect(xmlEscape('a\u0001b\u001b[0m')).toBe('ab[0m');
  });
  it('fails the parity case when parity fails', () => {
    const bad = renderJunit({ ...report, parity: { ...report.parity, ok: false, problems: ['go/sdk: returned {"secret":"x"}'] } });
    expect(bad).toContain('failures="2"');
    expect(bad).toContain('go/sdk: returned {&quot;secret&quot;:&quot;x&quot;}');
  });
});

describe('summary.md and console', () => {
  it('summary.md has the versions, counts, matrix and failure details', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('Dapr CLI 1.16.5, runtime 1.18.2. 1 passed, 1 failed, 1 skipped, 1 flaky.');
    expect(md).toContain('| language | sdk | http |');
    expect(md).toContain('| python | passed (1.6s) | flaky, 2 attempts (4.2s) |');
    expect(md).toContain('## go/sdk: failed');
    expect(md).toContain('```diff\n-a\n+b\n```');
    expect(md).toContain('- `expected/rust-sdk.txt`');
  });
  it('the console ends with the matrix and the counts', () => {
    const text = renderConsole(report, 'artifacts');
    expect(text).toContain('✖ go/sdk failed: output differs');
    expect(text).toMatch(/python\s+passed \(1\.6s\)\s+flaky, 2 attempts \(4\.2s\)/);
    expect(text.trimEnd().split('\n').at(-1)).toBe('1 passed, 1 failed, 1 skipped, 1 flaky — reports in artifacts');
  });
});

describe('checkParity', () => {
  const secrets = { secret: 'YourPasskeyHere' };
  const ran = (id: string, parsed?: Record<string, string>, parityError?: string) => ({
    id, language: 'go' as const, variant: 'sdk' as const, status: 'failed' as const, durationMs: 1, attempts: 1, output: 'x', parsedSecret: parsed, parityError,
  });
  it('passes when every sample that printed returned the secret', () => {
    expect(checkParity([ran('a', { secret: 'YourPasskeyHere' })], secrets)).toMatchObject({ ok: true, checked: 1 });
  });
  it('names the sample that disagrees or printed nothing parsable', () => {
    const p = checkParity([ran('a', { secret: 'other' }), ran('b', undefined, 'no "Fetched Secret:" line in the output')], secrets);
    expect(p.ok).toBe(false);
    expect(p.problems).toEqual([
      'a: returned {"secret":"other"}, the secrets file holds {"secret":"YourPasskeyHere"}',
      'b: no "Fetched Secret:" line in the output',
    ]);
  });
  it('is never ok over nothing', () => {
    expect(checkParity([{ ...ran('a'), output: undefined }], secrets)).toMatchObject({ ok: false, problems: ['no sample produced output to compare'] });
  });
});

describe('filteredSentence', () => {
  it('names what each sample\'s line filters dropped, and nothing when none did', async () => {
    const { filteredSentence } = await import('../../harness/report/matrix.ts');
    expect(filteredSentence(report.samples)).toBeUndefined();
    const withDrops: SampleResult[] = [{ ...report.samples[0]!, filtered: { 'go-download': 3, 'npm-notice': 1 } }, { ...report.samples[1]!, filtered: {} }];
    expect(filteredSentence(withDrops)).toBe(`line filters dropped (kept in the raw logs): ${report.samples[0]!.id} go-download ×3, npm-notice ×1`);
  });
});
