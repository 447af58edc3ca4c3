// Starts the supervision of one harness process: ends what dead earlier runs left, starts this
// run's reaper on a pipe, and makes every run token handed out from now on carry this session's id
// (the `dapr run`s, installs, docs commands, and infrastructure services, see serviceToken).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { activeRuns } from './active.ts';
import { endTokenProcesses, newRunToken, TOKEN_VAR } from './processes.ts';
import { REAPER_VAR, sweepOrphans } from './orphans.ts';
import { readBootId, readProcStat } from './proc-stat.ts';
import { beginSession, currentSession, formatSessionId, ledgerDir } from './session.ts';

/** harness/bin/reaper.cjs, from the sources or from the dist/ bundle (where this is dist/). */
export function reaperScript(here: string = import.meta.dirname): string {
  return path.basename(here) === 'dist' ? path.join(here, '..', 'harness', 'bin', 'reaper.cjs') : path.join(here, '..', 'bin', 'reaper.cjs');
}

function pick(env: NodeJS.ProcessEnv, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.flatMap((n) => (env[n] === undefined ? [] : [[n, env[n]!]])));
}

// Held for the life of the process: its pipe is what keeps the reaper waiting.
let reaper: ChildProcess | undefined;

/** Set to `off`, runs go unsupervised: only for measuring what supervision costs (npm run bench:reaper). */
export const REAPER_SWITCH = 'PARITY_REAPER';

/**
 * Once per process, before the first child is started. Without /proc (not Linux) there is
 * nothing to scan and no start time to name the session by: the run goes on unsupervised.
 */
export async function startSupervision(log: (line: string) => void): Promise<void> {
  if (currentSession() || process.env[REAPER_SWITCH] === 'off') return;
  const self = readProcStat(process.pid);
  if (!self) return;
  const boot = readBootId().replace(/-/g, '').slice(0, 8);
  const id = formatSessionId({ boot: /^[0-9a-f]{8}$/.test(boot) ? boot : '00000000', pid: process.pid, startTime: self.startTime });
  const dir = ledgerDir();
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const ledger = path.join(dir, id);
  writeFileSync(ledger, '', { flag: 'a' });
  beginSession(id, ledger);
  reaper = spawn(process.execPath, [reaperScript(), id, ledger], {
    // Its own session and process group: a terminal's signals and a group kill aimed at the
    // harness's job leave it to do its work. Only what it needs in its environment: a test's or
    // an outer run's marks would make it look like a leftover of theirs for its last milliseconds.
    detached: true,
    stdio: ['pipe', 'ignore', 'ignore'],
    env: { ...pick(process.env, ['PATH', 'TMPDIR', 'PARITY_NO_DIST']), [REAPER_VAR]: id },
  });
  // It waits on a pipe and works only after the harness is gone: at the lowest priority, its
  // start does not take CPU from the run it guards on a busy machine.
  if (reaper.pid !== undefined) {
    try {
      os.setPriority(reaper.pid, 19);
    } catch {
      // Not permitted here: it only costs a little more CPU at start.
    }
  }
  reaper.on('error', (err) => log(`parity: could not start the reaper (${err.message}); a SIGKILLed run would leave its processes to the next run`));
  reaper.stdin!.on('error', () => {});
  // Neither the child nor its pipe keeps the harness alive: the harness exiting IS the signal.
  reaper.unref();
  (reaper.stdin as unknown as { unref(): void }).unref();
  await sweepOrphans(id, dir, log);
}

/**
 * @public Nothing starts a service yet; the samples of the next quickstarts will.
 * Where an infrastructure service a sample needs (a state store, a broker) registers: start its
 * processes with `env` and they carry a run token of this session, so `stop`, Ctrl-C, the
 * reaper and a later run's orphan sweep end them as they end daprd.
 */
export function serviceToken(graceMs?: number): { token: string; env: Record<string, string>; stop(): Promise<void> } {
  const token = newRunToken();
  const stop = async () => {
    await endTokenProcesses(token, graceMs);
    activeRuns.delete(stop);
  };
  activeRuns.add(stop);
  return { token, env: { [TOKEN_VAR]: token }, stop };
}
