// What a person sees at the end of `parity run`: failures with their diffs, then the matrix. Pure.
import { VARIANTS, type RunReport } from '../model.ts';
import { paritySentence } from '../parity/check.ts';
import { CHANGE_LABEL } from './baseline.ts';
import { baselineSentence, counts, filteredSentence, matrixRows, sampleName, versionRows } from './matrix.ts';
import { slowestPhase } from '../run/phases.ts';
import { formatDuration } from '../text/format.ts';

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

export function renderConsole(report: RunReport, reportDir: string): string {
  const out: string[] = [];
  for (const s of report.samples.filter((r) => r.status === 'failed' || r.status === 'flaky')) {
    const change = s.change && s.change !== 'unchanged' ? ` [${CHANGE_LABEL[s.change]}]` : '';
    out.push('', `✖ ${sampleName(s)} ${s.status}${change}: ${s.reason ?? ''}`);
    if (s.status === 'failed' && s.diff) out.push(s.diff);
    if (s.logFile) out.push(`  full log: ${s.logFile}`);
  }
  const c = counts(report.samples);
  const versions = versionRows(report);
  if (versions) out.push('', ...table(versions.header, versions.rows));
  else out.push('', ...table(['language', ...VARIANTS], matrixRows(report.samples).map((r) => [r.language, ...r.cells])));
  const slow = slowestLine(report);
  if (slow) out.push('', slow);
  out.push('', `parity: ${paritySentence(report.parity)}`);
  for (const p of report.parity.problems) out.push(`  - ${p}`);
  for (const g of report.orphanGoldens) out.push(`note: golden ${g} belongs to no sample (not deleted)`);
  const filtered = filteredSentence(report.samples);
  if (filtered) out.push(`note: ${filtered}`);
  if (report.baseline) out.push(baselineSentence(report.baseline));
  out.push('', `${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.flaky} flaky — reports in ${reportDir}`);
  return `${out.join('\n')}\n`;
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
