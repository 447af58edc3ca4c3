import { describe, expect, it } from 'vitest';
import { cutAtCondition, decideRun, firstBatch, expectedSeen, serverCondition, shortfall, type RunGoal } from '../../../harness/run/conditions.ts';

const lines = (...l: string[]) => ({ lines: l, order: 'none' as const, mode: 'substring' as const });
const goal: RunGoal = {
  apps: [
    { appId: 'sub', role: 'server', expect: lines('got 3') },
    { appId: 'pub', role: 'job' },
  ],
};
const settle = { quietMs: 5000, settleMs: 1500 };

describe('decideRun', () => {
  it('waits for every job to exit, then for the server\'s lines, then for quiet while a server is up', () => {
    expect(decideRun([{ appId: 'pub', lines: ['sent 1'] }, { appId: 'sub', lines: ['got 3'] }], goal, settle)).toEqual({ kind: 'wait' });
    expect(decideRun([{ appId: 'pub', lines: [], exit: { ok: true, line: 'ok' } }, { appId: 'sub', lines: ['got 1'] }], goal, settle)).toEqual({ kind: 'wait' });
    expect(decideRun([{ appId: 'pub', lines: [], exit: { ok: true, line: 'ok' } }, { appId: 'sub', lines: ['got 3'] }], goal, { quietMs: 100, settleMs: 1500 })).toEqual({ kind: 'wait' });
    expect(decideRun([{ appId: 'pub', lines: [], exit: { ok: true, line: 'ok' } }, { appId: 'sub', lines: ['got 3'] }], goal, settle)).toEqual({ kind: 'done' });
  });
  it('needs no quiet once every app has exited', () => {
    const jobs: RunGoal = { apps: [{ appId: 'a', role: 'job' }] };
    expect(decideRun([{ appId: 'a', lines: ['x'], exit: { ok: true, line: 'ok' } }], jobs, { quietMs: 0, settleMs: 1500 })).toEqual({ kind: 'done' });
  });
  it('fails as soon as any app exits with an error, naming it', () => {
    expect(decideRun([{ appId: 'pub', lines: [], exit: { ok: false, line: 'exited with an error (exit status 1)' } }], goal, settle))
      .toEqual({ kind: 'failed', reason: 'pub: exited with an error (exit status 1)' });
  });
  it('waits for the run\'s own expected lines, from any app', () => {
    const g: RunGoal = { apps: [{ appId: 'a', role: 'job' }], expect: lines('hello') };
    expect(decideRun([{ appId: 'a', lines: ['bye'], exit: { ok: true, line: 'ok' } }], g, settle)).toEqual({ kind: 'wait' });
    expect(decideRun([{ appId: 'a', lines: ['hello'], exit: { ok: true, line: 'ok' } }], g, settle)).toEqual({ kind: 'done' });
  });
  it('prefers a server\'s until over its README lines', () => {
    expect(serverCondition({ expect: lines('a'), until: lines('b') })).toEqual(lines('b'));
    expect(serverCondition({ expect: lines('a') })).toEqual(lines('a'));
  });
});

describe('shortfall and counting', () => {
  it('says what was not seen, app by app', () => {
    const g: RunGoal = { apps: [{ appId: 'sub', role: 'server', expect: lines('got 1', 'got 2', 'got 3') }, { appId: 'pub', role: 'job' }], expect: lines('zzz') };
    expect(shortfall([{ appId: 'sub', lines: ['got 1', 'got 2'] }, { appId: 'pub', lines: ['a'] }], g, 60.2))
      .toBe('sub: 2 of 3 expected lines; pub: still running (1 line(s) printed); the run: 0 of 1 expected lines after 60 s');
  });
  it('counts the expected lines held in order', () => {
    expect(expectedSeen(['a', 'c'], { lines: ['a', 'b', 'c'], order: 'sequential', mode: 'exact' })).toBe(1);
  });
  it('cuts a server after the line that completed its condition', () => {
    expect(cutAtCondition(['x', 'got 1', 'got 2', 'got 3', 'later'], lines('got 3', 'got 1'))).toEqual(['x', 'got 1', 'got 2', 'got 3']);
    expect(cutAtCondition(['x', 'y'], lines('never'))).toEqual(['x', 'y']);
    expect(cutAtCondition(['x'], undefined)).toEqual(['x']);
  });

  it('keeps a repeating server\'s first batch: a next batch begun before it ended is left out', () => {
    const batch = lines('start', 'row 1', 'row 2', 'done');
    // The second batch started after the first's row 1, before its row 2.
    expect(firstBatch(['up', 'start', 'row 1', 'start', 'row 1', 'row 2', 'done', 'row 2', 'done', 'start'], batch)).toEqual(['up', 'start', 'row 1', 'row 2', 'done']);
    expect(firstBatch(['up', 'start', 'row 1', 'row 2', 'done', 'start'], batch)).toEqual(['up', 'start', 'row 1', 'row 2', 'done']);
  });
});
