// One `dapr run -f` of a scenario, watched until it is over. The CLI never ends such a run by
// itself (it waits for a signal once every app started), so the harness does: it reads each app's
// log file (`<appDir>/.dapr/logs/<id>_app_*.log`: the app's lines, then the CLI's word on how it
// exited) and daprd's (`<id>_daprd_*.log`: in this mode daprd logs only there), asks conditions.ts
// whether the run is over, and then ends the CLI and every process carrying the run's token.
// Thin edge: what the lines mean is output/'s and conditions.ts's.
import { execa } from 'execa';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import stripAnsi from 'strip-ansi';
import { activeRuns } from '../processes/active.ts';
import { endTokenProcesses, newRunToken, TOKEN_VAR } from '../processes/processes.ts';
import { APP_MULTI, appExitLine, daprdErrorMessage, daprdExitSeen, isDaprdFatal } from '../output/dapr-lines.ts';
import { API_TOKEN_VAR } from '../security/api-token.ts';
import { decideRun, shortfall, type AppProgress, type RunGoal } from './conditions.ts';
import type { StartedApp } from './run-file.ts';

const POLL_MS = 150;
/** How long the apps must have been quiet before a server still up is stopped. */
export const SETTLE_MS = 1500;

export interface MultiRunRequest {
  cli: string;
  /** The isolated Dapr home (`dapr run -f` reads DAPR_RUNTIME_PATH, not --runtime-path). */
  runtimePath: string;
  runFile: string;
  apps: readonly StartedApp[];
  goal: RunGoal;
  /** The CLI's environment, which every app inherits (PATH with the sample's folders first, PYTHONUNBUFFERED…). */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
  apiToken?: string;
  graceMs?: number;
}

export interface AppOutcome {
  appId: string;
  lines: string[];
  exit?: { ok: boolean; line: string };
  appLog?: string;
  daprdLog?: string;
}

export interface MultiRunOutcome {
  /** `done`: every condition held and the harness ended the run. */
  ended: 'done' | 'failed' | 'timeout' | 'aborted' | 'cli-exited';
  failure?: string;
  apps: AppOutcome[];
  /** What the CLI printed (stdout and stderr interleaved), for the raw log. */
  all: string;
  durationMs: number;
  argv: string[];
  /** Processes the CLI left that the token sweep ended (a server app it did not stop). */
  leftovers: number[];
}

/** The newest `<prefix><timestamp>.log` in `dir` (the CLI names log files by the second they were made). */
function newest(dir: string, prefix: string): string | undefined {
  try {
    return readdirSync(dir).filter((f) => f.startsWith(prefix) && /^\d+\.log$/.test(f.slice(prefix.length))).sort().map((f) => path.join(dir, f)).pop();
  } catch {
    return undefined;
  }
}

/** One app's progress, read from its log files. */
export function readAppLogs(app: StartedApp, final = false): AppOutcome {
  const logs = path.join(app.appDir, '.dapr', 'logs');
  const appLog = newest(logs, `${app.appId}_app_`);
  const daprdLog = newest(logs, `${app.appId}_daprd_`);
  const lines: string[] = [];
  let exit: AppOutcome['exit'];
  if (appLog) {
    const raws = stripAnsi(readFileSync(appLog, 'utf8')).replace(/\r\n?/g, '\n').split('\n');
    // While the app writes, the file can end in the middle of a line: only whole lines count,
    // until the run is over and the file is complete.
    if (!final) raws.pop();
    for (const raw of raws) {
      const framed = APP_MULTI.exec(raw);
      if (framed) {
        lines.push(framed[2] ?? '');
        continue;
      }
      const ended = appExitLine(raw.trim());
      if (ended) exit = { ok: ended.ok, line: ended.detail };
    }
  }
  return { appId: app.appId, lines, ...(exit ? { exit } : {}), ...(appLog ? { appLog } : {}), ...(daprdLog ? { daprdLog } : {}) };
}

