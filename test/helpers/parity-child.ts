// Runs the real `parity` CLI as a child process, the way a person or CI does, and collects what a
// fault test asserts on: exit code, stdout/stderr, report.json, and the processes left behind.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunReport, SampleResult, SampleStatus } from '../../harness/model.ts';
import { describeProcs, leftoverProcesses, MARK_VAR, newMark, type ProcInfo } from './leftovers.ts';

export const REPO_ROOT = path.resolve(import.meta.dirname, '..', '..');
export const PARITY_BIN = path.join(REPO_ROOT, 'harness', 'bin', 'parity.cjs');

/**
 * A sample as a test reads it back from report.json, before it knows the status: every field any
 * status has, each optional, so an assertion on `reason` needs no narrowing first.
 */
export type ReadSample = { [K in KeysOfUnion<SampleResult>]?: ValueOfUnion<SampleResult, K> } & { status: SampleStatus };
type KeysOfUnion<T> = T extends unknown ? keyof T : never;
type ValueOfUnion<T, K extends PropertyKey> = T extends unknown ? (K extends keyof T ? T[K] : never) : never;

/** report.json as a test reads it back (see ReadSample). */
export type ReadReport = Omit<RunReport, 'samples'> & { samples: ReadSample[] };

export interface ParityResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** The lines of stderr starting with `parity: ` (the harness's one-line errors). */
  errorLines: string[];
  reportDir: string;
  /** report.json when the run wrote one. */
  report?: ReadReport;
  /** Processes carrying this run's mark still alive right after the harness exited. */
  leftovers: ProcInfo[];
  mark: string;
  durationMs: number;
  /** Everything above, for assertion messages. */
  describe(): string;
}

export interface ParityChild {
  child: ChildProcess;
  mark: string;
  reportDir: string;
  /** Resolves when stderr (the harness's progress log) has printed a line matching `re`. */
  waitForStderr(re: RegExp, timeoutMs?: number): Promise<string>;
  done: Promise<ParityResult>;
}

export interface ParityOptions {
  /** --report-dir; default <root>/artifacts. */
  reportDir?: string;
  /** Extra environment (a value of undefined removes the variable). */
  env?: Record<string, string | undefined>;
  /** The subcommand; default `run`. */
  command?: string;
  /** Global options placed before the subcommand (e.g. --use-installed-dapr). */
  globalArgs?: string[];
  /**
   * Starts the harness as the leader of a process group of its own, as a shell starts a job, so a
   * test can kill the whole group (`process.kill(-pid)`) without killing the test runner's.
   */
  ownGroup?: boolean;
}

/**
 * The environment the harness child gets: ours, without what would change its behaviour behind
 * the test's back (CI refuses --update; the installed-Dapr switch), plus the leftover mark.
 */
function childEnv(mark: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.CI;
  delete env.PARITY_USE_INSTALLED_DAPR;
  delete env.FORCE_COLOR;
  env[MARK_VAR] = mark;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  return env;
}

const live = new Set<ParityChild>();

/**
 * Ends harness children a failed test left running (SIGINT: the harness then ends what it
 * started) and waits for them. Call from afterAll.
 */
export async function endParityChildren(): Promise<void> {
  await Promise.allSettled([...live].map((p) => {
    p.child.kill('SIGINT');
    return p.done;
  }));
}

