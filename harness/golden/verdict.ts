// What a golden comparison means for a sample, and whether `--update` writes: the verdict is
// decided here, purely; the write itself is store.ts's (as snapbox keeps Assert apart from its
// overwrite action).
import type { GoldenMode } from '../model.ts';
import type { GoldenVerdict } from './compare.ts';

export interface GoldenDecision {
  /** Write the actual output as the golden (only ever when updating). */
  write: boolean;
  /** What the update did, for the progress log. */
  note?: string;
  /** Why the sample fails on its golden, with the diff when there is one. */
  failure?: { reason: string; diff?: string };
}

export function decideGolden(verdict: GoldenVerdict, ctx: { mode: GoldenMode; sampleId: string; label: string }): GoldenDecision {
  if (verdict.kind === 'match') return { write: false };
  if (ctx.mode === 'overwrite') return { write: true, note: `golden ${ctx.label} ${verdict.kind === 'missing' ? 'created' : 'updated'}` };
  if (verdict.kind === 'missing') {
    return { write: false, failure: { reason: `no golden at ${ctx.label}: run \`npx parity run ${ctx.sampleId} --update\` to create it, read it, then commit it` } };
  }
  return { write: false, failure: { reason: `output differs from ${ctx.label} (accept with \`npx parity run ${ctx.sampleId} --update\`)`, diff: verdict.diff } };
}
