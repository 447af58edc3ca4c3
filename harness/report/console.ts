// What a person sees at the end of `parity run`: the summary's sections (summary.ts) as plain
// text, failures with their diffs first. Pure.
import type { RunReport } from '../model.ts';
import { CHANGE_LABEL } from './baseline.ts';
import { sampleName } from './matrix.ts';
import { STATUS_MARK } from './status.ts';
import { summarySections, totalsSentence, type SummarySection } from './summary.ts';

function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)];
}

function section(s: SummarySection, reportDir: string): string[] {
  switch (s.kind) {
    case 'attention':
      return s.samples.flatMap((r) => {
        const change = r.change && r.change !== 'unchanged' ? ` [${CHANGE_LABEL[r.change]}]` : '';
        return [
          '', `${STATUS_MARK[r.status]} ${sampleName(r)} ${r.status}${change}: ${r.reason}`,
          ...(r.status === 'failed' && r.diff ? [r.diff] : []),
          ...(r.notes?.length && r.status !== 'flaky' ? r.notes.map((n) => `  note: ${n}`) : []),
          ...(r.logFile ? [`  full log: ${r.logFile}`] : []),
        ];
      });
    case 'table': return ['', ...(s.title ? [s.title] : []), ...table(s.header, s.rows)];
    case 'block-parity': return [`parity ${s.block}: ${s.sentence}`, ...s.problems.map((p) => `  - ${p}`), ...s.accepted.map((a) => `  ~ ${a}`)];
    case 'slowest': return ['', s.line];
    case 'parity': return ['', `parity: ${s.sentence}`, ...s.problems.map((p) => `  - ${p}`)];
    case 'orphan-goldens': return s.files.map((g) => `note: golden ${g} belongs to no sample (not deleted)`);
    case 'filtered': return [`note: ${s.sentence}`];
    case 'baseline': return ['', s.sentence];
    case 'totals': return ['', `${totalsSentence(s.counts)} — reports in ${reportDir}`];
  }
}

export function renderConsole(report: RunReport, reportDir: string): string {
  return `${summarySections(report).flatMap((s) => section(s, reportDir)).join('\n')}\n`;
}