export function startParity(root: string, args: string[] = [], opts: ParityOptions = {}): ParityChild {
  const mark = newMark();
  const reportDir = opts.reportDir ?? path.join(root, 'artifacts');
  const command = opts.command ?? 'run';
  const argv = [PARITY_BIN, ...(opts.globalArgs ?? []), command, '--root', root, ...(command === 'run' ? ['--report-dir', reportDir] : []), ...args];
  const started = Date.now();
  const child = spawn(process.execPath, argv, { cwd: root, env: childEnv(mark, opts.env), stdio: ['ignore', 'pipe', 'pipe'], detached: opts.ownGroup ?? false });
  let stdout = '';
  let stderr = '';
  const waiters: { re: RegExp; resolve: (line: string) => void }[] = [];
  const checkWaiters = () => {
    for (const w of [...waiters]) {
      const line = stderr.split('\n').find((l) => w.re.test(l));
      if (line !== undefined) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  };
  child.stdout!.setEncoding('utf8').on('data', (c: string) => { stdout += c; });
  child.stderr!.setEncoding('utf8').on('data', (c: string) => { stderr += c; checkWaiters(); });

  const done = new Promise<ParityResult>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => {
      void (async () => {
        // Two scans, 100 ms apart: a process caught mid-exec shows an empty environment for an
        // instant, and one scan could miss it.
        const first = await leftoverProcesses(mark);
        await new Promise((r) => setTimeout(r, 100));
        const second = await leftoverProcesses(mark);
        const leftovers = [...first, ...second.filter((p) => !first.some((q) => q.pid === p.pid))].sort((a, b) => a.pid - b.pid);
        const reportFile = path.join(reportDir, 'report.json');
        const report = existsSync(reportFile) ? (JSON.parse(readFileSync(reportFile, 'utf8')) as ReadReport) : undefined;
        const result: ParityResult = {
          code, signal, stdout, stderr, reportDir, report, leftovers, mark,
          durationMs: Date.now() - started,
          errorLines: stderr.split('\n').filter((l) => l.startsWith('parity: ')),
          describe: () => [
            `exit ${code ?? signal} after ${Date.now() - started} ms`,
            `--- stderr\n${stderr.slice(-4000)}`,
            `--- stdout\n${stdout.slice(-4000)}`,
            `--- samples\n${JSON.stringify(report?.samples.map(({ output, diff, ...s }) => ({ ...s, output: output?.slice(0, 300) })), null, 2)}`,
            `--- leftovers\n${describeProcs(leftovers)}`,
            ...rawLogTails(reportDir),
          ].join('\n'),
        };
        resolve(result);
      })().catch(reject);
    });
  });

  const waitForStderr = (re: RegExp, timeoutMs = 60_000) => new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`stderr never matched ${re} within ${timeoutMs} ms:\n${stderr}`)), timeoutMs);
    waiters.push({ re, resolve: (line) => { clearTimeout(timer); resolve(line); } });
    checkWaiters();
    void done.then(() => {
      // The harness ended without printing it: fail now rather than at the timeout.
      setTimeout(() => {
        if (waiters.some((w) => w.re === re)) reject(new Error(`the harness exited without printing ${re}:\n${stderr}`));
      }, 0);
    }, () => {});
  });

  const handle: ParityChild = { child, mark, reportDir, waitForStderr, done };
  live.add(handle);
  void done.finally(() => live.delete(handle)).catch(() => {});
  return handle;
}

/** The last lines of every sample's raw log (logs/<sample>/run.log), for assertion messages. */
function rawLogTails(reportDir: string, lines = 25): string[] {
  const logs = path.join(reportDir, 'logs');
  if (!existsSync(logs)) return [];
  return readdirSync(logs).flatMap((d) => {
    const file = path.join(logs, d, 'run.log');
    if (!existsSync(file)) return [];
    const text = readFileSync(file, 'utf8');
    return [`--- ${file} (last ${lines} lines)\n${text.split('\n').slice(-lines).map((l) => l.slice(0, 300)).join('\n')}`];
  });
}

export function runParity(root: string, args: string[] = [], opts: ParityOptions = {}): Promise<ParityResult> {
  return startParity(root, args, opts).done;
}

/** Waits until `file` exists (the fault apps touch a file once they are fully up). */
export async function waitForFile(file: string, timeoutMs = 60_000, alsoDone?: Promise<unknown>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let finished = false;
  void alsoDone?.then(() => { finished = true; }, () => { finished = true; });
  while (!existsSync(file)) {
    if (finished) throw new Error(`the harness exited before ${file} appeared`);
    if (Date.now() > deadline) throw new Error(`${file} did not appear within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
