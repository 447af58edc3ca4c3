// What changed since the last run: each sample × Dapr version of this run against a baseline
// report.json (last night's, say). Pure, but for reading the baseline file in loadBaseline.
import { readFileSync } from 'node:fs';
import type { RunReport, SampleResult } from '../model.ts';
import { ExpectedError } from '../expected-error.ts';
import { failsRun } from './status.ts';
import { parityHolds } from './exit-code.ts';

export type Change = 'new-failure' | 'fixed' | 'still-failing' | 'unchanged' | 'new';

export const CHANGE_LABEL: Record<Change, string> = {
  'new-failure': 'NEW FAILURE',
  'fixed': 'fixed',
  'still-failing': 'still failing',
  'unchanged': 'unchanged',
  'new': 'not in the baseline',
};

const failing = (s: Pick<SampleResult, 'status'>) => failsRun(s.status);

/** The key a sample is matched on across runs: its Dapr versions and its id. */
export function sampleKey(s: SampleResult, report: Pick<RunReport, 'dapr'>): string {
  const d = s.dapr ?? report.dapr;
  return `${d.cli}@${d.runtime} ${s.id}`;
}

/** Each sample of `current` marked against `baseline`. A skipped sample is neither failing nor fixed. */
export function compareWithBaseline(current: RunReport, baseline: RunReport): Map<string, Change> {
  const before = new Map(baseline.samples.map((s) => [sampleKey(s, baseline), s]));
  // A baseline from another Dapr version still says something per sample id: match on the id alone then.
  const beforeById = new Map(baseline.samples.map((s) => [s.id, s]));
  const out = new Map<string, Change>();
  for (const s of current.samples) {
    const key = sampleKey(s, current);
    const old = before.get(key) ?? beforeById.get(s.id);
    if (!old) out.set(key, 'new');
    else if (failing(s)) out.set(key, failing(old) ? 'still-failing' : 'new-failure');
    else out.set(key, failing(old) && s.status !== 'skipped' ? 'fixed' : 'unchanged');
  }
  return out;
}

/** The report with each sample's change set, new failures first. */
export function markChanges(current: RunReport, baseline: RunReport, file: string): RunReport {
  const changes = compareWithBaseline(current, baseline);
  const rank = (c: Change | undefined) => (c === 'new-failure' ? 0 : 1);
  const samples = current.samples
    .map((s) => ({ ...s, change: changes.get(sampleKey(s, current)) }))
    .sort((a, b) => rank(a.change) - rank(b.change));
  const count = (c: Change) => samples.filter((s) => s.change === c).length;
  return {
    ...current,
    samples,
    baseline: {
      file, startedAt: baseline.startedAt, newFailures: count('new-failure'), fixed: count('fixed'), stillFailing: count('still-failing'),
      // A baseline without a parity verdict is taken as passing: a wrong secret is never excused by a gap.
      parityNewlyFailed: !parityHolds(current) && parityHolds(baseline),
    },
  };
}

export class BaselineError extends ExpectedError {
  override name = 'BaselineError';
}

/** Reads a baseline report.json; a missing or unreadable one is one line (the run goes on without it). */
export function loadBaseline(file: string): RunReport {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new BaselineError(`--baseline ${file}: cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}); running without a baseline`);
  }
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new BaselineError(`--baseline ${file}: not JSON; running without a baseline`);
  }
  const r = v as Partial<RunReport> | null;
  if (!r || !Array.isArray(r.samples) || !r.dapr || typeof r.dapr.cli !== 'string') {
    throw new BaselineError(`--baseline ${file}: not a parity report.json (no samples or dapr versions); running without a baseline`);
  }
  return r as RunReport;
}

/**
 * Each sample's duration in the report a folder holds from its last run (the next run starts the
 * longest first); empty when there is none or it is not a report: the order is then the manifest's.
 */
export function lastDurations(reportFile: string): Record<string, number> {
  try {
    const r = loadBaseline(reportFile);
    return Object.fromEntries(r.samples.filter((s) => s.status !== 'skipped' && typeof s.durationMs === 'number').map((s) => [s.id, s.durationMs]));
  } catch {
    return {};
  }
}
