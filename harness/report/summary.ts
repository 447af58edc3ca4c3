// What the end of a run says, as data: the sections in the order every human-readable reporter
// (the console, summary.md) shows them. Each renderer only formats a section; none decides the
// order or what goes in. Pure.
import { VARIANTS, type AdaptedResult, type FailedResult, type FlakyResult, type RunReport, type SampleResult, type SampleStatus } from '../model.ts';
import { paritySentence } from '../parity/check.ts';
import { CLAIM_WAIT_PHASE, topPhases } from '../run/phases.ts';
import { formatDuration } from '../text/format.ts';
import { claimWaitCause } from '../scheduling/schedule.ts';
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
  /** The slowest samples: one line for the console, and a table of the ten slowest with their phases. */
  | { kind: 'slowest'; line: string; rows: SlowestRow[] }
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
  if (slow) out.push({ kind: 'slowest', line: slow, rows: slowestRows(report) });
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

/** One of the slowest samples: its run time, the phases it went to, and its wait on a claim before it (not in its time). */
export interface SlowestRow {
  sample: SampleResult;
  totalMs: number;
  /** Its longest phases, longest first, the wait on a claim left out (it is `queued`). */
  top: [string, number][];
  queued?: NonNullable<SampleResult['queued']>;
}

/** The samples that ran, slowest first (by their own run time). */
function slowest(report: RunReport, n: number): SampleResult[] {
  const ran = report.samples.filter((s) => s.phases && Object.keys(s.phases).length > 0 && s.status !== 'skipped');
  return [...ran].sort((a, b) => b.durationMs - a.durationMs).slice(0, n);
}

/** The `n` slowest samples with their `phases` longest phases each. */
export function slowestRows(report: RunReport, n = 10, phases = 3): SlowestRow[] {
  return slowest(report, n).map((s) => ({ sample: s, totalMs: s.durationMs, top: topPhases(s.phases, phases, [CLAIM_WAIT_PHASE]), ...(s.queued ? { queued: s.queued } : {}) }));
}

/** `step 3 (run: …) 42.8s, services 0.1s`: a row's phases as text. */
export function phasesText(top: readonly [string, number][]): string {
  return top.map(([name, ms]) => `${name} ${formatDuration(ms)}`).join(', ');
}

/** `12.0s (port 8080 held by jobs/go/sdk)`: a row's wait on a claim, or '' when it had none. */
export function queuedText(q: SlowestRow['queued']): string {
  return q ? `${formatDuration(q.ms)} (${claimWaitCause(q)})` : '';
}

/** `slowest: java/sdk 3.8s (app 2.1s), …`: where the time of the slowest samples went. */
export function slowestLine(report: RunReport, n = 3): string | undefined {
  const top = slowest(report, n);
  if (top.length === 0) return undefined;
  return `slowest: ${top.map((s) => {
    const [phase] = topPhases(s.phases, 1, [CLAIM_WAIT_PHASE]);
    return `${s.id} ${formatDuration(s.durationMs)}${phase ? ` (${phase[0]} ${formatDuration(phase[1])})` : ''}`;
  }).join(', ')}`;
}

/** `3 passed, 1 failed, 0 skipped, 1 flaky`. */
export function totalsSentence(c: Record<SampleStatus, number>): string {
  return COUNT_ORDER.filter((status) => c[status] > 0 || !COUNTED_WHEN_ANY.includes(status)).map((status) => `${c[status]} ${status}`).join(', ');
}
