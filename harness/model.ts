// The types every part of the harness agrees on: what a sample is (from the manifest)
// and what running it produced (for the reporters). Kept free of behaviour on purpose.
import type { LineFilter } from './output/filters.ts';
import type { Redaction } from './output/redactions.ts';
import type { SecretScope } from './dapr/config.ts';
import type { ClaimWait } from './scheduling/schedule.ts';

export const LANGUAGES = ['python', 'javascript', 'csharp', 'java', 'go'] as const;
export type Language = (typeof LANGUAGES)[number];

export const VARIANTS = ['sdk', 'http'] as const;
export type Variant = (typeof VARIANTS)[number];

/** A toolchain a sample needs on PATH; `doctor` checks each. */
export const TOOLCHAINS = ['node', 'python3', 'java', 'mvn', 'go', 'dotnet', 'openssl'] as const;
export type Toolchain = (typeof TOOLCHAINS)[number];

export interface InstallStep {
  /** Shell command run in the sample folder. */
  run: string;
  /** Files (relative to the sample folder) whose content decides whether the step must run again. */
  inputs: string[];
  /** Files or folders the step produces; if one is gone the step runs again whatever the stamp says. */
  outputs: string[];
}

/** Lines the app's output must hold, as a README's mechanical-markdown step states them. */
export interface ExpectedLines {
  lines: string[];
  /** `sequential`: in this order; `none`: any order. */
  order: 'sequential' | 'none';
  /** `exact`: a whole output line; `substring`: part of one. */
  mode: 'exact' | 'substring';
}

/** A building block of a quickstarts tree: its top folder (`pub_sub`, `state_management`). */
export type Block = string;

/** Infrastructure a sample's components need, started by the harness for that sample alone. */
export const SERVICES = ['redis', 'postgres', 'placement', 'scheduler'] as const;
export type ServiceKind = (typeof SERVICES)[number];

/** One app of a run, as the manifest describes it. */
export interface AppSpec {
  appId: string;
  /** `job`: must exit 0 by itself. `server`: never exits; the harness stops it once `until` holds and every job has exited. */
  role: 'job' | 'server';
  /** The README author's lines for this app, checked against everything it printed. */
  expect?: ExpectedLines;
  /** A server's end condition, its golden cut after the line that completed it (a server that repeats itself). Without it the server ends on its `expect` lines and a quiet moment, its whole output kept. */
  until?: ExpectedLines;
  /** Absolute path of this app's golden. */
  golden: string;
  /** The app's line order is not deterministic (concurrent deliveries): compare as a multiset. */
  unordered: boolean;
  /**
   * A recorded start order: the app's command starts only once each named app of the same run file
   * is ready (its sidecar's healthz answers 204, which daprd gives only once its app channel is up).
   * A change to how the sample runs, so the sample is reported adapted, with `why`.
   */
  after?: StartAfter;
}

/** Apps of the same run file whose sidecars must be ready before this app's command starts, and why. */
export interface StartAfter {
  apps: string[];
  why: string;
}

/** How a run step starts its apps: a run file (`dapr run -f`), or one app (`dapr run … -- cmd`). */
export type Launch =
  | { kind: 'file'; /** Relative to the sample folder. */ file: string }
  | {
    kind: 'app'; appId: string; command: string;
    /** Relative to the sample folder. */ cwd: string;
    /** The app's resources folder, relative to `cwd` (as `--resources-path` is written). */ resources?: string;
    appPort?: number; appProtocol?: string;
  };

interface StepBase {
  /** The README step's name (mechanical-markdown's `name`), or what the step does. */
  name: string;
  /** The README line the step came from. */
  line?: number;
}

/** What a wait step waits for: an app's line, or the sample's redis having a keyspace subscriber for each key (a configuration store's subscription, seen on the store's side). */
export type WaitFor = { app: string; match: string } | { subscribed: string[] };

