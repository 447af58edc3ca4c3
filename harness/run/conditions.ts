// When a run of several apps is over: every job has exited, every server has printed what ends it,
// the run's own expected lines are all there, and (while a server is still up) the apps have been
// quiet for a moment, so a delivery in flight is not cut off. Never a fixed sleep. Pure: the
// watcher in multi-run.ts feeds it what each app printed and whether it exited.
import type { AppSpec, ExpectedLines } from '../model.ts';
import { checkExpectedLines } from '../golden/expected-lines.ts';

/** What one app of a run has done so far. */
export interface AppProgress {
  appId: string;
  /** Its lines so far, without the CLI's frame. */
  lines: readonly string[];
  /** Set once it exited: `ok` when the CLI said it exited successfully. */
  exit?: { ok: boolean; line: string };
}

/** What a run waits for. */
export interface RunGoal {
  apps: readonly Pick<AppSpec, 'appId' | 'role' | 'expect' | 'until'>[];
  expect?: ExpectedLines;
}

export type RunDecision = { kind: 'wait' } | { kind: 'done' } | { kind: 'failed'; reason: string };

/** How many of `expect`'s lines the output holds, counted as the check counts them (the longest prefix that holds). */
export function expectedSeen(lines: readonly string[], expect: ExpectedLines): number {
  const output = lines.join('\n');
  let n = 0;
  while (n < expect.lines.length && checkExpectedLines(output, { ...expect, lines: expect.lines.slice(0, n + 1) }).ok) n++;
  return n;
}

/** The condition that ends a server: its `until`, else the lines its README expects of it. */
export function serverCondition(app: Pick<AppSpec, 'expect' | 'until'>): ExpectedLines | undefined {
  return app.until ?? app.expect;
}

function held(lines: readonly string[], expect: ExpectedLines | undefined): boolean {
  return !expect || checkExpectedLines(lines.join('\n'), expect).ok;
}

/**
 * Whether the run is over. `quietMs` is how long no app has printed; `settleMs` how long that
 * must be while a server is still up.
 */
export function decideRun(progress: readonly AppProgress[], goal: RunGoal, o: { quietMs: number; settleMs: number }): RunDecision {
  const of = (appId: string) => progress.find((p) => p.appId === appId) ?? { appId, lines: [] };
  for (const app of goal.apps) {
    const p = of(app.appId);
    if (p.exit && !p.exit.ok) return { kind: 'failed', reason: `${app.appId}: ${p.exit.line}` };
  }
  let serverUp = false;
  for (const app of goal.apps) {
    const p = of(app.appId);
    if (app.role === 'job' && !p.exit) return { kind: 'wait' };
    if (app.role === 'server') {
      if (!held(p.lines, serverCondition(app))) return { kind: 'wait' };
      if (!p.exit) serverUp = true;
    }
  }
  if (!held(progress.flatMap((p) => p.lines), goal.expect)) return { kind: 'wait' };
  if (serverUp && o.quietMs < o.settleMs) return { kind: 'wait' };
  return { kind: 'done' };
}

/** What a run that hit its cap had not done, one clause per app: "order-processor: 7 of 10 expected lines". */
export function shortfall(progress: readonly AppProgress[], goal: RunGoal, afterS: number): string {
  const of = (appId: string) => progress.find((p) => p.appId === appId) ?? { appId, lines: [] };
  const parts: string[] = [];
  for (const app of goal.apps) {
    const p = of(app.appId);
    const cond = app.role === 'server' ? serverCondition(app) : undefined;
    if (cond && !held(p.lines, cond)) parts.push(`${app.appId}: ${expectedSeen(p.lines, cond)} of ${cond.lines.length} expected lines`);
    else if (app.role === 'job' && !p.exit) parts.push(`${app.appId}: still running (${p.lines.length} line(s) printed)`);
  }
  const all = progress.flatMap((p) => p.lines);
  if (goal.expect && !held(all, goal.expect)) parts.push(`the run: ${expectedSeen(all, goal.expect)} of ${goal.expect.lines.length} expected lines`);
  return `${parts.join('; ') || 'nothing missing, yet the run did not end'} after ${Math.round(afterS)} s`;
}

/**
 * A server's lines up to and including the one that completed its condition, so its golden does
 * not depend on how long it ran; all of them when it has none or it was not met.
 */
export function cutAtCondition(lines: readonly string[], cond: ExpectedLines | undefined): string[] {
  if (!cond) return [...lines];
  for (let n = 1; n <= lines.length; n++) if (checkExpectedLines(lines.slice(0, n).join('\n'), cond).ok) return lines.slice(0, n);
  return [...lines];
}

/**
 * A repeating server's first complete batch: its lines cut at the condition, less every line that
 * repeats an earlier one of the cut. A slow batch can still be running when the next one starts
 * (a cron firing every 10 s on a loaded machine), and the next batch prints only lines the first
 * already printed, each after the first's, so what it slipped in before the cut is exactly those
 * repeats.
 */
export function firstBatch(lines: readonly string[], cond: ExpectedLines): string[] {
  const seen = new Set<string>();
  return cutAtCondition(lines, cond).filter((l) => {
    if (seen.has(l)) return false;
    seen.add(l);
    return true;
  });
}
