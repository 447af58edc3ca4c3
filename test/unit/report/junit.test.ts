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
