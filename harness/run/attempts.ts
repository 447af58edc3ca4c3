// Observes an app under `dapr run` until an attempt is final: infrastructure causes (a port taken
// between pick and bind, a sidecar slow to answer, the 1.16 CLI's lost-output race) are retried
// with backoff; anything else is the sample's own result, never retried.
import pRetry, { AbortError } from 'p-retry';
import type { AttemptRecord, GoldenMode } from '../model.ts';
import { writeAttemptLog } from './attempt-log.ts';
import { classifyAttempt } from './infra.ts';
import { observe, type Observation, type ObserveRequest } from './observe.ts';
import { addPhases } from './phases.ts';

export interface AttemptsRequest extends ObserveRequest {
  /** Extra attempts an infrastructure failure gets. */
  retries: number;
  logDir: string;
  /** The golden, when there is one: a strict prefix of it is the CLI's output race. */
  golden: string | undefined;
  /** `overwrite` (recording goldens): the output stands as it is, no lost-output retry. */
  mode: GoldenMode;
  /** Names the app in progress lines. */
  label: string;
  log: (line: string) => void;
}

export interface AttemptsResult {
  attempts: number;
  /** The attempts that were retried, with why. */
  retries: AttemptRecord[];
  logFile: string;
  /** The last attempt's observation, when it got as far as running. */
  observation?: Observation;
  /** Why the app failed (its own failure, or infrastructure on every attempt); absent on success. */
  failure?: string;
  /**
   * Every attempt's run phases added up, plus `output` (port choice, splitting, normalizing, the log write)
   * and `backoff` (the pauses between attempts).
   */
  phases: Record<string, number>;
}

class InfraFailure extends Error {}
class FinalFailure extends Error {}

export async function observeWithRetries(req: AttemptsRequest): Promise<AttemptsResult> {
  const result: AttemptsResult = { attempts: 0, retries: [], logFile: `${req.logDir}/run.log`, phases: {} };
  const started = Date.now();
  try {
    await pRetry(async (attempt) => {
      result.attempts = attempt;
      const t = Date.now();
      const observation = await observe(req);
      result.observation = observation;
      result.logFile = await writeAttemptLog(req.logDir, attempt, observation.outcome, req.cwd);
      const { phases, durationMs } = observation.outcome;
      result.phases = addPhases(result.phases, { ...phases, output: Date.now() - t - durationMs });
      const verdict = classifyAttempt(observation, { timeoutMs: req.timeoutMs, golden: req.golden, retryLostOutput: req.mode === 'verify' && attempt <= req.retries });
      if (verdict.kind === 'failed') throw new AbortError(new FinalFailure(verdict.reason));
      if (verdict.kind === 'infra') throw new InfraFailure(verdict.cause);
      const left = observation.outcome.leftovers;
      if (left.length) req.log(`${req.label}: ${left.length} process(es) outlived dapr run and were ended: ${left.join(', ')}`);
    }, {
      retries: req.retries,
      minTimeout: 500,
      factor: 2,
      shouldRetry: (err) => err instanceof InfraFailure,
      onFailedAttempt: (err) => {
        if (err instanceof InfraFailure && err.retriesLeft > 0) {
          result.retries.push({ attempt: err.attemptNumber, retryCause: err.message });
          req.log(`${req.label}: attempt ${err.attemptNumber} hit an infrastructure failure (${err.message}); retrying`);
        }
      },
    });
  } catch (err) {
    result.failure = err instanceof FinalFailure ? err.message
      : err instanceof InfraFailure ? `infrastructure failure after ${result.attempts} attempt(s): ${err.message}`
      : `harness error: ${(err as Error).message}`;
  }
  if (result.attempts > 1) {
    const spent = Object.values(result.phases).reduce((a, b) => a + b, 0);
    result.phases.backoff = Math.max(0, Date.now() - started - spent);
  }
  return result;
}
