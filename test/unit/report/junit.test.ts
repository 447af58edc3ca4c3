import { describe, expect, it } from 'vitest';
import { renderJunit, xmlEscape } from '../../../harness/report/junit.ts';
import { report } from '../../helpers/run-report.ts';


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

describe('junit.xml for a tree of building blocks', () => {
  const base = { durationMs: 1000, attempts: 1, language: 'go' as const, variant: 'sdk' as const };
  const blocks = renderJunit({
    ...report,
    samples: [
      { ...base, id: 'pub_sub/go/sdk', block: 'pub_sub', status: 'passed', output: '', filtered: {}, retries: [] },
      { ...base, id: 'state_management/go/sdk', block: 'state_management', status: 'adapted', reason: 'passed with 1 overlay(s): pom.xml', output: '', filtered: {}, retries: [] },
    ],
    blocks: [
      { block: 'pub_sub', rule: 'ids', ok: false, facts: {}, problems: ['pub_sub/go/sdk: received ["1"], published ["1","2"]'], checked: 1 },
      { block: 'state_management', rule: 'ids', ok: true, facts: {}, problems: [], checked: 1 },
    ],
  });
  it('has a suite per block, each with its block\'s parity case', () => {
    expect(blocks.match(/<testsuite name="([^ ]+) /g)).toEqual(['<testsuite name="pub_sub ', '<testsuite name="state_management ']);
    expect(blocks).toMatch(/<testsuite name="pub_sub [^>]*tests="2" failures="1"[\s\S]*?name="parity of pub_sub"[^>]*>\s*<failure message="parity failed">pub_sub\/go\/sdk: received/);
    expect(blocks).toMatch(/name="parity of state_management" time="0"\/>/);
  });
  it('says an adapted sample passed only with its overlay', () => {
    expect(blocks).toMatch(/<property name="status" value="adapted"\/>[\s\S]*?ADAPTED: passed with 1 overlay\(s\): pom\.xml/);
  });
});
