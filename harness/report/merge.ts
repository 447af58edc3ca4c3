// Merging the reports of sharded runs (`parity merge-reports`) into one, as if one run had run
// them all: samples side by side, parity checked again over all of them. Pure; reading the
// folders and the secrets files is commands/merge-reports.ts's job.
import { InputError } from '../input-error.ts';
import { LANGUAGES, VARIANTS, type RunReport, type SampleResult } from '../model.ts';
import { checkParity } from '../parity/check.ts';
import { blocksParity } from '../parity/facts.ts';

const matrixOrder = (s: SampleResult) => [LANGUAGES.indexOf(s.language), VARIANTS.indexOf(s.variant)] as const;

/**
 * `order`: sample ids in the manifest's order, so the merged report lists them as an unsharded
 * run would; without it (no manifest at hand), the matrix order (language, then variant).
 */
export function mergeReports(reports: readonly { report: RunReport; from: string }[], order?: readonly string[], perFile: Record<string, unknown> = {}): RunReport {
  if (reports.length === 0) throw new InputError('merge-reports needs at least one report folder');
  const first = reports[0]!.report;
  const seen = new Map<string, string>();
  for (const { report, from } of reports) {
    if (report.dapr.cli !== first.dapr.cli || report.dapr.runtime !== first.dapr.runtime) {
      throw new InputError(`${from}: ran dapr CLI ${report.dapr.cli} / daprd ${report.dapr.runtime}, ${reports[0]!.from} ran ${first.dapr.cli} / ${first.dapr.runtime}: not one run`);
    }
    for (const s of report.samples) {
      const other = seen.get(s.id);
      if (other) throw new InputError(`${from}: sample ${s.id} is also in ${other} (overlapping shards?)`);
      seen.set(s.id, from);
    }
  }
  const rank = (id: string) => (order?.includes(id) ? order.indexOf(id) : Number.MAX_SAFE_INTEGER);
  const samples = reports.flatMap((r) => r.report.samples).sort((a, b) => {
    const [la, va] = matrixOrder(a);
    const [lb, vb] = matrixOrder(b);
    return rank(a.id) - rank(b.id) || la - lb || va - vb || a.id.localeCompare(b.id);
  });
  const starts = reports.map((r) => Date.parse(r.report.startedAt));
  const ends = reports.map((r, k) => starts[k]! + r.report.durationMs);
  const start = Math.min(...starts);
  // Every shard checked against the same secrets file: its expected map stands for that file; a
  // sample with a secrets file of its own is checked against that file, as the run checked it.
  // The secret parity is the one-app samples'; building blocks have their parity per block, read
  // again over every shard's samples from the facts each one carries.
  const classic = samples.filter((s) => !s.block);
  const scenarios = samples.length > classic.length;
  const parity = classic.length || !scenarios ? checkParity(classic, first.parity.expected, perFile) : { ok: true, expected: {}, problems: [], checked: 0 };
  const blocks = blocksParity(samples);
  for (const { report, from } of reports) {
    if (JSON.stringify(report.parity.expected) !== JSON.stringify(first.parity.expected)) {
      parity.problems.push(`${from}: expected ${JSON.stringify(report.parity.expected)}, ${reports[0]!.from} expected ${JSON.stringify(first.parity.expected)}`);
      parity.ok = false;
    }
  }
  return {
    dapr: first.dapr,
    startedAt: new Date(start).toISOString(),
    durationMs: Math.max(...ends) - start,
    samples,
    parity,
    ...(blocks.length ? { blocks } : {}),
    orphanGoldens: [...new Set(reports.flatMap((r) => r.report.orphanGoldens))].sort(),
  };
}
