// How the five statuses rank against each other, in one place: which fail a run, which a reader
// must look at, the order they are counted in, and the mark each carries in the progress lines. Pure.
import type { SampleStatus } from '../model.ts';

/**
 * Worst first: a failure outranks a flaky pass, which outranks a pass that needed an overlay
 * (adapted), which outranks a skip, which outranks a pass.
 */
export const STATUS_ORDER = ['failed', 'flaky', 'adapted', 'skipped', 'passed'] as const satisfies readonly SampleStatus[];

/** 0 for the worst status, higher for better ones (for sorting and comparing). */
export function statusRank(status: SampleStatus): number {
  return STATUS_ORDER.indexOf(status);
}

/** A failed sample fails the run (exit 1); flaky and skipped ones do not. */
export function failsRun(status: SampleStatus): boolean {
  return statusRank(status) < statusRank('flaky');
}

/** Failed, flaky and adapted samples are shown with their reason (a flaky pass still hides a cause, an adapted one an edit). */
export function needsAttention(status: SampleStatus): boolean {
  return statusRank(status) < statusRank('skipped');
}

/** The order the totals line counts them in: `3 passed, 1 failed, 0 skipped, 1 flaky` (`, 2 adapted` when there are any). */
export const COUNT_ORDER = ['passed', 'failed', 'skipped', 'flaky', 'adapted'] as const satisfies readonly SampleStatus[];

/** Counted in the totals line only when there is one: a run of one-app samples never has any. */
export const COUNTED_WHEN_ANY: readonly SampleStatus[] = ['adapted'];

/** The mark a progress line starts with. */
export const STATUS_MARK: Record<SampleStatus, string> = { passed: '✔', failed: '✖', skipped: '○', flaky: '⚠', adapted: '◐' };
