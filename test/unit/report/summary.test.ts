import { describe, expect, it } from 'vitest';
import type { RunReport } from '../../../harness/model.ts';
import { summarySections, totalsSentence } from '../../../harness/report/summary.ts';
import { report } from '../../helpers/run-report.ts';

describe('the summary model', () => {
  it('has its sections in one order: what needs attention (after any baseline), the table, parity, orphan goldens, filtered lines, the totals', () => {
    const withDrops: RunReport = { ...report, samples: report.samples.map((s) => (s.status === 'passed' ? { ...s, filtered: { 'npm-lifecycle': 2 } } : s)) };
    expect(summarySections(withDrops).map((s) => s.kind)).toEqual(['attention', 'table', 'parity', 'orphan-goldens', 'filtered', 'totals']);
  });
  it('puts the failed and the flaky sample, in report order, under attention; never a pass or a skip', () => {
    const attention = summarySections(report).find((s) => s.kind === 'attention');
    expect(attention?.kind === 'attention' && attention.samples.map((s) => `${s.id} ${s.status}`)).toEqual(['python/http flaky', 'go/sdk failed']);
  });
  it('leaves out a section with nothing to say, and adds the slowest line and the baseline when there are', () => {
    const clean: RunReport = { ...report, samples: [report.samples[0]!], orphanGoldens: [] };
    expect(summarySections(clean).map((s) => s.kind)).toEqual(['table', 'parity', 'totals']);
    const timed: RunReport = {
      ...clean, samples: [{ ...report.samples[0]!, phases: { app: 900 } }],
      baseline: { file: 'b.json', startedAt: 'then', newFailures: 0, fixed: 0, stillFailing: 0 },
    };
    expect(summarySections(timed).map((s) => s.kind)).toEqual(['baseline', 'table', 'slowest', 'parity', 'totals']);
  });
  it('says a block that agrees only with recorded divergences as such, and lists them', () => {
    const block = { block: 'pub_sub', rule: 'the same ids', ok: true, facts: {}, problems: [], checked: 3 };
    const section = (b: typeof block & { accepted?: string[] }) => summarySections({ ...report, blocks: [b] }).find((s) => s.kind === 'block-parity');
    expect(section(block)).toMatchObject({ sentence: 'ok, 3 sample(s) agree: the same ids', accepted: [] });
    expect(section({ ...block, accepted: ['py: published 1..9'] })).toMatchObject({ sentence: 'ok, 3 sample(s) agree but for 1 recorded divergence(s): the same ids', accepted: ['py: published 1..9'] });
  });
  it('counts every status, said in the totals order', () => {
    const totals = summarySections(report).at(-1);
    expect(totals).toEqual({ kind: 'totals', counts: { passed: 1, failed: 1, skipped: 1, flaky: 1, adapted: 0 } });
    // Adapted is said only when there is one: a run of one-app samples keeps its line.
    expect(totalsSentence({ passed: 3, failed: 1, skipped: 0, flaky: 2, adapted: 0 })).toBe('3 passed, 1 failed, 0 skipped, 2 flaky');
    expect(totalsSentence({ passed: 3, failed: 1, skipped: 0, flaky: 2, adapted: 4 })).toBe('3 passed, 1 failed, 0 skipped, 2 flaky, 4 adapted');
  });
});
