// `parity merge-reports DIR… [--report-dir OUT]`: one report.json, junit.xml and summary.md from
// the report folders of sharded runs. Exit 1 when a sample or parity failed, as `run` does.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InputError } from '../input-error.ts';
import type { RunReport } from '../model.ts';
import { renderConsole } from './console.ts';
import { mergeReports } from './merge.ts';
import { writeReports } from './write.ts';
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
  const merged = mergeReports(dirs.map((d) => ({ report: readReport(d), from: d })), manifestOrder(opts.root));
  await writeReports(merged, path.resolve(opts.reportDir));
  process.stdout.write(renderConsole(merged, opts.reportDir));
  const failed = merged.samples.some((s) => s.status === 'failed') || !merged.parity.ok;
  return failed ? 1 : 0;
}
