// Finds and ends every process a run started. The app runs in its own process group and a
// SIGKILLed CLI orphans daprd and the app, so neither the process group nor the parent chain is
// enough. Instead every child of a run inherits a unique environment token, and teardown looks
// for that token in /proc/<pid>/environ: it finds orphans too, wherever they were reparented.
import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { sessionTokenPrefix } from '../processes/session.ts';

export const TOKEN_VAR = 'PARITY_RUN_TOKEN';

/** Begins with the supervising session's id, when there is one, so its reaper finds them all. */
export function newRunToken(): string {
  return sessionTokenPrefix() + randomUUID();
}

/** Pids of live processes whose environment carries `TOKEN_VAR=token` (or one starting so). */
export function findTokenProcesses(token: string, prefix = false): Promise<number[]> {
  return findProcessesWithEnv(TOKEN_VAR, token, prefix);
}

/**
 * Pids of live (not zombie) processes whose environment holds `name=value` (with `prefix`, a value
 * starting with `value`), this one excepted.
 */
export async function findProcessesWithEnv(name: string, value: string, prefix = false): Promise<number[]> {
  const needle = Buffer.from(`${name}=${value}${prefix ? '' : '\0'}`);
  const entries = await fs.readdir('/proc');
  const found: number[] = [];
  await Promise.all(entries.map(async (name) => {
    if (!/^\d+$/.test(name)) return;
    const pid = Number(name);
    if (pid === process.pid) return;
    try {
      const env = await fs.readFile(`/proc/${name}/environ`);
      if (env.includes(needle) && !(await isZombie(pid))) found.push(pid);
    } catch {
      // Gone already, or not ours to read: either way nothing to end.
    }
  }));
  return found.sort((a, b) => a - b);
}

async function isZombie(pid: number): Promise<boolean> {
  try {
    const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8');
    // The state follows the command name, which is in parentheses and may itself hold spaces.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
  } catch {
    return true;
  }
}

function signal(pids: number[], sig: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, sig);
    } catch {
      // Already gone.
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Ends every process carrying the token: SIGTERM, then SIGKILL after `graceMs` for whatever is
 * left. Resolves with the pids that needed ending (empty when the run had cleaned up after itself).
 */
export async function endTokenProcesses(token: string, graceMs = 5000, prefix = false): Promise<number[]> {
  const first = await findTokenProcesses(token, prefix);
  if (first.length === 0) return [];
  signal(first, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  let left = first;
  // Most processes are gone within milliseconds of SIGTERM (daprd is often already dying when the
  // CLI exits): look again soon, then back off to every 100 ms, so a clean run does not wait a
  // fixed tenth of a second at its end.
  let pause = 5;
  while (Date.now() < deadline) {
    await sleep(pause);
    pause = Math.min(pause * 2, 100);
    left = await findTokenProcesses(token, prefix);
    if (left.length === 0) return first;
  }
  // Repeat until none is left: a process may fork between the scan and the kill.
  for (let round = 0; round < 10 && left.length > 0; round++) {
    signal(left, 'SIGKILL');
    await sleep(100);
    left = await findTokenProcesses(token, prefix);
  }
  return first;
}
