// What the end of a run says, as data: the sections in the order every human-readable reporter
// (the console, summary.md) shows them. Each renderer only formats a section; none decides the
// order or what goes in. Pure.
import { VARIANTS, type FailedResult, type FlakyResult, type RunReport, type SampleResult, type SampleStatus } from '../model.ts';
import { paritySentence } from '../parity/check.ts';
import { slowestPhase } from '../run/phases.ts';
import { formatDuration } from '../text/format.ts';
import { baselineSentence, counts, filteredSentence, matrixRows, versionRows } from './matrix.ts';
import { COUNT_ORDER, needsAttention } from './status.ts';

export type SummarySection =
  /** Against a baseline: the sentence, and the samples that became failing or fixed. */
  | { kind: 'baseline'; sentence: string; moved: SampleResult[] }
  /** Every failed or flaky sample, in report order, with its reason (and diff, log). */
  | { kind: 'attention'; samples: (FailedResult | FlakyResult)[] }
  /** The language × variant matrix, or samples × Dapr versions in a run over several. */
  | { kind: 'table'; header: string[]; rows: string[][] }
  | { kind: 'slowest'; line: string }
  | { kind: 'parity'; sentence: string; problems: string[] }
  | { kind: 'orphan-goldens'; files: string[] }
  | { kind: 'filtered'; sentence: string }
  | { kind: 'totals'; counts: Record<SampleStatus, number> };

/** The sections of a run's summary, in order; a section with nothing to say is left out. */
export function summarySections(report: RunReport): SummarySection[] {
  const out: SummarySection[] = [];
  // What changed since the baseline first: it is what a nightly run's reader comes for.
  if (report.baseline) {
    out.push({ kind: 'baseline', sentence: baselineSentence(report.baseline), moved: report.samples.filter((s) => s.change === 'new-failure' || s.change === 'fixed') });
  }
  const attention = report.samples.filter((s): s is FailedResult | FlakyResult => needsAttention(s.status));
  if (attention.length) out.push({ kind: 'attention', samples: attention });
  const versions = versionRows(report);
  out.push(versions
    ? { kind: 'table', ...versions }
    : { kind: 'table', header: ['language', ...VARIANTS], rows: matrixRows(report.samples).map((r) => [r.language, ...r.cells]) });
  const slow = slowestLine(report);
  if (slow) out.push({ kind: 'slowest', line: slow });
  out.push({ kind: 'parity', sentence: paritySentence(report.parity), problems: report.parity.problems });
  if (report.orphanGoldens.length) out.push({ kind: 'orphan-goldens', files: report.orphanGoldens });
  const filtered = filteredSentence(report.samples);
  if (filtered) out.push({ kind: 'filtered', sentence: filtered });
  out.push({ kind: 'totals', counts: counts(report.samples) });
  return out;
}

/** `slowest: java/sdk 3.8s (app 2.1s), …`: where the time of the slowest samples went. */
export function slowestLine(report: RunReport, n = 3): string | undefined {
  const ran = report.samples.filter((s) => s.phases && Object.keys(s.phases).length > 0 && s.status !== 'skipped');
  if (ran.length === 0) return undefined;
  const top = [...ran].sort((a, b) => b.durationMs - a.durationMs).slice(0, n);
  return `slowest: ${top.map((s) => {
    const [name, ms] = slowestPhase(s.phases)!;
    return `${s.id} ${formatDuration(s.durationMs)} (${name} ${formatDuration(ms)})`;
  }).join(', ')}`;
}

/** `3 passed, 1 failed, 0 skipped, 1 flaky`. */
export function totalsSentence(c: Record<SampleStatus, number>): string {
  return COUNT_ORDER.map((status) => `${c[status]} ${status}`).join(', ');
}
