import { describe, expect, it } from 'vitest';
import type { SampleResult } from '../../../harness/model.ts';
import { cellText, matrixRows } from '../../../harness/report/matrix.ts';
import { unreachableReason } from '../../../harness/samples/unreachable-registry.ts';
import { report } from '../../helpers/run-report.ts';


describe('matrix', () => {
  it('has a row per language present and a cell per variant', () => {
    expect(matrixRows(report.samples)).toEqual([
      { language: 'python', cells: ['passed (1.6s)', 'flaky, 2 attempts (4.2s)'] },
      { language: 'csharp', cells: ['skipped: dotnet not found', '—'] },
      { language: 'go', cells: ['failed (1.3s)', '—'] },
    ]);
  });
  it('never renders a skip without its reason', () => {
    expect(cellText({ ...report.samples[2]!, reason: undefined } as unknown as SampleResult)).toBe('skipped: no reason');
  });
  it('names the registry a skip could not reach, not the first words of its URL', () => {
    const skip = (reason: string) => cellText({ ...report.samples[2]!, reason } as SampleResult);
    expect(skip(unreachableReason({ registry: 'the Maven repository https://repo.maven.apache.org/maven2', evidence: 'Could not transfer artifact a:b:pom:1 (https://x)' })))
      .toBe('skipped: the Maven repository https://repo.maven.apache.org/maven2 unreachable');
    expect(skip(`--strict: ${unreachableReason({ registry: 'the npm registry', evidence: 'npm error code ECONNREFUSED' })}`)).toBe('skipped: the npm registry unreachable');
    expect(skip('its install needs nothing')).toBe('skipped: its install needs nothing');
  });
});
