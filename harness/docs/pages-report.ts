// The report over several pages: each page's findings and counts, and the counts over all of
// them by finding id, as console text, JSON and Markdown. Pure.
import path from 'node:path';
import { esc } from '../report/html.ts';
import type { FindingId } from './finding-ids.ts';
import { makeReport, summarize, summaryLine, type DocsReport, type Finding, type Summary } from './findings.ts';

export interface PageReport extends DocsReport {
  /** The building block the page was matched to, when it was checked against a tree. */
  block?: string;
  /** How many findings of each id the page has. */
  counts: Partial<Record<FindingId, number>>;
}

export interface PagesReport {
  /** The manifest the pages were checked against. */
  manifest: string;
  pages: PageReport[];
  summary: Summary & { pages: number };
  counts: Partial<Record<FindingId, number>>;
}

export function countById(findings: readonly Finding[]): Partial<Record<FindingId, number>> {
  const out: Partial<Record<FindingId, number>> = {};
  for (const f of findings) out[f.id] = (out[f.id] ?? 0) + 1;
  return Object.fromEntries(Object.entries(out).sort((a, b) => a[0].localeCompare(b[0])));
}

export function makePageReport(page: string, findings: readonly Finding[], languageOrder: readonly string[], block?: string): PageReport {
  const r = makeReport(page, findings, languageOrder);
  return { ...r, ...(block ? { block } : {}), counts: countById(r.findings) };
}

export function makePagesReport(manifest: string, pages: PageReport[]): PagesReport {
  const all = pages.flatMap((p) => p.findings);
  return { manifest, pages, summary: { ...summarize(all), pages: pages.length }, counts: countById(all) };
}

const oneLine = (text: string) => text.replace(/\s+/g, (ws) => (ws.includes('\n') ? ' ⏎ ' : ws));

/** The page's name as findings show it: relative to the folder the pages came from. */
function shown(page: string, base: string | undefined): string {
  return base ? path.relative(base, page) || path.basename(page) : page;
}

function countLines(counts: PagesReport['counts']): string[] {
  const width = Math.max(0, ...Object.keys(counts).map((k) => k.length));
  return Object.entries(counts).map(([id, n]) => `  ${id.padEnd(width)}  ${n}`);
}

/** Console text: per page a header, one line per finding naming `page:line`, the page's summary; then the totals. */
export function formatPagesText(report: PagesReport, base?: string): string {
  const out: string[] = [];
  for (const p of report.pages) {
    const name = shown(p.page, base);
    out.push(`${name}${p.block ? ` (${p.block})` : ''}`);
    for (const f of p.findings) out.push(`  ${f.severity}  ${name}:${f.line}  ${f.language ?? 'page'}  ${f.id}  ${oneLine(f.message)} — fix: ${oneLine(f.fix)}`);
    out.push(`  ${summaryLine(p.summary)}`, '');
  }
  out.push(`${report.summary.pages} page(s) checked against ${report.manifest}: ${summaryLine(report.summary)}`);
  if (Object.keys(report.counts).length) out.push('by finding id:', ...countLines(report.counts));
  return `${out.join('\n')}\n`;
}

export function formatPagesJson(report: PagesReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

const cell = (s: string) => oneLine(s).replace(/\|/g, '\\|');

/** Markdown: a table of pages with their counts, the counts by id, then each page's findings. */
export function formatPagesMarkdown(report: PagesReport, base?: string): string {
  const s = report.summary;
  const out = [
    '# Docs pages checked',
    '',
    `${s.pages} page(s) checked against \`${report.manifest}\`: ${s.errors} error(s), ${s.warnings} warning(s), ${s.info} info.`,
    '',
    '| page | block | errors | warnings | info |',
    '| --- | --- | ---: | ---: | ---: |',
    ...report.pages.map((p) => `| ${cell(shown(p.page, base))} | ${p.block ?? ''} | ${p.summary.errors} | ${p.summary.warnings} | ${p.summary.info} |`),
    '',
    '## By finding id',
    '',
    '| id | count |',
    '| --- | ---: |',
    ...Object.entries(report.counts).map(([id, n]) => `| \`${id}\` | ${n} |`),
  ];
  for (const p of report.pages) {
    out.push('', `## ${cell(shown(p.page, base))}`, '');
    if (p.findings.length === 0) {
      out.push('No findings.');
      continue;
    }
    out.push('| severity | line | tab | id | finding | fix |', '| --- | ---: | --- | --- | --- | --- |');
    for (const f of p.findings) out.push(`| ${f.severity} | ${f.line} | ${f.language ?? 'page'} | \`${f.id}\` | ${cell(f.message)} | ${cell(f.fix)} |`);
  }
  return `${out.join('\n')}\n`;
}

/** One self-contained HTML page (inline CSS, no script, a policy that forbids every fetch): the Markdown report's tables. */
export function formatPagesHtml(report: PagesReport, base?: string): string {
  const s = report.summary;
  const sev = (x: string) => `<span class="${esc(x)}">${esc(x)}</span>`;
  const rows = report.pages.map((p, i) => `<tr><td><a href="#p${i}">${esc(shown(p.page, base))}</a></td><td>${esc(p.block ?? '')}</td><td>${p.summary.errors}</td><td>${p.summary.warnings}</td><td>${p.summary.info}</td></tr>`).join('\n');
  const counts = Object.entries(report.counts).map(([id, n]) => `<tr><td><code>${esc(id)}</code></td><td>${n}</td></tr>`).join('\n');
  const pages = report.pages.map((p, i) => {
    const body = p.findings.length === 0
      ? '<p>No findings.</p>'
      : `<table><tr><th>severity</th><th>line</th><th>tab</th><th>id</th><th>finding</th><th>fix</th></tr>\n${p.findings.map((f) => `<tr><td>${sev(f.severity)}</td><td>${f.line}</td><td>${esc(f.language ?? 'page')}</td><td><code>${esc(f.id)}</code></td><td>${esc(f.message)}</td><td>${esc(f.fix)}</td></tr>`).join('\n')}</table>`;
    return `<h2 id="p${i}">${esc(shown(p.page, base))}</h2>\n${body}`;
  }).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>Docs pages checked</title>
<style>body{font:14px system-ui,sans-serif;margin:2em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:left;vertical-align:top}.error{color:#b00}.warning{color:#a60}.info{color:#06c}</style>
</head><body>
<h1>Docs pages checked</h1>
<p>${s.pages} page(s) checked against <code>${esc(report.manifest)}</code>: ${s.errors} error(s), ${s.warnings} warning(s), ${s.info} info.</p>
<table><tr><th>page</th><th>block</th><th>errors</th><th>warnings</th><th>info</th></tr>
${rows}</table>
<h2>By finding id</h2>
<table><tr><th>id</th><th>count</th></tr>
${counts}</table>
${pages}
</body></html>
`;
}
