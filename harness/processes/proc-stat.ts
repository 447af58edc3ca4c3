// What /proc/<pid>/stat says about a process: its state and when it started. The start time (in
// clock ticks since boot) is what tells a process from a later one that got the same pid.
import { readFileSync } from 'node:fs';

export interface ProcStat {
  pid: number;
  /** One letter: R, S, D, T, Z (zombie), X (dead), … */
  state: string;
  ppid: number;
  /** Field 22, `starttime`: clock ticks since boot when the process started. */
  startTime: number;
}

/**
 * Pure: parses one /proc/<pid>/stat line. The command name sits in parentheses and may itself hold
 * spaces and parentheses, so the fields are counted from the LAST `)`. Undefined for a malformed line.
 */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf(' (');
  const close = text.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  const pid = Number(text.slice(0, open));
  // After ") ": state is field 3, ppid field 4, … starttime field 22, i.e. index 19 here.
  const rest = text.slice(close + 2).trim().split(/\s+/);
  const [state, ppid, startTime] = [rest[0], Number(rest[1]), Number(rest[19])];
  if (!Number.isInteger(pid) || pid <= 0 || !state || !/^[A-Za-z]$/.test(state) || !Number.isInteger(ppid) || !Number.isInteger(startTime)) return undefined;
  return { pid, state, ppid, startTime };
}

/** The stat of a live process, or undefined when there is none with this pid (or it is a zombie). */
export function readProcStat(pid: number): ProcStat | undefined {
  try {
    const stat = parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
    return stat && stat.state !== 'Z' && stat.state !== 'X' ? stat : undefined;
  } catch {
    return undefined;
  }
}

/** This boot's id: a pid and start time name one process only within one boot. */
export function readBootId(): string {
  try {
    return readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    return 'unknown-boot';
  }
}
