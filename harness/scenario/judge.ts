// What a scenario's apps printed, judged: each app's lines filtered and normalized as a one-app
// sample's are, a server's cut after the line that ended it, compared with its own golden (as a
// multiset when its order is not deterministic), and checked against its README lines. Pure.
import path from 'node:path';
import type { AppSpec, GoldenMode } from '../model.ts';
import { filterLines } from '../output/filters.ts';
import { cleanLine, normalizeLines, physicalLines } from '../output/normalize.ts';
import type { Redaction } from '../output/redactions.ts';
import { compareWithGolden, type GoldenVerdict } from '../golden/compare.ts';
import { checkExpectedLines, type ExpectedLinesVerdict } from '../golden/expected-lines.ts';
import { decideGolden } from '../golden/verdict.ts';
import { firstBatch } from '../run/conditions.ts';
import type { LineFilter } from '../output/filters.ts';

/** One app of one run, judged. */
export interface AppJudgement {
  appId: string;
  /** The run step (1-based) it belongs to. */
  step: number;
  role: AppSpec['role'];
  /** What is compared with the golden: normalized, a server's cut at its condition. */
  output: string;
  /** Everything it printed, normalized (the parity facts read this). */
  full: string;
  golden: string;
  goldenLabel: string;
  verdict: 'match' | 'mismatch' | 'missing' | 'written';
  diff?: string;
  expectedLines?: ExpectedLinesVerdict;
  filtered: Record<string, number>;
  /** Why this app fails the sample. */
  failure?: string;
}

/** Lines sorted, for an app whose order is not deterministic: the golden keeps the recorded order. */
export function sortedLines(text: string): string {
  const lines = text.split('\n');
  const last = lines[lines.length - 1] === '' ? lines.pop() : undefined;
  return [...lines.sort(), ...(last === undefined ? [] : [''])].join('\n');
}

/** An app's lines as a golden holds them. */
export function shapeAppLines(lines: readonly string[], o: { filters: readonly LineFilter[]; redactions: readonly Redaction[] }): { text: string; filtered: Record<string, number> } {
  const { kept, dropped } = filterLines(physicalLines(lines).map((l) => l.trimEnd()), o.filters);
  return { text: normalizeLines(kept, o.redactions), filtered: dropped };
}

export function judgeApp(app: AppSpec, lines: readonly string[], o: {
  step: number; root: string; golden: string | undefined; mode: GoldenMode; sampleId: string;
  filters: readonly LineFilter[]; redactions: readonly Redaction[];
}): AppJudgement {
  const full = shapeAppLines(lines, o);
  // Only an explicit `until` cuts a server's output (a cron binding repeating its batch); without
  // one the run ended after the apps went quiet, so everything up to then is its output. The cut is
  // made on normalized lines, so a redacted value cannot decide where it falls; a next batch begun
  // before the first ended is left out.
  const cond = app.role === 'server' ? app.until : undefined;
  const fullLines = full.text === '' ? [] : full.text.replace(/\n$/, '').split('\n');
  const output = cond ? `${firstBatch(fullLines, cond).join('\n')}${fullLines.length ? '\n' : ''}` : full.text;
  const label = path.relative(o.root, app.golden);
  const compared: GoldenVerdict = app.unordered && o.golden !== undefined
    ? (compareWithGolden(sortedLines(output), sortedLines(o.golden), `${label} (lines in any order)`))
    : compareWithGolden(output, o.golden, label);
  const decision = decideGolden(compared, { mode: o.mode, sampleId: o.sampleId, label });
  // The output is checked as it was normalized, so the README's lines are too: a due time of `15s`
  // it names is `[DURATION]` in both.
  const expectedLines = app.expect ? checkExpectedLines(full.text, { ...app.expect, lines: app.expect.lines.map((l) => cleanLine(l, o.redactions)) }) : undefined;
  const base = { appId: app.appId, step: o.step, role: app.role, output, full: full.text, golden: app.golden, goldenLabel: label, filtered: full.filtered, ...(expectedLines ? { expectedLines } : {}) };
  const verdict: AppJudgement['verdict'] = decision.write ? 'written' : compared.kind;
  const diff = compared.kind === 'mismatch' ? compared.diff : undefined;
  const failure = decision.failure
    ? `${app.appId}: ${decision.failure.reason}`
    : expectedLines && !expectedLines.ok
      ? `${app.appId}: expected line "${expectedLines.missing}" ${expectedLines.outOfOrder ? 'is printed, but not after the line before it' : 'is not in its output'}`
      : undefined;
  return { ...base, verdict, ...(diff ? { diff } : {}), ...(failure ? { failure } : {}) };
}
