// summary.md: the matrix, then what failed and why, for a CI job summary. Pure.
import { VARIANTS, type RunReport } from '../model.ts';
import { paritySentence } from '../parity/check.ts';
import { CHANGE_LABEL } from './baseline.ts';
import { baselineSentence, counts, filteredSentence, matrixRows, sampleName, versionRows } from './matrix.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: RunReport): string {
  const c = counts(report.samples);
  const versions = versionRows(report);
  const dapr = report.matrix && report.matrix.length > 1
    ? `Dapr CLI@runtime ${report.matrix.map((m) => `${m.dapr.cli}@${m.dapr.runtime}`).join(', ')}.`
    : `Dapr CLI ${report.dapr.cli}, runtime ${report.dapr.runtime}.`;
  const table = versions
    ? [`| ${versions.header.map(cell).join(' | ')} |`, `| ${versions.header.map(() => '---').join(' | ')} |`, ...versions.rows.map((r) => `| ${r.map(cell).join(' | ')} |`)]
    : [`| language | ${VARIANTS.join(' | ')} |`, `| --- | ${VARIANTS.map(() => '---').join(' | ')} |`, ...matrixRows(report.samples).map((r) => `| ${r.language} | ${r.cells.map(cell).join(' | ')} |`)];
  const lines = [
    '# Dapr quickstart parity',
    '',
    `${dapr} ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.flaky} flaky.`,
    '',
    ...table,
    '',
    `Parity: ${paritySentence(report.parity)}`,
  ];
  for (const p of report.parity.problems) lines.push(`- ${p}`);
  const filtered = filteredSentence(report.samples);
  if (filtered) lines.push('', `Note: ${filtered}.`);
  if (report.baseline) {
    lines.push('', `## Changes: ${baselineSentence(report.baseline)}`, '');
    const moved = report.samples.filter((s) => s.change === 'new-failure' || s.change === 'fixed');
    lines.push(...(moved.length ? moved.map((s) => `- **${CHANGE_LABEL[s.change!]}**: ${cell(sampleName(s))}${s.change === 'new-failure' && s.status === 'failed' ? ` — ${cell(s.reason.split('\n')[0]!)}` : ''}`) : ['Nothing changed.']));
  }
  const bad = report.samples.filter((s) => s.status === 'failed' || s.status === 'flaky');
  for (const s of bad) {
    const change = s.change && s.change !== 'unchanged' ? ` (${CHANGE_LABEL[s.change]})` : '';
    lines.push('', `## ${sampleName(s)}: ${s.status}${change}`, '', s.reason ?? '');
    if (s.status === 'failed' && s.diff) lines.push('', '```diff', s.diff, '```');
    if (s.logFile) lines.push('', `Full log: \`${s.logFile}\``);
  }
  if (report.orphanGoldens.length) {
    lines.push('', '## Goldens no sample owns', '', ...report.orphanGoldens.map((g) => `- \`${g}\``));
  }
  return `${lines.join('\n')}\n`;
}
