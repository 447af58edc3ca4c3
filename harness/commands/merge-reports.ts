// `parity merge-reports DIR… [--report-dir OUT]`: one report.json, junit.xml and summary.md from
// the report folders of sharded runs. Exits by the rule `run` exits by (exit-code.ts).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../input-error.ts';
import type { RunReport } from '../model.ts';
import { secretsByFile } from '../parity/secrets-file.ts';
import { exitCode } from '../report/exit-code.ts';
import { mergeReports } from '../report/merge.ts';
import { fanOut, runReporters } from '../report/reporter.ts';
import { loadManifest } from '../samples/manifest.ts';

function readReport(dir: string): RunReport {
  const file = path.join(dir, 'report.json');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError(`${file}: no report here (is ${dir} the --report-dir of a parity run?)`);
  }
  try {
    const r = JSON.parse(text) as RunReport;
    if (!Array.isArray(r.samples) || !r.dapr || !r.parity) throw new Error('not a parity report');
    return r;
  } catch (err) {
    throw new InputError(`${file}: not a parity report (${(err as Error).message})`);
  }
}

/** The manifest's sample order, when the tree at `root` has one (merging needs none). */
function manifestOrder(root: string): string[] | undefined {
  try {
    return loadManifest(root).samples.map((s) => s.id);
  } catch {
    return undefined;
  }
}

export async function mergeReportsCommand(dirs: string[], opts: { reportDir: string; root: string }): Promise<number> {
  const reports = dirs.map((d) => ({ report: readReport(d), from: d }));
  // The per-sample secrets files the shards were checked against, read from the tree as the run read them.
  const perFile = secretsByFile(reports.flatMap((r) => r.report.samples), opts.root);
  const merged = mergeReports(reports, manifestOrder(opts.root), perFile);
  await fanOut(runReporters({ reportDir: path.resolve(opts.reportDir), shownDir: opts.reportDir, stdout: (text) => process.stdout.write(text) })).onRunEnd(merged);
  return exitCode(merged, { failOn: 'any' });
}
