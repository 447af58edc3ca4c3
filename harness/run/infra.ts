// What one `dapr run` attempt means: a pass to compare, the sample's own failure (never retried),
// or infrastructure trouble worth another attempt. Pure. A golden mismatch, a parity failure, an
// app error or a broken component is never infrastructure.
import { tailLines } from '../text/format.ts';
import { daprdErrorMessage, isDaprdFatal, PORT_TAKEN, SIDECAR_NOT_READY } from '../output/dapr-lines.ts';
import type { SplitOutput } from '../output/split.ts';

/** A CLI line without its leading icon or word (`⚠️  `, `❌  `, `WARNING: `). */
function withoutIcon(line: string): string {
  // Stryker disable next-line Regex: a CLI line starts with its icon or word, never white space, so dropping `^` changes no answer (it stays for linear time)
  return line.replace(/^\S+\s+/, '');
}

export interface RunFacts {
  exitCode: number | undefined;
  timedOut: boolean;
}

/** The message of daprd's last fatal/error log line, if it logged one. */
export function daprdFatal(split: SplitOutput): string | undefined {
  for (const line of [...split.daprd].reverse()) {
    const message = daprdErrorMessage(line);
    if (message !== undefined) return message;
  }
  return undefined;
}

/** A one-line cause when the failure is the machine's (ports, a slow sidecar), else undefined. */
export function infraCause(outcome: RunFacts, split: SplitOutput): string | undefined {
  if (outcome.exitCode === 0 || outcome.timedOut) return undefined;
  const cliPortLine = split.cli.find((l) => PORT_TAKEN.test(l));
  if (split.daprd.some((l) => PORT_TAKEN.test(l)) || cliPortLine) {
    const detail = daprdFatal(split) ?? (cliPortLine && withoutIcon(cliPortLine)) ?? 'address already in use';
    return `a port was taken between pick and bind (${detail.slice(0, 160)})`;
  }
  // daprd died of something else (a component, its configuration): the CLI's "not listening"
  // warnings that follow are a consequence, not a slow machine, and a retry would die the same way.
  if (split.daprd.some(isDaprdFatal)) return undefined;
  const notReady = split.cli.find((l) => SIDECAR_NOT_READY.test(l));
  if (notReady) return `sidecar not ready in time (${withoutIcon(notReady)})`;
  return undefined;
}

/**
 * The 1.16 CLI copies app output with goroutines that cmd.Wait() can cut off when the app exits:
 * the tail of a fast app's output may never be printed. When an app that exited 0 printed a strict
 * prefix of its golden (nothing at all included), that is the known CLI race, retried (and so
 * reported flaky if it then passes); a real regression fails on every attempt.
 */
export function lostOutputCause(shape: string | undefined, output: string, golden: string | undefined): string | undefined {
  if (shape !== 'prefixed' || golden === undefined || output === golden || !golden.startsWith(output)) return undefined;
  return 'the dapr CLI (1.16 and older) printed only part of the app\'s output before it exited (its known output race at app exit)';
}

/** `go run`'s own report of the program's exit code: the launcher speaking, not the app. */
const LAUNCHER_EXIT_LINE = /^exit status \d+$/;

/** Why a `dapr run` that exited non-zero failed, in one line: daprd's cause, the app's last line, or the CLI's error. */
export function exitReason(exit: number | string | undefined, split: SplitOutput): string {
  const fatal = daprdFatal(split);
  // The app's last line says why (e.g. the sidecar's 401), not `go run`'s `exit status 1` after it.
  const last = tailLines(split.app.filter((l) => !LAUNCHER_EXIT_LINE.test(l.trim())).join('\n'), 1);
  // The CLI's first ❌ line is the cause when neither daprd nor the app said anything
  // (e.g. `fork/exec …/daprd: permission denied`: daprd never started).
  const cliError = split.cli.find((l) => l.startsWith('❌'));
  const why = fatal ? `daprd failed: ${fatal}` : last ? `the app printed: ${last}` : cliError ? `the dapr CLI said: ${withoutIcon(cliError)}` : 'no output from the app';
  return `dapr run exited ${exit}; ${why}`;
}

export type AttemptVerdict =
  | { kind: 'ok' }
  /** Infrastructure: worth another attempt. */
  | { kind: 'infra'; cause: string }
  /** The sample's own failure: final. */
  | { kind: 'failed'; reason: string };

/** Classifies one attempt. `retryLostOutput` is off on the last attempt and when updating goldens. */
export function classifyAttempt(
  run: { outcome: RunFacts & { aborted: boolean; signal?: string }; split: SplitOutput; output: string },
  ctx: { timeoutMs: number; golden: string | undefined; retryLostOutput: boolean },
): AttemptVerdict {
  const { outcome, split } = run;
  if (outcome.aborted) return { kind: 'failed', reason: 'interrupted (SIGINT/SIGTERM to the harness); every process it started was ended' };
  if (outcome.timedOut) return { kind: 'failed', reason: `timed out after ${Math.round(ctx.timeoutMs / 1000)}s; every process it started was ended` };
  const infra = infraCause(outcome, split);
  if (infra) return { kind: 'infra', cause: infra };
  if (outcome.exitCode !== 0) return { kind: 'failed', reason: exitReason(outcome.exitCode ?? outcome.signal, split) };
  const lost = ctx.retryLostOutput ? lostOutputCause(split.shape, run.output, ctx.golden) : undefined;
  return lost ? { kind: 'infra', cause: lost } : { kind: 'ok' };
}
