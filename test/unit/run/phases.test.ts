import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addPhases, installPhaseName, installPhases, marksIn, MarkRecorder, PhaseClock, runPhases, slowestPhase, stepPhaseName, topPhases } from '../../../harness/run/phases.ts';
import { slowestLine } from '../../../harness/report/summary.ts';
import type { RunReport } from '../../../harness/model.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '../../fixtures/dapr-output', name), 'utf8');
const sum = (p: Record<string, number>) => Object.values(p).reduce((a, b) => a + b, 0);

/** Feeds recorded output one line per tick of a fake clock (a test double for Date.now). */
function replay(text: string, msPerLine = 10): MarkRecorder {
  let now = 1000;
  const rec = new MarkRecorder(1000, () => now);
  for (const line of text.split('\n')) {
    now += msPerLine;
    rec.feed(`${line}\n`);
  }
  return rec;
}

describe('marks from the output stream', () => {
  it('finds the ready line and the app-exit line of a recorded 1.16 run, in order', () => {
    const m = replay(fixture('cli-1.16.5-python-sdk.all.txt')).marks;
    expect(m.ready).toBeGreaterThan(0);
    expect(m.appExited).toBeGreaterThan(m.ready!);
    expect(m.daprdExited).toBeUndefined();
  });
  it('a daprd that dies is seen by the CLI line that says so', () => {
    expect(marksIn('❌  The daprd process exited with error code: exit status 1')).toEqual(['daprdExited']);
    expect(marksIn('ℹ️  Checking if Dapr sidecar is listening on HTTP port 44753')).toEqual([]);
  });
  it('a marker split across two chunks is still found once', () => {
    let now = 0;
    const rec = new MarkRecorder(0, () => now);
    now = 5; rec.feed('✅  You\'re up and ');
    now = 7; expect(rec.feed('running! Both Dapr')).toEqual(['ready']);
    now = 9; expect(rec.feed('You\'re up and running!')).toEqual([]);
    expect(rec.marks.ready).toBe(7);
  });
  it('recognises daprd\'s own ready line (CLI 1.17+ interleaves it)', () => {
    expect(marksIn('level=info msg="dapr initialized. Status: Running. Init Elapsed 2ms"')).toEqual(['ready']);
    expect(marksIn('❌  The App process exited with error code: exit status 1')).toEqual(['appExited']);
  });
});

describe('runPhases', () => {
  it('a passing run: sidecar, app, teardown, adding up to the whole run', () => {
    const p = runPhases({ ready: 400, appExited: 900, cliExited: 1100 }, 1150);
    expect(p).toEqual({ sidecar: 400, app: 500, teardown: 250 });
    expect(sum(p)).toBe(1150);
  });
  it('a timed-out app: the wait that ended it is its own phase', () => {
    expect(runPhases({ ready: 300, killed: 5000, cliExited: 5200 }, 5300)).toEqual({ sidecar: 300, wait: 4700, teardown: 300 });
  });
  it('a daprd that died: sidecar until its death, then the grace the harness gave it', () => {
    expect(runPhases({ daprdExited: 200, killed: 3200, cliExited: 3300 }, 3350)).toEqual({ sidecar: 200, wait: 3000, teardown: 150 });
  });
  it('a CLI that exits before anything is said: all sidecar, nothing left over', () => {
    expect(runPhases({ cliExited: 80 }, 90)).toEqual({ sidecar: 80, teardown: 10 });
  });
  it('never more than the total, whatever order the marks come in', () => {
    const p = runPhases({ ready: 500, appExited: 300, killed: 2000, cliExited: 2500 }, 1000);
    expect(sum(p)).toBeLessThanOrEqual(1000);
  });
});

describe('PhaseClock and the console summary', () => {
  it('times named steps and adds attempts together', async () => {
    let now = 0;
    const clock = new PhaseClock(() => now);
    await clock.time('install', async () => { now += 30; });
    clock.add({ sidecar: 10 });
    clock.add({ sidecar: 5, app: 7 });
    expect(clock.phases).toEqual({ install: 30, sidecar: 15, app: 7 });
    expect(addPhases({ a: 1 }, { a: 2, b: 3 })).toEqual({ a: 3, b: 3 });
    expect(slowestPhase(clock.phases)).toEqual(['install', 30]);
    expect(slowestPhase({})).toBeUndefined();
  });
  it('names the slowest phase of the slowest samples, skipped ones left out', () => {
    const base = { language: 'go', variant: 'sdk', attempts: 1 } as const;
    const report = { samples: [
      { ...base, id: 'go/sdk', status: 'passed', durationMs: 1300, phases: { sidecar: 400, app: 700 } },
      { ...base, id: 'java/sdk', status: 'passed', durationMs: 3800, phases: { install: 100, app: 2100 } },
      { ...base, id: 'csharp/sdk', status: 'skipped', durationMs: 9000, phases: { toolchains: 9000 } },
    ] } as unknown as RunReport;
    expect(slowestLine(report, 2)).toBe('slowest: java/sdk 3.8s (app 2.1s), go/sdk 1.3s (app 0.7s)');
  });
});

describe('phase names', () => {
  it('names an install step by its command, its folder after it, and says when it was cached', () => {
    expect(installPhaseName('cd "order-processor" && mvn clean install', false)).toBe('install: mvn clean install (order-processor)');
    expect(installPhaseName("cd ./app &&  npm  ci", true)).toBe('install: npm ci (./app), cached');
    expect(installPhaseName('pip3 install -r requirements.txt', false)).toBe('install: pip3 install -r requirements.txt');
    // Short: a long command is cut, the folder still said.
    const long = installPhaseName(`cd x && ${'a'.repeat(80)}`, false);
    expect(long).toMatch(/^install: a{39}… \(x\)$/);
  });
  it('gives every install step its phase, a cached one ~0, one run twice (a retried install) summed', () => {
    expect(installPhases([
      { run: 'cd "a" && npm ci', ms: 9000, cached: false },
      { run: 'cd "b" && npm ci', ms: 2, cached: true },
      { run: 'cd "a" && npm ci', ms: 1000, cached: false },
    ])).toEqual({ 'install: npm ci (a)': 10_000, 'install: npm ci (b), cached': 2 });
    expect(installPhases([])).toEqual({});
  });
  it('names a step by its number, kind and name, short', () => {
    expect(stepPhaseName(2, 'run', 'Run multi app run template')).toBe('step 3 (run: Run multi app run template)');
    expect(stepPhaseName(0, 'sh', `  seed\n the ${'store '.repeat(20)}`)).toBe('step 1 (sh: seed the store store store store store…)');
  });
  it('lists the longest phases first, leaving out the ones asked', () => {
    expect(topPhases({ a: 1, b: 30, c: 20, d: 5 }, 2)).toEqual([['b', 30], ['c', 20]]);
    expect(topPhases({ a: 1, b: 30, c: 20 }, 2, ['b'])).toEqual([['c', 20], ['a', 1]]);
    expect(topPhases(undefined, 3)).toEqual([]);
  });
});
