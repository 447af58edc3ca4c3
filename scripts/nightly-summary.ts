// The nightly job's step summary: one table of samples × Dapr versions from every matrix job's
// report.json, then each job's new failures against the previous night (the samples that
// `--baseline` marked `new-failure`).
// Usage: tsx scripts/nightly-summary.ts DIR... (each DIR holds one job's report.json)
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { RunReport } from '../harness/model.ts';

/** Markdown: a row per sample, a column per CLI/runtime pair, the status (and why) in each cell. Pure. */
export function versionSampleTable(reports: RunReport[]): string {
  if (reports.length === 0) return '_no reports_\n';
  const cols = reports.map((r) => `CLI ${r.dapr.cli} / runtime ${r.dapr.runtime}`);
  const ids = [...new Set(reports.flatMap((r) => r.samples.map((s) => s.id)))].sort();
  const cell = (r: RunReport, id: string) => {
    const s = r.samples.find((x) => x.id === id);
    if (!s) return '—';
    const why = s.status === 'passed' ? '' : s.reason ? `: ${s.reason.replace(/\|/g, '\\|').slice(0, 80)}` : '';
    return `${s.status}${why}`;
  };
  const lines = [`| sample | ${cols.join(' | ')} |`, `| --- | ${cols.map(() => '---').join(' | ')} |`];
  for (const id of ids) lines.push(`| ${id} | ${reports.map((r) => cell(r, id)).join(' | ')} |`);
  lines.push(`| parity | ${reports.map((r) => (r.parity.ok ? 'ok' : `failed: ${r.parity.problems.length} problem(s)`)).join(' | ')} |`);
  return `${lines.join('\n')}\n`;
}

/** The samples `--baseline` marked as new failures, one markdown line each. Pure. */
export function newFailures(report: RunReport): string[] {
  return report.samples.filter((s) => s.change === 'new-failure').map((s) => `- ${s.id}: ${s.status === 'passed' ? s.status : s.reason}`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const dirs = process.argv.slice(2).filter((d) => existsSync(path.join(d, 'report.json')));
  const reports = dirs.map((d) => JSON.parse(readFileSync(path.join(d, 'report.json'), 'utf8')) as RunReport);
  const out = ['## Dapr quickstart parity, nightly', '', versionSampleTable(reports)];
  for (const r of reports) {
    const fresh = newFailures(r);
    const none = r.samples.some((s) => s.change) ? 'none' : 'none known: no baseline to compare with';
    out.push(`### New failures, CLI ${r.dapr.cli} / runtime ${r.dapr.runtime}`, '', fresh.length ? fresh.join('\n') : none, '');
  }
  process.stdout.write(`${out.join('\n')}\n`);
}
