import { describe, expect, it } from 'vitest';
import { fanOut, progressReporter, type Reporter } from '../../../harness/report/reporter.ts';
import { report } from '../../helpers/run-report.ts';

/** Test double: a writer that keeps the lines it is given. */
function fakeWriter(): { lines: string[]; write: (line: string) => void } {
  const lines: string[] = [];
  return { lines, write: (line) => lines.push(line) };
}

describe('the progress reporter', () => {
  it('prints a started line and an ended line per sample, ids padded to the longest, the first line of why when not passed', () => {
    const out = fakeWriter();
    const p = progressReporter(out.write);
    p.onRunStart!(report.samples);
    p.onSampleStart!(report.samples[0]!);
    for (const s of report.samples) p.onSampleEnd!({ ...s, ...(s.status === 'failed' ? { reason: 'first line\nsecond line' } : {}) });
    expect(out.lines).toEqual([
      '▶ python/sdk   started',
      '✔ python/sdk   passed in 1.6s',
      '⚠ python/http  flaky in 4.2s — passed on attempt 2; earlier: a port was taken',
      '○ csharp/sdk   skipped in 0.0s — dotnet not found: install the .NET 8 SDK',
      '✖ go/sdk       failed in 1.3s — first line',
    ]);
  });
});

describe('fanOut', () => {
  it('tells every reporter, in the order registered, and skips what one does not implement', async () => {
    const seen: string[] = [];
    const a: Reporter = { onSampleEnd: (r) => { seen.push(`a end ${r.id}`); }, onRunEnd: () => { seen.push('a run'); } };
    const b: Reporter = { onSampleStart: (s) => { seen.push(`b start ${s.id}`); }, onRunEnd: async () => { seen.push('b run'); } };
    const all = fanOut([a, b]);
    all.onRunStart(report.samples);
    all.onSampleStart(report.samples[0]!);
    all.onSampleEnd(report.samples[0]!);
    await all.onRunEnd(report);
    expect(seen).toEqual(['b start python/sdk', 'a end python/sdk', 'a run', 'b run']);
  });
});