/** What a scenario does, in order. Paths are relative to the sample folder (its scratch copy at run time). */
export type ScenarioStep =
  | (StepBase & { kind: 'install'; install: InstallStep })
  | (StepBase & { kind: 'sh'; run: string; cwd: string; expect?: ExpectedLines; /** How the README's command was mapped (docker exec → native). */ note?: string })
  | (StepBase & { kind: 'run'; launch: Launch; apps: AppSpec[]; /** Lines expected from any app of the run (the README does not say which). */ expect?: ExpectedLines; /** Later steps go on while it runs; a `stop` step or the scenario's end waits for it. */ background: boolean; timeoutMs: number })
  | (StepBase & { kind: 'wait'; timeoutMs: number } & WaitFor)
  | (StepBase & { kind: 'stop' })
  | (StepBase & RequestStep);

/** An HTTP request, or a `dapr invoke` / `dapr publish` (its arguments after `dapr`) run by the real CLI. */
export type StepRequest =
  | { kind: 'http'; method: string; url: string; headers: Record<string, string>; body?: string }
  | { kind: 'dapr'; args: string; cwd: string };

/** A request step: sent once its port listens, repeated while polled, its JSON fields captured as named values for later steps. */
export interface RequestStep {
  kind: 'request';
  request: StepRequest;
  /** Value name → dotted JSON path of the response (`instanceId: instanceID`). */
  capture: Record<string, string>;
  /** Repeat the request until this field equals the value, every `everyMs`, at most `timeoutMs`. */
  until?: { field: string; equals: string; everyMs: number };
  /** The HTTP status wanted; any 2xx when absent. */
  status?: number;
  /** Lines the response (or the CLI's output) must hold. */
  expect?: ExpectedLines;
  timeoutMs: number;
}

/** An edit of the sample's own files, applied only in its scratch copy; a sample with one is `adapted`, never plainly passed. */
export interface Overlay {
  /** Relative to the sample folder. */
  file: string;
  replace: string;
  with: string;
  reason: string;
}

/** A README step the manifest does not run, with why (a sleep, a link check, an optional section). */
export interface DroppedStep {
  line: number;
  what: string;
  why: string;
}

/** A sample as an ordered list of steps, with the services it needs and the edits it runs with. */
/**
 * A recorded, reasoned difference between one sample's facts and its block's (Python's loop
 * publishing 1..9 where the others publish 1..10): that fact is left out of the comparison and
 * reported as accepted, never silently; when it agrees again the block's parity says to remove it.
 */
export interface Divergence {
  /** The fact's name in the block's rule (`published`, `read`…). */
  fact: string;
  why: string;
}

export interface Scenario {
  steps: ScenarioStep[];
  services: ServiceKind[];
  overlays: Overlay[];
  dropped: DroppedStep[];
  /** Facts of its block's parity known to differ from the other languages', each with why. */
  divergences: Divergence[];
  /** Why this sample cannot run anywhere the harness runs (it needs an LLM): reported skipped. */
  skip?: string;
}

/** One entry of samples.yaml, resolved to absolute paths. */
export interface SampleSpec {
  id: string;
  /** The building block, in a tree of several (ids are then `<block>/<language>/<variant>`). */
  block?: Block;
  language: Language;
  variant: Variant;
  /** Absolute path of the sample folder; `dapr run` starts here, as a person would. */
  dir: string;
  appId: string;
  toolchains: Toolchain[];
  install: InstallStep[];
  /** Folders (absolute) put in front of PATH for install and run, e.g. a virtualenv's bin. */
  pathPrepend: string[];
  /** The app command given after `--` to `dapr run`. */
  run: string;
  /** Absolute path of the golden file. */
  golden: string;
  timeoutMs: number;
  /** Main source file (absolute), the one the docs page quotes. */
  source: string;
  /** The oldest Python its code reads under, when newer than the machine's usual `python3` might be, with why. */
  python?: { min: string; why?: string };
  /** Extra environment for the app (e.g. PYTHONUNBUFFERED). */
  env: Record<string, string>;
  /** This sample's own components folder (absolute), when it is not the manifest's. */
  components?: string;
  /** This sample's own secrets file (absolute), when it is not the manifest's. */
  secrets?: string;
  /** The lines the sample's author expects in its output (from its README), checked besides the golden. */
  expect?: ExpectedLines;
  /** Line filters (output/filters.ts) applied to the app's lines before normalizing: the defaults, less any turned off, plus its own. */
  filters: LineFilter[];
  /** The sample's own redactions, applied after the harness's. */
  redactions: Redaction[];
  /**
   * The sample as steps (a tree of several quickstarts); absent for the one-app form, whose
   * `run`, `appId` and `golden` are its one run step, one app and one golden.
   */
  scenario?: Scenario;
}

