// Splits what `dapr run` printed into the app's lines, the CLI's status lines and daprd's log
// lines. Pure. What each kind of line looks like is dapr-lines.ts's; three shapes exist:
//  - prefixed (CLI ≤ 1.16, single app): app lines are `== APP == <line>`; nothing else is the app's.
//  - unprefixed (CLI ≥ 1.17, single app): the app writes straight through, interleaved with
//    daprd logfmt/JSON lines and the CLI's emoji status lines; whatever is neither is the app's.
//  - multi-app (`dapr run -f`): app lines are `== APP - <app-id> == <line>`.
import stripAnsi from 'strip-ansi';
import { APP_MULTI as MULTI, APP_PREFIXED as PREFIXED, isCliLine, isDaprdLine } from './dapr-lines.ts';

export type OutputShape = 'prefixed' | 'unprefixed' | 'multi-app';

export interface SplitOutput {
  shape: OutputShape;
  app: string[];
  /** App lines by app id (multi-app runs; single-app runs use the key ""). */
  appById: Record<string, string[]>;
  cli: string[];
  daprd: string[];
  /** Lines that are none of the above in a prefixed run (e.g. Go's panics printed by the CLI). */
  other: string[];
}

/** The shape a CLI version prints for a single-app run. */
export function shapeForCli(version: string | undefined): OutputShape | undefined {
  // Stryker disable next-line StringLiteral: equivalent, any text without a version matches no better
  const m = /^v?(\d+)\.(\d+)/.exec(version ?? '');
  if (!m) return undefined;
  const [major, minor] = [Number(m[1]), Number(m[2])];
  return major > 1 || (major === 1 && minor >= 17) ? 'unprefixed' : 'prefixed';
}

function detectShape(lines: string[]): OutputShape {
  if (lines.some((l) => MULTI.test(l))) return 'multi-app';
  if (lines.some((l) => PREFIXED.test(l))) return 'prefixed';
  return 'unprefixed';
}

export function toLines(text: string): string[] {
  const lines = stripAnsi(text).replace(/\r\n?/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop(); // split always gives at least one element
  return lines;
}

/**
 * Splits the CLI's stdout (and stderr, appended or interleaved: both carry the same kinds).
 * `shape` should come from the CLI version when known: a prefixed run whose app printed nothing
 * has no `== APP ==` line to detect it by.
 */
export function splitDaprOutput(text: string, shape?: OutputShape): SplitOutput {
  const lines = toLines(text);
  const kind = shape ?? detectShape(lines);
  const out: SplitOutput = { shape: kind, app: [], appById: {}, cli: [], daprd: [], other: [] };
  const pushApp = (id: string, line: string) => {
    out.app.push(line);
    const own = out.appById[id] ?? [];
    own.push(line);
    out.appById[id] = own;
  };
  for (const line of lines) {
    const multi = kind === 'multi-app' ? MULTI.exec(line) : null;
    const prefixed = kind === 'prefixed' ? PREFIXED.exec(line) : null;
    if (multi) pushApp(multi[1]!, multi[2] ?? '');
    else if (prefixed) pushApp('', prefixed[1] ?? '');
    else if (isDaprdLine(line)) out.daprd.push(line);
    else if (isCliLine(line)) out.cli.push(line);
    else if (kind === 'unprefixed') pushApp('', line);
    else out.other.push(line);
  }
  return out;
}
