// summary.md, for a CI job summary: the versions and counts as its headline, then the summary's
// sections (summary.ts) as Markdown. Pure.
import type { RunReport } from '../model.ts';
import { CHANGE_LABEL } from './baseline.ts';
import { counts, sampleName } from './matrix.ts';
import { phasesText, queuedText, summarySections, totalsSentence, type SummarySection } from './summary.ts';
import { formatDuration } from '../text/format.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function section(s: SummarySection): string[] {
  switch (s.kind) {
    case 'attention':
      return s.samples.flatMap((r) => {
        const change = r.change && r.change !== 'unchanged' ? ` (${CHANGE_LABEL[r.change]})` : '';
        return [
          '', `## ${sampleName(r)}: ${r.status}${change}`, '', r.reason,
          ...(r.status === 'failed' && r.diff ? ['', '```diff', r.diff, '```'] : []),
          ...(r.notes?.length ? ['', ...r.notes.map((n) => `- ${n}`)] : []),
          ...(r.logFile ? ['', `Full log: \`${r.logFile}\``] : []),
        ];
      });
    case 'block-parity': return ['', `Parity, ${s.block}: ${s.sentence}`, ...s.problems.map((p) => `- ${p}`), ...s.accepted.map((a) => `- recorded divergence: ${a}`)];
    case 'table':
      return ['', ...(s.title ? [`## ${s.title}`, ''] : []), `| ${s.header.map(cell).join(' | ')} |`, `| ${s.header.map(() => '---').join(' | ')} |`, ...s.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)];
    case 'slowest':
      return ['', '## Slowest samples', '', '| sample | time | longest phases | queued on a claim |', '| --- | --- | --- | --- |',
        ...s.rows.map((r) => `| ${cell(sampleName(r.sample))} | ${formatDuration(r.totalMs)} | ${cell(phasesText(r.top))} | ${cell(queuedText(r.queued))} |`)];
    case 'parity': return ['', `Parity: ${s.sentence}`, ...s.problems.map((p) => `- ${p}`)];
    case 'orphan-goldens': return ['', '## Goldens no sample owns', '', ...s.files.map((g) => `- \`${g}\``)];
    case 'filtered': return ['', `Note: ${s.sentence}.`];
    case 'baseline':
      return ['', `## Changes: ${s.sentence}`, '', ...(s.moved.length
        ? s.moved.map((r) => `- **${CHANGE_LABEL[r.change!]}**: ${cell(sampleName(r))}${r.change === 'new-failure' && r.status === 'failed' ? ` — ${cell(r.reason.split('\n')[0]!)}` : ''}`)
        : ['Nothing changed.'])];
    // Said in the headline, where a job summary's reader looks first.
    case 'totals': return [];
  }
}

export function renderMarkdown(report: RunReport): string {
  const dapr = report.matrix && report.matrix.length > 1
    ? `Dapr CLI@runtime ${report.matrix.map((m) => `${m.dapr.cli}@${m.dapr.runtime}`).join(', ')}.`
    : `Dapr CLI ${report.dapr.cli}, runtime ${report.dapr.runtime}.`;
  const lines = ['# Dapr quickstart parity', '', `${dapr} ${totalsSentence(counts(report.samples))}.`, ...summarySections(report).flatMap(section)];
  return `${lines.join('\n')}\n`;
}