/** The manifest as a whole: the samples plus what they share. */
export interface Manifest {
  /** Absolute path of the tree the manifest describes. */
  root: string;
  file: string;
  /** Absolute path of the resources (components) folder passed to `--resources-path`. */
  components: string;
  /** Absolute path of the secrets file the parity check compares against. */
  secrets: string;
  samples: SampleSpec[];
  /** The manifest asks for API token mode on every run (top-level `apiToken: true`). */
  apiToken?: boolean;
  /** The manifest's secret scopes (top-level `secretScopes`), written into the Dapr config. */
  secretScopes?: SecretScope[];
}

/** What a run does with goldens: compare with them, or record the output as the new golden. */
export type GoldenMode = 'verify' | 'overwrite';

export type SampleStatus = SampleResult['status'];

export interface AttemptRecord {
  attempt: number;
  /** Why this attempt was not the last one (an infrastructure cause), if it was retried. */
  retryCause?: string;
}

/** What every sample's result carries, whatever became of it. */
interface SampleResultBase extends ScenarioParts {
  id: string;
  block?: Block;
  language: Language;
  variant: Variant;
  durationMs: number;
  attempts: number;
  /** Path of the full raw log (CLI + daprd + app), once there is one (an install's log, say). */
  logFile?: string;
  /** The secrets file (relative to the tree) this sample's parity was checked against. */
  secretsFile?: string;
  /** The Dapr versions this sample ran on, in a run over several (a version matrix). */
  dapr?: DaprVersions;
  /** Against a baseline report: what changed for this sample × version. */
  change?: 'new-failure' | 'fixed' | 'still-failing' | 'unchanged' | 'new';
  /**
   * Where the time went, in ms, phases in the order they happened: `waiting for claim` (queued on
   * another sample's claim, before it started: the one phase not in durationMs), `toolchains`,
   * `install: <command> (<folder>)` per install step (`, cached` when skipped as unchanged), then
   * every attempt's `sidecar` (CLI start to sidecar ready), `app`, `wait` (the wait that ended a
   * failing run), `teardown`, `output` (port choice, splitting and normalizing the output, the log
   * write), and `backoff` between attempts; a scenario's `services`, `step N (kind: name)` per
   * step, `teardown`. The rest never add up to more than durationMs.
   */
  phases?: Record<string, number>;
  /** How long it waited in the queue on a claim (a fixed port) that another sample held while a lane was free: shown, not in durationMs. */
  queued?: ClaimWait;
}

/** One app of a scenario's run, as the report shows it. */
export interface AppResult {
  appId: string;
  /** The run step (1-based) it ran in. */
  step: number;
  role: AppSpec['role'];
  /** Its golden, relative to the tree. */
  golden: string;
  verdict: 'match' | 'mismatch' | 'missing' | 'written';
  /** Unified diff against its golden, when it differs. */
  diff?: string;
  /** What it printed, normalized (a server's cut after the line that ended it). */
  output: string;
  expectedLines?: { ok: boolean; missing?: string; outOfOrder?: boolean };
  filtered: Record<string, number>;
}

/** What one step of a scenario did. */
export interface StepRecord {
  kind: ScenarioStep['kind'];
  name: string;
  line?: number;
  ms: number;
  ok: boolean;
  /** Why it failed, or what it noted. */
  detail?: string;
}

