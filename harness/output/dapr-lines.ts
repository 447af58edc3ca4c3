// What `dapr run` prints besides the app's own lines, known here and nowhere else: the CLI's
// status lines, the `== APP ==` framing of CLI 1.16 and older (`== APP - id ==` in multi-app
// runs), daprd's log lines (logfmt, its terminal form, JSON), its fatal lines, and the CLI's
// reports of the sidecar ready, the app ended and daprd gone. Splitting (split.ts), attempt
// verdicts (run/infra.ts), phase marks (run/phases.ts), expected lines, the docs check and
// `parity init` all ask this module. Pure.

// `s`: an app line may hold U+2028/U+2029, which `.` does not match without it (the line was then
// not the app's, and MULTI backtracked quadratically on it).
/** A single-app line of CLI ≤ 1.16: `== APP == <line>`. */
export const APP_PREFIXED = /^== APP ==(?: (.*))?$/s;
/** A multi-app line (`dapr run -f`): `== APP - <app-id> == <line>`. */
export const APP_MULTI = /^== APP - (.+?) ==(?: (.*))?$/s;
/** Either frame, the app's text in group 1 (the docs check reads pages written either way). */
export const APP_FRAMED = /^== APP(?: - [^=]+)? ==(?: (.*))?$/s;
const APP_FRAME_START = /^== APP(?: - [^=]*)? == ?/;

/** The line without a leading `== APP == ` / `== APP - id == ` frame (as a README may write it). */
export function unframe(line: string): string {
  return line.replace(APP_FRAME_START, '');
}

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

/** The message of a daprd fatal or error log line (logfmt or JSON); undefined for any other line. */
export function daprdErrorMessage(line: string): string | undefined {
  if (!(/level=(fatal|error)\b/.test(line) || /"level":"(fatal|error)"/.test(line))) return undefined;
  const m = /msg="((?:[^"\\]|\\.)*)"/.exec(line) ?? /"msg":"((?:[^"\\]|\\.)*)"/.exec(line);
  return m ? m[1]!.replace(/\\"/g, '"') : undefined;
}

/** daprd logged a fatal line (it exits right after). */
export function isDaprdFatal(line: string): boolean {
  return /level=fatal\b|"level":"fatal"/.test(line);
}

const CLI_DAPRD_EXITED = /^❌\uFE0F?\s+The daprd process exited with error code/u;
const DAPRD_FATAL_LOGFMT = /^time="[^"]*" level=fatal msg=/;

/**
 * Whether `text` (whole lines of the CLI's stdout or stderr) shows daprd gone: the CLI's report
 * (`❌  The daprd process exited with error code: …`, the same words in CLI 1.16 and 1.18) or,
 * where daprd's log reaches the CLI's stdout, daprd's own fatal line, which it exits right after.
 */
export function daprdExitSeen(text: string): boolean {
  // Line by line with anchored, linear patterns: this reads arbitrary app output.
  return text.split('\n').some((line) => CLI_DAPRD_EXITED.test(line)
    || DAPRD_FATAL_LOGFMT.test(line)
    || (line.startsWith('{') && line.includes('"level":"fatal"') && line.includes('"scope":"dapr.')));
}

// The last alternative is the CLI's own check before it starts daprd: `❌  invalid configuration
// for HTTPPort. Port 3500 is not available` (exit 1, daprd never started).
/** daprd or the CLI saying a port was taken. */
export const PORT_TAKEN = /address already in use|bind: address|listen tcp [^ ]*: bind|could not listen on any endpoint|Port \d+ is not available/i;
/** The CLI giving up waiting for the sidecar. */
export const SIDECAR_NOT_READY = /Dapr sidecar is not listening on|Dapr sidecar might not be responding/;

/** The CLI's (or daprd's) words for the moments a run's phases end at. */
export const RUN_MARKS = {
  /** The sidecar answered: the CLI's "You're up and running" / "sidecar is up", or daprd's "Status: Running". */
  ready: /You're up and running|Dapr sidecar is up and running|dapr initialized\. Status: Running/,
  /** The CLI said the app ended. */
  appExited: /Exited App successfully|The App process exited/,
  /** The CLI said daprd died. */
  daprdExited: /The daprd process exited with error code/,
} as const;

const APP_EXITED_OK = /^(?:✅\uFE0F?\s+)?Exited App successfully$/u;
const APP_EXITED_ERROR = /^(?:❌\uFE0F?\s+)?The App process exited with error code: (.*)$/u;

/**
 * How an app of a multi-app run ended, from the line the CLI writes into that app's log file when
 * it exits (`Exited App successfully` or `The App process exited with error code: exit status 1`);
 * undefined for any other line.
 */
export function appExitLine(line: string): { ok: boolean; detail: string } | undefined {
  if (APP_EXITED_OK.test(line)) return { ok: true, detail: 'exited successfully' };
  const m = APP_EXITED_ERROR.exec(line);
  return m ? { ok: false, detail: `exited with an error (${m[1]})` } : undefined;
}

/** CLI status lines and daprd log lines a README may list as expected; the normalized app output never has them. */
const README_CLI_OR_DAPRD = /^(ℹ️|✅|❌|⚠)|Exited (App|Dapr) successfully|You're up and running/;
// The CLI's status messages a README quotes without their emoji (mechanical-markdown matches a
// substring of `ℹ️  Started Dapr with app id "x". HTTP Port: …`): the multi-app run's above all.
const README_CLI_MESSAGE = /^(?:Started Dapr with app id "|Validating config and starting app "|Writing log files to directory|app stopped successfully: |Updating metadata for app command: |Starting Dapr with id )/;

/** A line a README lists that the CLI or daprd prints (a status line, or a logfmt line with level= and msg=), not the app. */
export function isDaprLineInReadme(line: string): boolean {
  return README_CLI_OR_DAPRD.test(line) || README_CLI_MESSAGE.test(line) || (/\blevel=\w/.test(line) && /\bmsg=/.test(line));
}
