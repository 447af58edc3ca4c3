// What every infrastructure service the harness starts for a sample has in common: it runs on a
// private loopback port under a run token (so Ctrl-C, the reaper and the orphan sweep end it as
// they end daprd), it is ready only once it answers, its log is kept with the sample's logs, and
// it is stopped whatever happens, in the reverse order of starting.
import { ExpectedError } from '../expected-error.ts';
import type { ServiceKind } from '../model.ts';
import { LOOPBACK } from '../processes/ports.ts';

/** A started service, as steps and components see it. */
export interface RunningService {
  kind: ServiceKind;
  /** Loopback host:port clients connect to. */
  host: string;
  port: number;
  /** What steps get in their environment (`REDIS_PORT`, …). */
  env: Record<string, string>;
  logFile: string;
  /** How long it took to answer. */
  readyMs: number;
  /** Who clients connect as, for a service that asks (PostgreSQL). */
  credentials?: { user: string; password: string };
  /** Settles with one line naming the cause if the service exits while the sample still needs it; never once `stop` was called. */
  down?: Promise<string>;
  stop(): Promise<void>;
}

/** Why a service cannot be started on this machine, and what to do; undefined when it can. */
export interface ServiceAvailability {
  kind: ServiceKind;
  version?: string;
  missing?: string;
}

/** A service that could not start: its message is the sample's one-line reason (the port taken, the server's own words). */
export class ServiceStartError extends ExpectedError {
  override name = 'ServiceStartError';
}

/** Stops services in the reverse order of their start; every stop is attempted even if one fails. */
export async function stopAll(services: readonly RunningService[]): Promise<void> {
  for (const s of [...services].reverse()) {
    try {
      await s.stop();
    } catch {
      // Its token sweep still runs through activeRuns at exit; the others must stop regardless.
    }
  }
}

/** A service whose port was taken by another process: a fresh port may do where the port was not given. */
export class PortTakenError extends ServiceStartError {
  override name = 'PortTakenError';
}

/** How a service's process ended, as a reason says it: `killed by SIGKILL`, `exit 1`. Pure. */
export function exitHow(r: { exitCode?: number | undefined; signal?: string | undefined }): string {
  return r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode ?? 'unknown'}`;
}

/**
 * The one line a sample fails with when its service exits while it still needs it. The service's
 * own last words are kept only when it ended by itself: after a signal from outside they are
 * whatever it last logged (a ready line), not a reason. Pure.
 */
export function exitedMidRunLine(o: { name: string; host: string; how: string; words?: string; logFile: string }): string {
  const words = o.how.startsWith('killed by') ? '' : o.words?.trim();
  return `the sample's ${o.name} (${o.host}) exited mid-run: ${o.how}${words ? `: ${words}` : ''} (log: ${o.logFile})`;
}

/**
 * The port a service's own words say another process holds (Go's and redis's
 * `…127.0.0.1:N: bind: address already in use`); undefined when they say something else. Pure.
 */
export function takenPortIn(text: string): number | undefined {
  const m = /\b(?:\d{1,3}\.){3}\d{1,3}:(\d+): bind: address already in use/i.exec(text);
  return m ? Number(m[1]) : undefined;
}

/** The one line for a service that could not bind its port. */
export function portTakenLine(name: string, port: number, logFile: string): string {
  return `${name} could not start: ${LOOPBACK}:${port} is already taken by another process (log: ${logFile})`;
}

/** How often a service on picked ports is started again on fresh ones after one was taken between pick and bind. */
export const PORT_ATTEMPTS = 3;

/**
 * Starts a service, again on fresh ports while another process took one between pick and bind;
 * ports that were given are never swapped, so their start fails at once, naming the port.
 */
export async function onFreshPorts<T>(given: boolean, start: () => Promise<T>, attempts = PORT_ATTEMPTS): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (err) {
      if (!(err instanceof PortTakenError) || given || attempt >= attempts) throw err;
    }
  }
}

/**
 * What a service's exit means once it is ready: `down` settles with the line `line` makes of how
 * it ended, unless `stopping()` was called first (the harness's own stop is no fault).
 */
export function watchExit(exited: Promise<string>, line: (how: string) => string): { down: Promise<string>; stopping(): void } {
  let stopping = false;
  return {
    down: exited.then((how) => (stopping ? new Promise<string>(() => {}) : line(how))),
    stopping: () => { stopping = true; },
  };
}
