// A supervised session: one harness process (one `parity run`, one `parity docs --exec`) and its
// reaper. Its id names the harness process beyond pid reuse (boot, pid, start time) and begins
// every run token the session hands out, so the session's processes are found by one /proc scan.
// Its ledger (one small file in the temp folder) lists the temp folders it made, for the reaper,
// or a later run, to remove.
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface SessionId {
  /** The first 8 hex digits of the boot id. */
  boot: string;
  pid: number;
  /** The harness's start time in clock ticks since boot (/proc/<pid>/stat field 22). */
  startTime: number;
}

/** Pure: `<boot>-<pid>-<startTime>`. */
export function formatSessionId(s: SessionId): string {
  return `${s.boot}-${s.pid}-${s.startTime}`;
}

const SESSION_ID = /^([0-9a-f]{8})-([1-9]\d{0,9})-(\d{1,20})$/;

/** Pure: the session a session id (or a ledger's file name) names, or undefined. */
export function parseSessionId(text: string): SessionId | undefined {
  const m = SESSION_ID.exec(text);
  return m ? { boot: m[1]!, pid: Number(m[2]), startTime: Number(m[3]) } : undefined;
}

/** Separates the session id from the random part of a run token. */
export const TOKEN_SEPARATOR = '.';

/** Where the ledgers live: one folder per user, as the temp folder may be shared. */
export function ledgerDir(tmp: string = os.tmpdir()): string {
  return path.join(tmp, `parity-sessions-${process.getuid?.() ?? 'user'}`);
}

let current: { id: string; ledger: string } | undefined;

/** Makes this process the session `id`: from now on run tokens begin with it, temp folders are ledgered. */
export function beginSession(id: string, ledger: string): void {
  current = { id, ledger };
}

/** The session this process is, if it began one. */
export function currentSession(): { id: string; ledger: string } | undefined {
  return current;
}

/** What newRunToken puts before its random part: empty outside a session. */
export function sessionTokenPrefix(): string {
  return current ? current.id + TOKEN_SEPARATOR : '';
}

/**
 * Notes a temp folder this session made in its ledger (one line, synchronously, so that it is
 * on disk before anything is put in the folder): if the harness dies, the reaper removes it.
 */
export function recordTempPath(p: string): void {
  if (!current) return;
  mkdirSync(path.dirname(current.ledger), { recursive: true, mode: 0o700 });
  appendFileSync(current.ledger, `${p}\n`);
}

/**
 * Pure: the temp folders a ledger lists. Only `parity-…` folders directly in the temp folder
 * count: whatever else a torn or tampered line names is never removed.
 */
export function parseLedger(text: string, tmp: string = os.tmpdir()): string[] {
  return text.split('\n').filter((l) => path.isAbsolute(l) && path.dirname(l) === tmp && path.basename(l).startsWith('parity-'));
}