/** What a scenario sample adds to its result. */
interface ScenarioParts {
  apps?: AppResult[];
  steps?: StepRecord[];
  /** How its environment was provided differently from its README (docker exec → native, a component's host): listed, not judged. */
  notes?: string[];
  /** The README steps its manifest entry leaves out, with why. */
  dropped?: DroppedStep[];
  /** What its block's parity rule read out of its output. */
  facts?: Record<string, string[]>;
  /** Its facts recorded as differing from its block's, with why (from its manifest entry). */
  divergences?: Divergence[];
}

/** What a sample that ran to the end printed, and what was read out of it. */
interface Observed {
  /** The app's normalized output. */
  output: string;
  /** Lines the line filters dropped from the app's output, by filter (the raw log keeps them). */
  filtered: Record<string, number>;
  /** The README author's expected lines, checked as a check of its own (absent when the sample has none). */
  expectedLines?: { ok: boolean; missing?: string; outOfOrder?: boolean };
  retries: AttemptRecord[];
}

/** Every check held on the first attempt. */
export interface PassedResult extends SampleResultBase, Observed {
  status: 'passed';
  /** Secret map parsed out of the output, for the parity check (a one-app secrets sample). */
  parsedSecret?: Record<string, string>;
}

/** Every check held, but only with an overlay: an edit of the sample's own files (never a plain pass; `--strict` fails it). */
export interface AdaptedResult extends SampleResultBase, Observed {
  status: 'adapted';
  /** Which edits it needed, and why. */
  reason: string;
}

/** Every check held, but only after an infrastructure failure was retried. */
export interface FlakyResult extends SampleResultBase, Observed {
  status: 'flaky';
  /** Which attempt passed, and what went wrong before it. */
  reason: string;
  parsedSecret?: Record<string, string>;
}

/** A check failed; how far the sample got says which of the rest are there. */
export interface FailedResult extends SampleResultBase, Partial<Observed> {
  status: 'failed';
  /** One line (a golden diff follows in `diff`): why it failed. */
  reason: string;
  /** Unified diff against the golden, when the output did not match. */
  diff?: string;
  parsedSecret?: Record<string, string>;
  /** Why no secret map could be parsed out of the output. */
  parityError?: string;
}

/** The machine lacks what the sample needs (a toolchain, a reachable registry). */
export interface SkippedResult extends SampleResultBase {
  status: 'skipped';
  reason: string;
}

/** One sample's result, by what became of it (in the manner of vitest's TestResult). */
export type SampleResult = PassedResult | FlakyResult | AdaptedResult | FailedResult | SkippedResult;

/** One building block's parity: every language of it reported the same facts. */
export interface BlockParity {
  block: Block;
  /** What the block's samples must agree on, in words. */
  rule: string;
  ok: boolean;
  /** Each checked sample's facts, by id. */
  facts: Record<string, Record<string, string[]>>;
  problems: string[];
  /** Recorded divergences seen as recorded: `<id>: <fact> <value> (accepted: <why>)`. */
  accepted?: string[];
  checked: number;
}

export interface DaprVersions {
  cli: string;
  runtime: string;
}

export interface RunReport {
  dapr: DaprVersions;
  startedAt: string;
  durationMs: number;
  samples: SampleResult[];
  /** Cross-language parity findings (empty when every language agrees with secrets.json). */
  parity: { ok: boolean; expected: Record<string, string>; problems: string[]; checked: number };
  /** Parity per building block, for the samples that are scenarios. */
  blocks?: BlockParity[];
  /** Goldens in expected/ that no sample owns. */
  orphanGoldens: string[];
  /** A run over several Dapr version pairs: each pair's own summary (its samples carry `dapr`). */
  matrix?: { dapr: DaprVersions; parity: RunReport['parity']; durationMs: number }[];
  /** Set when the run was compared with a baseline report. */
  baseline?: {
    file: string; startedAt: string; newFailures: number; fixed: number; stillFailing: number;
    /** Parity fails now and did not in the baseline: a new failure that no one sample carries. */
    parityNewlyFailed?: boolean;
  };
}
