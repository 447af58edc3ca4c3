// What the end of a run says, as data: the sections in the order every human-readable reporter
// (the console, summary.md) shows them. Each renderer only formats a section; none decides the
// order or what goes in. Pure.
import { VARIANTS, type AdaptedResult, type FailedResult, type FlakyResult, type RunReport, type SampleResult, type SampleStatus } from '../model.ts';
import { paritySentence } from '../parity/check.ts';
import { slowestPhase } from '../run/phases.ts';
import { formatDuration } from '../text/format.ts';
import { baselineSentence, byBlock, counts, filteredSentence, matrixRows, versionRows } from './matrix.ts';
import { COUNT_ORDER, COUNTED_WHEN_ANY, needsAttention } from './status.ts';

export type SummarySection =
  /** Against a baseline: the sentence, and the samples that became failing or fixed. */
  | { kind: 'baseline'; sentence: string; moved: SampleResult[] }
  /** Every failed, flaky or adapted sample, in report order, with its reason (and diff, log). */
  | { kind: 'attention'; samples: (FailedResult | FlakyResult | AdaptedResult)[] }
  /** The language × variant matrix (one per building block, titled), or samples × Dapr versions in a run over several. */
  | { kind: 'table'; title?: string; header: string[]; rows: string[][] }
  /** A building block's parity: what its languages agree on, or where they do not. */
  | { kind: 'block-parity'; block: string; sentence: string; problems: string[]; accepted: string[] }
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
  const attention = report.samples.filter((s): s is FailedResult | FlakyResult | AdaptedResult => needsAttention(s.status));
  if (attention.length) out.push({ kind: 'attention', samples: attention });
  const versions = versionRows(report);
  if (versions) out.push({ kind: 'table', ...versions });
  else {
    for (const g of byBlock(report.samples)) {
      out.push({ kind: 'table', ...(g.block ? { title: g.block } : {}), header: ['language', ...VARIANTS], rows: matrixRows(g.results).map((r) => [r.language, ...r.cells]) });
    }
  }
  const slow = slowestLine(report);
  if (slow) out.push({ kind: 'slowest', line: slow });
  // The secret parity is the one-app samples' own: a tree of scenarios has a parity per block instead.
  if (report.samples.some((s) => !s.block) || !report.blocks?.length) out.push({ kind: 'parity', sentence: paritySentence(report.parity), problems: report.parity.problems });
  for (const b of report.blocks ?? []) {
    const accepted = b.accepted ?? [];
    // Agreement with recorded divergences is said as such, never as a plain "agree".
    const but = accepted.length ? ` but for ${accepted.length} recorded divergence(s)` : '';
    const sentence = !b.ok ? `FAILED (${b.rule})` : b.checked ? `ok, ${b.checked} sample(s) agree${but}: ${b.rule}` : `not checked: ${b.rule}`;
    out.push({ kind: 'block-parity', block: b.block, sentence, problems: b.problems, accepted });
  }
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
  return COUNT_ORDER.filter((status) => c[status] > 0 || !COUNTED_WHEN_ANY.includes(status)).map((status) => `${c[status]} ${status}`).join(', ');
}
