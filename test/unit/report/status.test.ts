import { describe, expect, it } from 'vitest';
import { COUNT_ORDER, failsRun, needsAttention, STATUS_MARK, STATUS_ORDER, statusRank } from '../../../harness/report/status.ts';

describe('the status order', () => {
  it('ranks failed worst, then flaky, skipped, passed', () => {
    expect(STATUS_ORDER).toEqual(['failed', 'flaky', 'skipped', 'passed']);
    expect([...COUNT_ORDER].sort((a, b) => statusRank(a) - statusRank(b))).toEqual(['failed', 'flaky', 'skipped', 'passed']);
  });
  it('only a failure fails the run; a failure and a flaky pass are shown with their reason', () => {
    expect(COUNT_ORDER.filter(failsRun)).toEqual(['failed']);
    expect(COUNT_ORDER.filter(needsAttention)).toEqual(['failed', 'flaky']);
  });
  it('counts in the order the totals line says them, each status with its own mark', () => {
    expect(COUNT_ORDER).toEqual(['passed', 'failed', 'skipped', 'flaky']);
    expect(new Set(Object.values(STATUS_MARK)).size).toBe(4);
  });
});