/** daprd's fatal message for an app, when its log shows it died. */
function daprdDeath(o: AppOutcome): string | undefined {
  if (!o.daprdLog) return undefined;
  const text = readFileSync(o.daprdLog, 'utf8');
  if (!daprdExitSeen(text)) return undefined;
  const fatal = text.split('\n').find(isDaprdFatal);
  return `${o.appId}: daprd exited: ${(fatal && daprdErrorMessage(fatal)) ?? 'see its log'}`;
}

/** A started run: its apps' progress can be read while it goes on (a `wait` step does), and it is awaited by `done`. */
export interface MultiRun {
  progress(): AppProgress[];
  done: Promise<MultiRunOutcome>;
  /** Ends the run now (a failed step, an interruption): `done` then settles. */
  stop(reason: string): void;
}

export function startMultiRun(req: MultiRunRequest): MultiRun {
  // Each run's logs are its own: an earlier run's files would read as this one's progress.
  for (const app of req.apps) rmSync(path.join(app.appDir, '.dapr', 'logs'), { recursive: true, force: true });
  const token = newRunToken();
  const argv = ['run', '-f', req.runFile];
  const started = Date.now();
  const child = execa(req.cli, argv, {
    cwd: path.dirname(req.runFile),
    env: { ...req.env, DAPR_RUNTIME_PATH: req.runtimePath, ...(req.apiToken ? { [API_TOKEN_VAR]: req.apiToken } : {}), [TOKEN_VAR]: token },
    extendEnv: true,
    reject: false,
    all: true,
    stdin: 'ignore',
    maxBuffer: 256 * 1024 * 1024,
    cleanup: false,
  });
  const graceMs = req.graceMs ?? 5000;
  let ended: MultiRunOutcome['ended'] | undefined;
  let failure: string | undefined;
  let lastCount = -1;
  let lastChange = Date.now();
  const read = () => req.apps.map((a) => readAppLogs(a));
  const finish = (how: NonNullable<typeof ended>, why?: string) => {
    if (ended) return;
    ended = how;
    failure = why;
    child.kill('SIGTERM');
  };
  const teardown = async () => {
    finish('aborted', 'interrupted');
    await endTokenProcesses(token, graceMs);
  };
  activeRuns.add(teardown);
  const onAbort = () => finish('aborted', 'interrupted');
  req.signal?.addEventListener('abort', onAbort, { once: true });
  const timer = setInterval(() => {
    if (ended) return;
    const progress = read();
    const count = progress.reduce((n, p) => n + p.lines.length, 0);
    if (count !== lastCount) {
      lastCount = count;
      lastChange = Date.now();
    }
    const died = progress.map(daprdDeath).find(Boolean);
    if (died) return finish('failed', died);
    const d = decideRun(progress, req.goal, { quietMs: Date.now() - lastChange, settleMs: SETTLE_MS });
    if (d.kind === 'done') finish('done');
    else if (d.kind === 'failed') finish('failed', d.reason);
    else if (Date.now() - started > req.timeoutMs) finish('timeout', shortfall(progress, req.goal, (Date.now() - started) / 1000));
  }, POLL_MS);
  const done = (async (): Promise<MultiRunOutcome> => {
    try {
      const r = await child;
      clearInterval(timer);
      if (!ended) {
        // The CLI gave up by itself (a run file it refused, an app it could not start).
        const last = String(r.all ?? '').trim().split('\n').filter(Boolean).slice(-3).join(' | ');
        ended = 'cli-exited';
        failure = `dapr run -f exited by itself (${r.exitCode ?? r.signal}) before the run was over: ${last}`;
      }
      // A server the CLI did not stop (it leaves some behind) carries the token: end it now.
      const leftovers = await endTokenProcesses(token, graceMs);
      return { ended, ...(failure ? { failure } : {}), apps: req.apps.map((a) => readAppLogs(a, true)), all: String(r.all ?? ''), durationMs: Date.now() - started, argv: [req.cli, ...argv], leftovers };
    } finally {
      clearInterval(timer);
      req.signal?.removeEventListener('abort', onAbort);
      activeRuns.delete(teardown);
    }
  })();
  return {
    progress: () => read(),
    done,
    stop: (reason) => finish('failed', reason),
  };
}

