// What every infrastructure service the harness starts for a sample has in common: it runs on a
// private loopback port under a run token (so Ctrl-C, the reaper and the orphan sweep end it as
// they end daprd), it is ready only once it answers, its log is kept with the sample's logs, and
// it is stopped whatever happens, in the reverse order of starting.
import { ExpectedError } from '../expected-error.ts';
import type { ServiceKind } from '../model.ts';

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
