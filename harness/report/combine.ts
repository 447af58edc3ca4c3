// One report over several Dapr version pairs (a version matrix): each pair's samples carry their
// versions, parity is ok only when every pair's is, and each pair keeps its own summary. Pure.
import type { RunReport } from '../model.ts';

export function combineMatrix(reports: readonly RunReport[]): RunReport {
  if (reports.length === 1) return reports[0]!;
  const first = reports[0]!;
  const problems = reports.flatMap((r) => r.parity.problems.map((p) => `dapr ${r.dapr.cli}@${r.dapr.runtime}: ${p}`));
  return {
    dapr: first.dapr,
    startedAt: first.startedAt,
    durationMs: reports.reduce((a, r) => a + r.durationMs, 0),
    samples: reports.flatMap((r) => r.samples.map((s) => ({ ...s, dapr: r.dapr }))),
    parity: {
      ok: reports.every((r) => r.parity.ok),
      expected: first.parity.expected,
      problems,
      checked: reports.reduce((a, r) => a + r.parity.checked, 0),
    },
    orphanGoldens: first.orphanGoldens,
    matrix: reports.map((r) => ({ dapr: r.dapr, parity: r.parity, durationMs: r.durationMs })),
  };
}
