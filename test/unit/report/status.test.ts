import { describe, expect, it } from 'vitest';
import { COUNT_ORDER, COUNTED_WHEN_ANY, failsRun, needsAttention, STATUS_MARK, STATUS_ORDER, statusRank } from '../../../harness/report/status.ts';

describe('the status order', () => {
  it('ranks failed worst, then flaky, adapted (a pass that needed an overlay), skipped, passed', () => {
    expect(STATUS_ORDER).toEqual(['failed', 'flaky', 'adapted', 'skipped', 'passed']);
    expect([...COUNT_ORDER].sort((a, b) => statusRank(a) - statusRank(b))).toEqual(['failed', 'flaky', 'adapted', 'skipped', 'passed']);
  });
  it('only a failure fails the run; a failure, a flaky pass and an adapted one are shown with their reason', () => {
    expect(COUNT_ORDER.filter(failsRun)).toEqual(['failed']);
    expect(COUNT_ORDER.filter(needsAttention)).toEqual(['failed', 'flaky', 'adapted']);
  });
  it('counts in the order the totals line says them, each status with its own mark; adapted only when there is one', () => {
    expect(COUNT_ORDER).toEqual(['passed', 'failed', 'skipped', 'flaky', 'adapted']);
    expect(COUNTED_WHEN_ANY).toEqual(['adapted']);
    expect(new Set(Object.values(STATUS_MARK)).size).toBe(5);
  });
});
