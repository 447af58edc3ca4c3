// Runs that died without cleaning up after themselves. Every session has a ledger from before its
// first child until its reaper is done, so the ledgers name every session anything can be left of
// (a directory listing: the common case costs no /proc scan). A session is orphaned when its
// harness is gone (no process with its pid AND start time, in this boot) and no reaper of it is
// running; with either alive it is left alone: its harness or reaper ends its processes itself.
// The decisions are pure; sweepOrphans is the thin edge that looks at /proc and the ledgers.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { findProcessesWithEnv } from './processes.ts';
import { readBootId, readProcStat, type ProcStat } from './proc-stat.ts';
import { reapSession } from './reap.ts';
import { parseSessionId, type SessionId } from './session.ts';

/** The variable that marks a reaper, set to the id of the session it watches. */
export const REAPER_VAR = 'PARITY_REAPER_OF';

/** What the machine says about one session, gathered by sweepOrphans, judged by judgeSession. */
export interface SessionFacts {
  /** This boot's id (its first 8 hex digits are what a session id holds). */
  bootId: string;
  /** The stat of the process now at the session's harness pid, if there is one. */
  atHarnessPid?: ProcStat;
  /** Live processes marked as this session's reaper. */
  reaperPids: readonly number[];
}

export type SessionVerdict = 'harness alive' | 'reaper alive' | 'orphaned';

/** Pure: whether a session's leftovers are for this run to end. */
export function judgeSession(session: SessionId, facts: SessionFacts): SessionVerdict {
  const sameProcess = facts.bootId.slice(0, 8) === session.boot && facts.atHarnessPid?.startTime === session.startTime;
  if (sameProcess) return 'harness alive';
  if (facts.reaperPids.length > 0) return 'reaper alive';
  return 'orphaned';
}

/** Pure: the sessions other than `own` that the ledger folder's file names name (others are not ours). */
export function candidateSessions(ledgers: readonly string[], own: string | undefined): Map<string, SessionId> {
  const out = new Map<string, SessionId>();
  for (const id of ledgers) {
    const s = id === own ? undefined : parseSessionId(id);
    if (s) out.set(id, s);
  }
  return out;
}

export interface SweepResult {
  /** Harness pids of the orphaned sessions that had anything left. */
  harnessPids: number[];
  ended: number;
  removed: number;
}

/** Pure: the one line a sweep says, or undefined when it found nothing to end. */
export function describeSweep(r: SweepResult): string | undefined {
  if (r.ended === 0 && r.removed === 0) return undefined;
  const one = r.harnessPids.length === 1;
  const runs = one ? `an earlier run (harness pid ${r.harnessPids[0]})` : `${r.harnessPids.length} earlier runs (harness pids ${r.harnessPids.join(', ')})`;
  return `parity: ${runs} died without cleaning up and ${one ? 'its reaper is' : 'their reapers are'} gone too: ended ${r.ended} process(es) ${one ? 'it' : 'they'} left, removed ${r.removed} temp folder(s)`;
}

/** Ends what dead sessions left; says so in one line through `log` when there was anything. */
export async function sweepOrphans(own: string | undefined, ledgers: string, log: (line: string) => void, graceMs = 2000): Promise<SweepResult> {
  const files = await fs.readdir(ledgers).catch(() => [] as string[]);
  const bootId = readBootId();
  const result: SweepResult = { harnessPids: [], ended: 0, removed: 0 };
  await Promise.all([...candidateSessions(files, own)].map(async ([id, session]) => {
    const facts: SessionFacts = { bootId, atHarnessPid: readProcStat(session.pid), reaperPids: [] };
    // The reaper is looked for only when the harness is gone: the common case costs one stat.
    if (judgeSession(session, facts) === 'harness alive') return;
    facts.reaperPids = await findProcessesWithEnv(REAPER_VAR, id);
    if (judgeSession(session, facts) !== 'orphaned') return;
    const r = await reapSession(id, path.join(ledgers, id), graceMs);
    if (r.ended.length + r.removed.length === 0) return;
    result.harnessPids.push(session.pid);
    result.ended += r.ended.length;
    result.removed += r.removed.length;
  }));
  result.harnessPids.sort((a, b) => a - b);
  const line = describeSweep(result);
  if (line) log(line);
  return result;
}
