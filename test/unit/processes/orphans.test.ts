// The pure parts of run supervision: reading /proc/<pid>/stat, naming a session beyond pid reuse,
// which sessions are orphaned, which ledger lines may be removed, and the one line a sweep says.
import { describe, expect, it } from 'vitest';
import { candidateSessions, describeSweep, judgeSession, type SessionFacts } from '../../../harness/processes/orphans.ts';
import { parseProcStat, type ProcStat } from '../../../harness/processes/proc-stat.ts';
import { formatSessionId, parseLedger, parseSessionId } from '../../../harness/processes/session.ts';
import { reaperScript } from '../../../harness/processes/supervise.ts';

// A real line of this machine's /proc/<pid>/stat (fields after starttime trimmed a little).
const NODE_STAT = '4242 (node) S 4100 4242 4100 34816 4242 4194560 2718 0 0 0 12 3 0 0 20 0 11 0 98765 1115746304 13057 18446744073709551615 1 1 0 0 0 0 0 16781312 134235650 0 0 0 17 1 0 0 0 0 0';

describe('parseProcStat', () => {
  it('reads pid, state, ppid and start time (field 22)', () => {
    expect(parseProcStat(NODE_STAT)).toEqual({ pid: 4242, state: 'S', ppid: 4100, startTime: 98765 });
  });
  it('counts fields from the last ")": a command name may hold spaces and parentheses', () => {
    const tricky = NODE_STAT.replace('(node)', '(we) ird (name)');
    expect(parseProcStat(tricky)).toEqual({ pid: 4242, state: 'S', ppid: 4100, startTime: 98765 });
  });
  it('reads a zombie\'s state', () => {
    expect(parseProcStat(NODE_STAT.replace(') S ', ') Z '))?.state).toBe('Z');
  });
  it('refuses a torn or malformed line', () => {
    expect(parseProcStat('')).toBeUndefined();
    expect(parseProcStat('4242 (node) S 4100')).toBeUndefined();
    expect(parseProcStat(NODE_STAT.replace('98765', 'x'))).toBeUndefined();
    expect(parseProcStat(NODE_STAT.replace('4242 (', 'abc ('))).toBeUndefined();
    expect(parseProcStat(NODE_STAT.replace(') S ', ') SS '))).toBeUndefined();
    expect(parseProcStat('4242 node S 4100')).toBeUndefined();
  });
});

describe('session ids', () => {
  const s = { boot: 'a0dea179', pid: 4242, startTime: 98765 };
  it('round-trip', () => {
    expect(formatSessionId(s)).toBe('a0dea179-4242-98765');
    expect(parseSessionId('a0dea179-4242-98765')).toEqual(s);
  });
  it('refuse what is not one (a stray file in the ledger folder, a pid 0, a path)', () => {
    for (const bad of ['', 'notes.txt', 'a0dea179-0-1', 'a0dea17-4242-1', 'A0DEA179-4242-1', 'a0dea179-4242-', 'a0dea179-4242-1.tmp', '../a0dea179-4242-1']) {
      expect(parseSessionId(bad), bad).toBeUndefined();
    }
  });
});

/** Test double: the process now at a pid, as /proc would show it. */
const processAt = (pid: number, startTime: number): ProcStat => ({ pid, state: 'S', ppid: 1, startTime });
const BOOT = 'a0dea179-91c9-42b2-acd0-126bb0e847bc';

describe('judgeSession', () => {
  const session = { boot: 'a0dea179', pid: 4242, startTime: 98765 };
  const facts = (f: Partial<SessionFacts>): SessionFacts => ({ bootId: BOOT, reaperPids: [], ...f });

  it('a harness still running (same pid, same start time): alive, left alone', () => {
    expect(judgeSession(session, facts({ atHarnessPid: processAt(4242, 98765) }))).toBe('harness alive');
  });
  it('harness gone but its reaper running: left to the reaper', () => {
    expect(judgeSession(session, facts({ reaperPids: [5000] }))).toBe('reaper alive');
  });
  it('harness and reaper gone: orphaned', () => {
    expect(judgeSession(session, facts({}))).toBe('orphaned');
  });
  it('the pid reused by a later process (another start time): the harness is gone', () => {
    expect(judgeSession(session, facts({ atHarnessPid: processAt(4242, 123456) }))).toBe('orphaned');
  });
  it('same pid and start time, but in another boot (a rebooted container): gone', () => {
    expect(judgeSession(session, facts({ bootId: 'ffffffff-91c9-42b2-acd0-126bb0e847bc', atHarnessPid: processAt(4242, 98765) }))).toBe('orphaned');
  });
});

describe('candidateSessions', () => {
  it('every ledger but this run\'s own and files that are no session', () => {
    const got = candidateSessions(['a0dea179-1-2', 'a0dea179-4242-98765', 'README', 'a0dea179-7-8'], 'a0dea179-4242-98765');
    expect([...got.keys()]).toEqual(['a0dea179-1-2', 'a0dea179-7-8']);
    expect(got.get('a0dea179-7-8')).toEqual({ boot: 'a0dea179', pid: 7, startTime: 8 });
  });
});

describe('parseLedger', () => {
  it('keeps only parity-… folders directly in the temp folder', () => {
    const text = ['/tmp/parity-dapr-home-abc', '/tmp/parity-docs-x', '', '/tmp/parity-dapr-home-torn', 'relative/parity-x', '/', '/home/me', '/tmp/sub/parity-x', '/tmp/other'].join('\n');
    expect(parseLedger(text, '/tmp')).toEqual(['/tmp/parity-dapr-home-abc', '/tmp/parity-docs-x', '/tmp/parity-dapr-home-torn']);
  });
});

describe('describeSweep', () => {
  it('says nothing when there was nothing to end', () => {
    expect(describeSweep({ harnessPids: [], ended: 0, removed: 0 })).toBeUndefined();
  });
  it('one line for one run, naming its harness pid and what was ended and removed', () => {
    expect(describeSweep({ harnessPids: [4242], ended: 5, removed: 1 })).toBe('parity: an earlier run (harness pid 4242) died without cleaning up and its reaper is gone too: ended 5 process(es) it left, removed 1 temp folder(s)');
  });
  it('one line for several', () => {
    expect(describeSweep({ harnessPids: [7, 4242], ended: 0, removed: 2 })).toBe('parity: 2 earlier runs (harness pids 7, 4242) died without cleaning up and their reapers are gone too: ended 0 process(es) they left, removed 2 temp folder(s)');
  });
});

describe('reaperScript', () => {
  it('is harness/bin/reaper.cjs from the sources and from the dist/ bundle', () => {
    expect(reaperScript('/pkg/harness/processes')).toBe('/pkg/harness/bin/reaper.cjs');
    expect(reaperScript('/pkg/dist')).toBe('/pkg/harness/bin/reaper.cjs');
  });
});
