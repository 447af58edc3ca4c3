// Where a sample's time goes. A `dapr run` is cut into consecutive phases by what its output
// stream says as it arrives (timestamped on arrival), so the phases never overlap and never add
// up to more than the run. Pure, apart from the clock a PhaseClock reads.
import { RUN_MARKS } from '../output/dapr-lines.ts';

/** Moments of one `dapr run`, in ms since the CLI was spawned. */
export interface RunMarks {
  /** The sidecar answered: the CLI's "You're up and running" / "sidecar is up", or daprd's "Status: Running". */
  ready?: number;
  /** The CLI said the app ended ("Exited App successfully", "The App process exited …"). */
  appExited?: number;
  /** The CLI said daprd died ("The daprd process exited with error code …"). */
  daprdExited?: number;
  /** The harness decided to end the run (timeout, interruption, a dead daprd's grace over). */
  killed?: number;
  /** The CLI process exited. */
  cliExited?: number;
}


export type StreamMark = 'ready' | 'appExited' | 'daprdExited';

/** The marks a piece of CLI/daprd output holds, in the order they are checked. */
export function marksIn(text: string): StreamMark[] {
  const found: StreamMark[] = [];
  if (RUN_MARKS.ready.test(text)) found.push('ready');
  if (RUN_MARKS.appExited.test(text)) found.push('appExited');
  if (RUN_MARKS.daprdExited.test(text)) found.push('daprdExited');
  return found;
}

/** Records the first time each mark shows up in a stream fed chunk by chunk. */
export class MarkRecorder {
  readonly marks: RunMarks = {};
  // A marker may straddle two chunks: keep the tail of the last one.
  private carry = '';
  constructor(private readonly started: number, private readonly now: () => number = Date.now) {}

  feed(chunk: string): StreamMark[] {
    const text = this.carry + chunk;
    this.carry = text.slice(-200);
    const fresh = marksIn(text).filter((m) => this.marks[m] === undefined);
    for (const m of fresh) this.marks[m] = this.now() - this.started;
    return fresh;
  }

  /** Records a moment the stream itself does not show (or shows in a form only the caller reads). */
  set(mark: keyof RunMarks): void {
    this.marks[mark] ??= this.now() - this.started;
  }
}

/**
 * Consecutive phases of one run lasting `totalMs` (spawn to the last process swept):
 * `sidecar` (spawn → ready, or → daprd's death when it never got ready), `app` (ready → the app
 * ended), `wait` (the wait that ended a failing run: the timeout, or a dead daprd's grace), and
 * `teardown` (the rest: daprd stopped, the CLI exited, leftovers swept).
 */
export function runPhases(m: RunMarks, totalMs: number): Record<string, number> {
  const phases: Record<string, number> = {};
  let at = 0;
  const until = (name: string, t: number | undefined) => {
    if (t === undefined || t < at) return;
    const end = Math.min(t, totalMs);
    phases[name] = (phases[name] ?? 0) + (end - at);
    at = end;
  };
  until('sidecar', m.ready ?? m.daprdExited ?? (m.killed === undefined ? m.cliExited : undefined));
  if (m.ready !== undefined) until('app', m.appExited ?? (m.killed === undefined ? m.cliExited : undefined));
  if (m.killed !== undefined) until('wait', m.killed);
  until('teardown', totalMs);
  return phases;
}

/** Adds `b` into `a`, phase by phase (several attempts of one sample). */
export function addPhases(a: Record<string, number>, b: Record<string, number>): Record<string, number> {
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
  return out;
}

/** Times the named steps of one sample; what is left between them is not attributed. */
export class PhaseClock {
  phases: Record<string, number> = {};
  constructor(private readonly now: () => number = Date.now) {}

  async time<T>(name: string, step: () => Promise<T>): Promise<T> {
    const t = this.now();
    try {
      return await step();
    } finally {
      this.add({ [name]: this.now() - t });
    }
  }

  add(p: Record<string, number>): void {
    this.phases = addPhases(this.phases, p);
  }
}

/** The slowest phase of a sample: [name, ms], or undefined when none was recorded. */
export function slowestPhase(phases: Record<string, number> | undefined): [string, number] | undefined {
  const entries = Object.entries(phases ?? {});
  if (entries.length === 0) return undefined;
  return entries.reduce((best, e) => (e[1] > best[1] ? e : best));
}

/** The phase a sample spent queued on another sample's claim (a fixed port): before it started, so not in its durationMs. */
export const CLAIM_WAIT_PHASE = 'waiting for claim';

const SHORT = 40;
const short = (text: string) => (text.length > SHORT ? `${text.slice(0, SHORT - 1).trimEnd()}…` : text);

/**
 * `install: mvn clean install (job-service)`: an install step's phase, its command without the
 * `cd <folder> &&` a README puts in front (the folder said after it), `, cached` when it was
 * skipped because its inputs are unchanged.
 */
export function installPhaseName(run: string, cached: boolean): string {
  const m = /^cd\s+(?:"([^"]+)"|'([^']+)'|(\S+))\s*&&\s*(.+)$/s.exec(run.trim());
  const folder = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  const command = short((m ? m[4]! : run).trim().replace(/\s+/g, ' '));
  return `install: ${command}${folder ? ` (${folder})` : ''}${cached ? ', cached' : ''}`;
}

/** An install's steps as phases (installPhaseName); a step run twice (a retried install) adds up. */
export function installPhases(steps: readonly { run: string; ms: number; cached: boolean }[]): Record<string, number> {
  return steps.reduce<Record<string, number>>((sum, s) => addPhases(sum, { [installPhaseName(s.run, s.cached)]: s.ms }), {});
}

/** `step 3 (run: Run multi app run template)`: a scenario step's phase, numbered as in the manifest. */
export function stepPhaseName(index: number, kind: string, name: string): string {
  return `step ${index + 1} (${kind}: ${short(name.trim().replace(/\s+/g, ' '))})`;
}

/** The phases that took longest, longest first: the `n` a table has room for. */
export function topPhases(phases: Record<string, number> | undefined, n: number, except: readonly string[] = []): [string, number][] {
  return Object.entries(phases ?? {}).filter(([name]) => !except.includes(name)).sort((a, b) => b[1] - a[1]).slice(0, n);
}
