// Ends what one session left: every process whose run token begins with the session's id, and
// the temp folders its ledger lists; then the ledger itself. Used by the session's reaper when the
// harness is gone, and by a later run for a session whose harness and reaper are both gone.
import { promises as fs } from 'node:fs';
import { endTokenProcesses } from './processes.ts';
import { parseLedger, TOKEN_SEPARATOR } from './session.ts';

export interface Reaped {
  /** Pids that were still alive and were ended. */
  ended: number[];
  /** Temp folders that were still there and were removed. */
  removed: string[];
}

export async function reapSession(id: string, ledger: string, graceMs: number): Promise<Reaped> {
  const ended = await endTokenProcesses(id + TOKEN_SEPARATOR, graceMs, true);
  // Read after the processes are gone: nothing can add a line any more.
  const listed = parseLedger(await fs.readFile(ledger, 'utf8').catch(() => ''));
  const removed: string[] = [];
  for (const p of listed) {
    const there = await fs.lstat(p).then(() => true, () => false);
    await fs.rm(p, { recursive: true, force: true });
    if (there) removed.push(p);
  }
  await fs.rm(ledger, { force: true });
  return { ended, removed };
}
