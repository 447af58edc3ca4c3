// summary.md: the matrix, then what failed and why, for a CI job summary. Pure.
import { VARIANTS, type RunReport } from '../model.ts';
import { paritySentence } from '../parity/check.ts';
import { counts, filteredSentence, matrixRows } from './matrix.ts';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function renderMarkdown(report: RunReport): string {
  const c = counts(report.samples);
  const lines = [
    '# Dapr quickstart parity',
    '',
    `Dapr CLI ${report.dapr.cli}, runtime ${report.dapr.runtime}. ${c.passed} passed, ${c.failed} failed, ${c.skipped} skipped, ${c.flaky} flaky.`,
    '',
    `| language | ${VARIANTS.join(' | ')} |`,
    `| --- | ${VARIANTS.map(() => '---').join(' | ')} |`,
    ...matrixRows(report.samples).map((r) => `| ${r.language} | ${r.cells.map(cell).join(' | ')} |`),
    '',
    `Parity: ${paritySentence(report.parity)}`,
  ];
  for (const p of report.parity.problems) lines.push(`- ${p}`);
  const filtered = filteredSentence(report.samples);
  if (filtered) lines.push('', `Note: ${filtered}.`);
  const bad = report.samples.filter((s) => s.status === 'failed' || s.status === 'flaky');
  for (const s of bad) {
    lines.push('', `## ${s.id}: ${s.status}`, '', s.reason ?? '');
    if (s.diff) lines.push('', '```diff', s.diff, '```');
    if (s.logFile) lines.push('', `Full log: \`${s.logFile}\``);
  }
  if (report.orphanGoldens.length) {
    lines.push('', '## Goldens no sample owns', '', ...report.orphanGoldens.map((g) => `- \`${g}\``));
  }
  return lines.join('\n') + '\n';
}
