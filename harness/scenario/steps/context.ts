// What a scenario's step interpreters share: the one context run-scenario.ts builds once its
// services are up, and the failure a step throws. A step reads the scratch copy, the environment
// and the values captured so far from it, and writes its record, logs, notes and phases to `out`.
import type { MultiRun, MultiRunOutcome } from '../../run/multi-run.ts';
import type { ScenarioStep, StepRecord } from '../../model.ts';
import type { RunningService } from '../../services/service.ts';
import type { StepValues } from '../http-values.ts';
import { ExpectedError } from '../../expected-error.ts';

/** One run step's outcome, with the apps it was meant to start. */
export interface RunRecord {
  step: Extract<ScenarioStep, { kind: 'run' }>;
  index: number;
  outcome: MultiRunOutcome;
}

/** A run that later steps go on beside: the app ids it starts, and its record once it ends. */
export interface BackgroundRun {
  run: MultiRun;
  appIds: string[];
  record: Promise<void>;
}

/** Where steps put what the scenario reports (the scenario's outcome, as far as a step writes it). */
export interface StepSink {
  steps: StepRecord[];
  runs: RunRecord[];
  notes: string[];
  logFiles: string[];
  phases: Record<string, number>;
  failure?: string;
}

export interface StepContext {
  sampleId: string;
  cli: string;
  runtimePath: string;
  logDir: string;
  /** The run's timeout, over each run step's own. */
  timeoutMs?: number;
  apiToken?: string;
  signal?: AbortSignal;
  log: (line: string) => void;
  /** A path of the sample's, resolved in its scratch copy. */
  here: (rel: string) => string;
  /** The sample's env and its services'. */
  env: Record<string, string>;
  pathPrepend: string[];
  /** The Configuration every app of the sample's runs is given (its private name resolution). */
  configFile: string;
  controlPlane: { placement?: string; scheduler?: string };
  redis?: RunningService;
  /** Named values for request steps: captured from responses, and each started app's ports. */
  values: StepValues;
  /** Runs still going on in the background, oldest first. */
  background: BackgroundRun[];
  /** Every run not yet ended, for a service that goes down to end. */
  live: Set<MultiRun>;
  /** The line of a service gone mid-run, once one has. */
  serviceDown: () => string | undefined;
  out: StepSink;
  /** Runs `f`, adding its time to the phase. */
  time: <T>(phase: string, f: () => Promise<T>) => Promise<T>;
}

/** One step as its interpreter is given it: its place in the scenario, when it began, and how it is recorded. */
export interface StepAt {
  index: number;
  startedAt: number;
  record: (ok: boolean, detail?: string) => void;
}

/**
 * A step that failed: its message is the scenario's one-line failure as is. The sample's to report,
 * not a bug of the harness (runScenario catches it; it never reaches the command line).
 */
export class StepFailure extends ExpectedError {}
