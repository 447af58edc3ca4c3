// The language × variant matrix both the console and summary.md end with. Pure.
import { LANGUAGES, VARIANTS, type RunReport, type SampleResult } from '../model.ts';
import { unreachableCell } from '../samples/unreachable-registry.ts';
import { formatDuration } from '../text/format.ts';

export function cellText(r: SampleResult | undefined): string {
  if (!r) return '—';
  // The full reason is in the report; the cell keeps its first clause so the table stays readable.
  if (r.status === 'skipped') {
    const reason = r.reason ?? 'no reason';
    return `skipped: ${unreachableCell(reason) ?? reason.split(/[:;(]/)[0]!.trim()}`;
  }
  const time = formatDuration(r.durationMs);
  if (r.status === 'flaky') return `flaky, ${r.attempts} attempts (${time})`;
  return `${r.status} (${time})`;
}

/** Rows = languages that have a sample, columns = variants; each cell a status with its time. */
export function matrixRows(results: readonly SampleResult[]): { language: string; cells: string[] }[] {
  const at = (language: string, variant: string) => results.find((r) => r.language === language && r.variant === variant);
  return LANGUAGES.filter((l) => results.some((r) => r.language === l)).map((language) => ({
    language,
    cells: VARIANTS.map((v) => cellText(at(language, v))),
  }));
}

/** The results by building block, in first-seen order; one group with no name in a one-block tree. */
export function byBlock(results: readonly SampleResult[]): { block?: string; results: SampleResult[] }[] {
  const groups = new Map<string | undefined, SampleResult[]>();
  for (const r of results) groups.set(r.block, [...(groups.get(r.block) ?? []), r]);
  return [...groups].map(([block, rs]) => ({ ...(block ? { block } : {}), results: rs }));
}

export function counts(results: readonly SampleResult[]): Record<SampleResult['status'], number> {
  const c = { passed: 0, failed: 0, skipped: 0, flaky: 0, adapted: 0 };
  for (const r of results) c[r.status]++;
  return c;
}

/** One line naming what the line filters dropped, per sample (undefined when nothing was). */
export function filteredSentence(results: readonly SampleResult[]): string | undefined {
  const parts = results.flatMap((r) => {
    const f = Object.entries(('filtered' in r && r.filtered) || {});
    return f.length ? [`${r.id} ${f.map(([name, n]) => `${name} ×${n}`).join(', ')}`] : [];
  });
  return parts.length ? `line filters dropped (kept in the raw logs): ${parts.join('; ')}` : undefined;
}

/** A sample's name in lists: its id, and its Dapr versions in a run over several. */
export function sampleName(s: SampleResult): string {
  return s.dapr ? `${s.id} (dapr ${s.dapr.cli}@${s.dapr.runtime})` : s.id;
}

export function baselineSentence(b: NonNullable<RunReport['baseline']>): string {
  const parity = b.parityNewlyFailed ? '; parity FAILED, where the baseline passed it' : '';
  return `since the baseline (${b.file}, run ${b.startedAt}): ${b.newFailures} new failure(s), ${b.fixed} fixed, ${b.stillFailing} still failing${parity}`;
}

/** A run over several Dapr version pairs: rows = samples, columns = pairs. */
export function versionRows(report: RunReport): { header: string[]; rows: string[][] } | undefined {
  if (!report.matrix || report.matrix.length < 2) return undefined;
  const pairs = report.matrix.map((m) => `${m.dapr.cli}@${m.dapr.runtime}`);
  const ids = [...new Set(report.samples.map((s) => s.id))];
  const rows = ids.map((id) => [id, ...report.matrix!.map((m) => {
    const r = report.samples.find((s) => s.id === id && s.dapr?.cli === m.dapr.cli && s.dapr?.runtime === m.dapr.runtime);
    const change = r?.change === 'new-failure' ? ' NEW' : r?.change === 'fixed' ? ' fixed' : '';
    return `${cellText(r)}${change}`;
  })]);
  return { header: ['sample / dapr cli@runtime', ...pairs], rows };
}
