// What the docs validator reports, and how: one finding per problem, each with a stable id, a
// severity, the language tab it sits in (null for the page as a whole), the page line, what is
// wrong and a one-line fix. Formatting is pure; the command decides where the text goes.
import type { Language } from '../model.ts';
import type { FindingId, Severity } from './finding-ids.ts';


export interface Finding {
  /** Stable, kebab-case kind (e.g. `excerpt-mismatch`), one of the catalogue's; tests and CI filters key on it. */
  id: FindingId;
  severity: Severity;
  /** The language of the tab the finding is in; null when it is about the page as a whole. */
  language: Language | null;
  /** 1-based line in the page. */
  line: number;
  message: string;
  /** One line saying what to change. */
  fix: string;
}

export interface Summary {
  errors: number;
  warnings: number;
  info: number;
}

export interface DocsReport {
  page: string;
  findings: Finding[];
  summary: Summary;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** Page-level findings first, then by language (in the order given), line, severity and id. */
export function sortFindings(findings: readonly Finding[], languageOrder: readonly string[] = []): Finding[] {
  const rank = (l: Language | null) => (l === null ? -1 : languageOrder.includes(l) ? languageOrder.indexOf(l) : languageOrder.length);
  return [...findings].sort((a, b) =>
    rank(a.language) - rank(b.language)
    || (a.language ?? '').localeCompare(b.language ?? '')
    || a.line - b.line
    || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]
    || a.id.localeCompare(b.id)
    || a.message.localeCompare(b.message));
}

export function summarize(findings: readonly Finding[]): Summary {
  return {
    errors: findings.filter((f) => f.severity === 'error').length,
    warnings: findings.filter((f) => f.severity === 'warning').length,
    info: findings.filter((f) => f.severity === 'info').length,
  };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summaryLine(s: Summary): string {
  return `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}${s.info ? `, ${s.info} info` : ''}`;
}

/** Keeps a finding on one line whatever its message holds. */
function oneLine(text: string): string {
  // Each run of white space holding a line break; /\s*\n\s*/ rescanned a long run from each of its characters.
  return text.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ⏎ ' : ws));
}

export function formatFinding(f: Finding): string {
  return `  ${f.severity}  L${f.line}  ${f.id}  ${oneLine(f.message)} — fix: ${oneLine(f.fix)}`;
}

/** Text report: a heading per group (page, then each language), one line per finding, a summary. */
export function formatText(report: DocsReport, header?: string): string {
  const out: string[] = [];
  if (header) out.push(header);
  let group: string | undefined;
  for (const f of report.findings) {
    const name = f.language ?? 'page';
    if (name !== group) {
      out.push(name);
      group = name;
    }
    out.push(formatFinding(f));
  }
  out.push(summaryLine(report.summary));
  return `${out.join('\n')}\n`;
}

export function formatJson(report: DocsReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function makeReport(page: string, findings: readonly Finding[], languageOrder: readonly string[] = []): DocsReport {
  const sorted = sortFindings(findings, languageOrder);
  return { page, findings: sorted, summary: summarize(sorted) };
}
