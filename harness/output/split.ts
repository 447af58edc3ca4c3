// Splits what `dapr run` printed into the app's lines, the CLI's status lines and daprd's log
// lines. Pure. Three shapes exist:
//  - prefixed (CLI ≤ 1.16, single app): app lines are `== APP == <line>`; nothing else is the app's.
//  - unprefixed (CLI ≥ 1.17, single app): the app writes straight through, interleaved with
//    daprd logfmt/JSON lines and the CLI's emoji status lines; whatever is neither is the app's.
//  - multi-app (`dapr run -f`): app lines are `== APP - <app-id> == <line>`.
import stripAnsi from 'strip-ansi';

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

// `s`: an app line may hold U+2028/U+2029, which `.` does not match without it (the line was then
// not the app's, and MULTI backtracked quadratically on it).
const PREFIXED = /^== APP ==(?: (.*))?$/s;
const MULTI = /^== APP - (.+?) ==(?: (.*))?$/s;
// daprd's logfmt line always starts with time= and carries level= and msg=.
const LOGFMT = /^time="[^"]*" level=\w+ msg=/;
// The same logger's text form when daprd writes to a terminal: `INFO[0000] msg  key=value …`.
const LOGRUS_TTY = /^(?:DEBU|INFO|WARN|ERRO|FATA|PANI)\[\d+\] /;
// The CLI's status lines: an emoji (ℹ️ ✅ ❌ ⚠ ⚠️, optionally with a variation selector) then spaces.
const CLI_STATUS = /^(?:ℹ|✅|❌|⚠)\uFE0F?\s/u;
// Plain lines the CLI itself prints (cobra deprecation notices, the shutdown notice). A multi-app
// run (1.18) reports an app's exit and its own shutdown without an emoji, and says "termination".
const CLI_PLAIN = [
  /^(?:terminated|termination) signal received: shutting down$/,
  /^Flag --[\w-]+ has been deprecated,/,
  /^WARNING: /,
  /^The App process exited with error code: /,
  /^Error exiting (?:App|Dapr): /,
];

/** A line's JSON fields; none when it is not JSON (a JSON string or number has none either). */
function jsonFields(line: string): Record<string, unknown> {
  try {
    return Object(JSON.parse(line)) as Record<string, unknown>;
  } catch {
    return {};
  }
}

/** With --log-as-json, daprd logs {"level","msg","scope",…} and the CLI {"time","status","msg"}. */
function isDaprdJson(line: string): boolean {
  const v = jsonFields(line);
  return typeof v.level === 'string' && typeof v.msg === 'string' && typeof v.scope === 'string';
}

function isCliJson(line: string): boolean {
  const v = jsonFields(line);
  return typeof v.status === 'string' && typeof v.msg === 'string' && typeof v.time === 'string' && !('scope' in v);
}

export function isDaprdLine(line: string): boolean {
  return LOGFMT.test(line) || LOGRUS_TTY.test(line) || isDaprdJson(line);
}

export function isCliLine(line: string): boolean {
  return CLI_STATUS.test(line) || CLI_PLAIN.some((re) => re.test(line)) || isCliJson(line);
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
