// Runs one app under the real `dapr run` and captures everything it prints. Thin edge: the
// parsing of what comes back lives in output/, the decision of what it means in infra.ts.
import { execa } from 'execa';
import { splitCommand } from './app-argv.ts';
import { daprRunArgs } from './dapr-args.ts';
import { endTokenProcesses, newRunToken, TOKEN_VAR } from '../processes/processes.ts';
import { activeRuns } from '../processes/active.ts';
import { allocateDaprPorts } from '../processes/ports.ts';
import { applyRedactions } from '../output/normalize.ts';
import { API_TOKEN_VAR, apiTokenRedaction } from '../security/api-token.ts';
import { daprdExitSeen } from '../output/dapr-lines.ts';
import { MarkRecorder, runPhases, type RunMarks } from './phases.ts';

const DAPRD_EXIT_GRACE_MS = 3000;

export interface DaprRunRequest {
  cli: string;
  runtimePath: string;
  appId: string;
  resourcesPath: string;
  /** The app command as a person types it after `--` (split like a shell would, no expansion). */
  command: string;
  cwd: string;
  env: Record<string, string>;
  timeoutMs: number;
  /** A fixed daprd HTTP port (the rest are still chosen); for reproducing port clashes. */
  httpPort?: number;
  /** How long SIGTERM may take before SIGKILL. */
  graceMs?: number;
  signal?: AbortSignal;
  /**
   * API token mode: DAPR_API_TOKEN for daprd and the app. Redacted from everything the outcome
   * carries, so no log, output or report downstream can hold it.
   */
  apiToken?: string;
}

export interface DaprRunOutcome {
  exitCode: number | undefined;
  /** The signal that ended the CLI, if any. */
  signal?: string;
  timedOut: boolean;
  aborted: boolean;
  stdout: string;
  stderr: string;
  /** stdout and stderr interleaved in arrival order, for the raw log. */
  all: string;
  durationMs: number;
  /** Pids still alive after the CLI ended that teardown had to end (a leak the CLI left). */
  leftovers: number[];
  argv: string[];
  /** When the sidecar got ready, the app ended, the harness ended the run… (ms from spawn). */
  marks: RunMarks;
  /** `durationMs` cut into consecutive phases (see runPhases). */
  phases: Record<string, number>;
}

export async function runUnderDapr(req: DaprRunRequest): Promise<DaprRunOutcome> {
  const token = newRunToken();
  const argv = daprRunArgs({
    runtimePath: req.runtimePath,
    appId: req.appId,
    resourcesPath: req.resourcesPath,
    appArgv: splitCommand(req.command),
    ports: { ...(await allocateDaprPorts()), ...(req.httpPort ? { http: req.httpPort } : {}) },
  });
  const started = Date.now();
  const recorder = new MarkRecorder(started);
  const child = execa(req.cli, argv, {
    cwd: req.cwd,
    env: { ...req.env, ...(req.apiToken ? { [API_TOKEN_VAR]: req.apiToken } : {}), [TOKEN_VAR]: token },
    extendEnv: true,
    reject: false,
    all: true,
    stdin: 'ignore',
    // Output can be large (a 10 MB app print is a test case); keep it all for the raw log.
    maxBuffer: 256 * 1024 * 1024,
    // We end the process tree ourselves; execa's own kill would reach only the CLI.
    cleanup: false,
  });
  const graceMs = req.graceMs ?? 5000;
  let timedOut = false;
  let aborted = false;
  const teardown = async (grace = graceMs) => {
    recorder.set('killed');
    // SIGTERM to the CLI first lets it stop the app and daprd in order; then the token sweep.
    child.kill('SIGTERM');
    await endTokenProcesses(token, grace);
  };
  const teardownAll = () => teardown();
  activeRuns.add(teardownAll);
  // CLI 1.16 and 1.18 report a dead daprd but can then wait on forever (1.18 does so when daprd
  // dies on a component): give the CLI a moment to exit on its own, then end the run, instead of
  // letting it burn the whole timeout.
  let daprdExited = false;
  let daprdTimer: NodeJS.Timeout | undefined;
  const watch = () => {
    let partial = ''; // the unfinished last line of this stream, so a match spans chunks
    return (chunk: Buffer) => {
      recorder.feed(chunk.toString());
      if (daprdExited) return;
      const text = partial + chunk.toString();
      const cut = text.lastIndexOf('\n');
      partial = text.slice(cut + 1).slice(-4096);
      if (cut >= 0 && daprdExitSeen(text.slice(0, cut))) {
        daprdExited = true;
        recorder.set('daprdExited');
        // daprd is gone already, and the waiting CLI ignores SIGTERM: a short grace is enough.
        daprdTimer = setTimeout(() => void teardown(1000), DAPRD_EXIT_GRACE_MS);
      }
    };
  };
  child.stdout?.on('data', watch());
  child.stderr?.on('data', watch());
  const timer = setTimeout(() => {
    timedOut = true;
    void teardown();
  }, req.timeoutMs);
  const onAbort = () => {
    aborted = true;
    void teardown();
  };
  req.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const r = await child;
    recorder.set('cliExited');
    clearTimeout(timer);
    clearTimeout(daprdTimer);
    // The CLI is gone; anything still carrying the token is a leak to end now.
    const leftovers = await endTokenProcesses(token, graceMs);
    const scrub = (text: string) => (req.apiToken ? applyRedactions(text, [apiTokenRedaction(req.apiToken)]) : text);
    const durationMs = Date.now() - started;
    return {
      exitCode: r.exitCode,
      signal: r.signal ?? undefined,
      timedOut,
      aborted,
      stdout: scrub(String(r.stdout ?? '')),
      stderr: scrub(String(r.stderr ?? '')),
      all: scrub(String(r.all ?? '')),
      durationMs,
      leftovers: timedOut || aborted ? [] : leftovers,
      argv: [req.cli, ...argv],
      marks: recorder.marks,
      phases: runPhases(recorder.marks, durationMs),
    };
  } finally {
    clearTimeout(timer);
    clearTimeout(daprdTimer);
    req.signal?.removeEventListener('abort', onAbort);
    activeRuns.delete(teardownAll);
  }
}
