// What a test needs to prove that nothing it started is left behind: every process the harness
// child starts inherits a unique mark in its environment (as the harness's own teardown does with
// PARITY_RUN_TOKEN), so a scan of /proc finds them wherever they were reparented; and a port check.
import { randomUUID } from 'node:crypto';
import { promises as fs, readFileSync } from 'node:fs';
import net from 'node:net';
import { findProcessesWithEnv } from '../../harness/processes/processes.ts';

export const MARK_VAR = 'PARITY_TEST_MARK';

/**
 * A mark for one harness child. It begins with the mark the test run gives all it starts
 * (test/global/run-isolation.ts), so the run's teardown finds what this child left too.
 */
export function newMark(): string {
  const run = process.env[MARK_VAR];
  return run ? `${run}.${randomUUID()}` : randomUUID();
}

export interface ProcInfo {
  pid: number;
  /** State letter from /proc/<pid>/stat (R, S, D, T, …; zombies are never returned). */
  state: string;
  cmdline: string;
}

function procState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces or parentheses itself.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/**
 * Live processes whose environment carries `PARITY_TEST_MARK=<mark>` (with `prefix`, a mark
 * beginning so), zombies skipped (a zombie holds no resources; only its parent, often a
 * non-reaping PID 1 in containers, can remove it).
 */
export async function leftoverProcesses(mark: string, opts: { prefix?: boolean } = {}): Promise<ProcInfo[]> {
  const found: ProcInfo[] = [];
  for (const pid of await findProcessesWithEnv(MARK_VAR, mark, opts.prefix)) {
    const state = procState(pid);
    if (!state || state === 'Z' || state === 'X') continue;
    const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replace(/\0+$/, '').replace(/\0/g, ' ');
    found.push({ pid, state, cmdline });
  }
  return found;
}

/** For assertion messages: one process per line. */
export function describeProcs(procs: readonly ProcInfo[]): string {
  return procs.map((p) => `  pid ${p.pid} [${p.state}] ${p.cmdline}`).join('\n') || '  (none)';
}

/** True when nothing listens on `port` on any interface (daprd binds `:port`, i.e. all of them). */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen({ port, host: '0.0.0.0', exclusive: true }, () => srv.close(() => resolve(true)));
  });
}

/** Holds `port` on 0.0.0.0 (as a stray server would) until `release` is called. */
export async function holdPort(port: number): Promise<{ release: () => Promise<void> }> {
  const srv = net.createServer((sock) => sock.destroy());
  await new Promise<void>((resolve, reject) => {
    srv.once('error', reject);
    srv.listen({ port, host: '0.0.0.0', exclusive: true }, () => resolve());
  });
  let released: Promise<void> | undefined;
  return { release: () => (released ??= new Promise<void>((r) => srv.close(() => r()))) };
}

function ephemeralRange(): [number, number] {
  try {
    const [lo, hi] = readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/).map(Number);
    if (lo && hi) return [lo, hi];
  } catch {
    // Not Linux-like: assume the usual range.
  }
  return [32768, 60999];
}

const picked = new Set<number>();

/**
 * A free port for a test to hand to `--dapr-http-port`, from below the kernel's ephemeral range:
 * the harness picks daprd's other ports with listen(0), from that range, so they never collide.
 */
export async function pickTestPort(): Promise<number> {
  const [ephemeralLow] = ephemeralRange();
  const high = Math.min(ephemeralLow - 1, 29999);
  const low = Math.max(1024, high - 9999);
  for (let i = 0; i < 200; i++) {
    const port = low + Math.floor(Math.random() * (high - low + 1));
    if (picked.has(port)) continue;
    if (await portIsFree(port)) {
      picked.add(port);
      return port;
    }
  }
  throw new Error(`no free port found in ${low}-${high}`);
}

/**
 * Polls until the processes carrying `mark` satisfy `ok` (a process mid-exec can be missed by one
 * scan), and returns the last scan; throws with what was seen when it never does.
 */
export async function waitForProcesses(mark: string, ok: (procs: ProcInfo[]) => boolean, what: string, timeoutMs = 15_000): Promise<ProcInfo[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const procs = await leftoverProcesses(mark);
    if (ok(procs)) return procs;
    if (Date.now() > deadline) throw new Error(`never saw ${what} among the run's processes:\n${describeProcs(procs)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
