// The exit rule of a run, in one place: `parity run` and `parity merge-reports` both end with it,
// so merged shards exit as one unsharded run would. Pure.
import type { RunReport } from '../model.ts';
import { failsRun } from './status.ts';

export type FailOn = 'any' | 'new';

/** Whether every parity holds: the one-app samples' secret, and each building block's facts. */
export function parityHolds(report: Pick<RunReport, 'parity' | 'blocks'>): boolean {
  return report.parity?.ok !== false && !(report.blocks ?? []).some((b) => !b.ok);
}

/**
 * Whether the run failed for `--fail-on`: `any` failure (the default) or only `new` failures, a
 * parity failure the baseline did not have among them (a sample printing a wrong secret can still
 * pass its golden).
 */
export function failed(report: RunReport, failOn: FailOn): boolean {
  if (failOn === 'new' && report.baseline) return report.samples.some((s) => s.change === 'new-failure') || report.baseline.parityNewlyFailed === true;
  return report.samples.some((s) => failsRun(s.status)) || !parityHolds(report);
}

/** 130/143 when a signal stopped the run, else 1 when it failed, else 0. */
export function exitCode(report: RunReport, opts: { failOn: FailOn; interrupted?: NodeJS.Signals }): number {
  if (opts.interrupted) return opts.interrupted === 'SIGINT' ? 130 : 143;
  return failed(report, opts.failOn) ? 1 : 0;
}
