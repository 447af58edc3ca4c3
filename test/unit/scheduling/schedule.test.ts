// The scheduler's own logic, with jobs the test finishes by hand (no timing): which start
// together, which wait, and in what order.
import { describe, expect, it } from 'vitest';
import { ClaimWaits, claimWaitCause, longestFirst, nextStartable, runScheduled, type ClaimWait, type Job } from '../../../harness/scheduling/schedule.ts';

/** Jobs that start when the scheduler says and end when the test says. */
function manual() {
  const started: string[] = [];
  const finish = new Map<string, () => void>();
  const run = (id: string) => new Promise<string>((resolve) => {
    started.push(id);
    finish.set(id, () => resolve(`${id} done`));
  });
  const settle = () => new Promise((r) => setTimeout(r, 0));
  return { started, run, end: async (id: string) => { finish.get(id)!(); await settle(); await settle(); }, settle };
}

const job = (item: string, ...claims: string[]): Job<string> => ({ item, claims });

describe('the scheduler', () => {
  it('never overlaps two samples that claim one port, and runs an independent one beside them at once', async () => {
    const m = manual();
    const jobs = [job('a', 'port:8080'), job('b', 'port:8080'), job('c')];
    const all = runScheduled(jobs, { concurrency: 2 }, m.run);
    await m.settle();
    // b waits for a's port in the queue, not in a lane: c, queued after it, starts beside a.
    expect(m.started).toEqual(['a', 'c']);
    await m.end('c');
    expect(m.started).toEqual(['a', 'c']);
    await m.end('a');
    expect(m.started).toEqual(['a', 'c', 'b']);
    await m.end('b');
    expect(await all).toEqual(['a done', 'b done', 'c done']);
  });
  it('starts as many as there are lanes, no more', async () => {
    const m = manual();
    const all = runScheduled([job('a'), job('b'), job('c')], { concurrency: 2 }, m.run);
    await m.settle();
    expect(m.started).toEqual(['a', 'b']);
    await m.end('b');
    expect(m.started).toEqual(['a', 'b', 'c']);
    await m.end('a');
    await m.end('c');
    expect(await all).toEqual(['a done', 'b done', 'c done']);
  });
  it('follows the order it is given, the results in the jobs\' own order', async () => {
    const m = manual();
    const jobs = [job('short'), job('long')];
    const all = runScheduled(jobs, { concurrency: 1, order: [jobs[1]!, jobs[0]!] }, m.run);
    await m.settle();
    expect(m.started).toEqual(['long']);
    await m.end('long');
    await m.end('short');
    expect(await all).toEqual(['short done', 'long done']);
  });
  it('puts the longest first by the last times, those never timed before them', () => {
    const last: Record<string, number> = { a: 10, b: 300, c: 50 };
    expect(longestFirst([job('a'), job('b'), job('new'), job('c')], (id) => last[id]).map((j) => j.item)).toEqual(['new', 'b', 'c', 'a']);
  });
  it('picks the first pending job whose claims are all free', () => {
    const pending = [job('a', 'port:1', 'port:2'), job('b', 'port:2'), job('c', 'port:3')];
    expect(nextStartable(pending, new Set(['port:2']))).toBe(2);
    expect(nextStartable(pending, new Set())).toBe(0);
    expect(nextStartable(pending, new Set(['port:2', 'port:3']))).toBe(-1);
  });
});

describe('the wait on a claim', () => {
  /** The manual jobs on a test clock, each job's wait kept as it starts. */
  function timed() {
    const m = manual();
    let t = 0;
    const waited = new Map<string, ClaimWait | undefined>();
    return {
      ...m,
      waited,
      advance: (ms: number) => { t += ms; },
      opts: { now: () => t },
      run: (id: string, w: ClaimWait | undefined) => { waited.set(id, w); return m.run(id); },
    };
  }

  it('of the second of two samples claiming one port is the first one\'s run, held by it', async () => {
    const m = timed();
    const all = runScheduled([job('a', 'port:8080'), job('b', 'port:8080')], { concurrency: 2, ...m.opts }, m.run);
    await m.settle();
    m.advance(42_000);
    await m.end('a');
    expect(m.started).toEqual(['a', 'b']);
    expect(m.waited.get('a')).toBeUndefined();
    expect(m.waited.get('b')).toEqual({ ms: 42_000, claim: 'port:8080', heldBy: 'a' });
    expect(claimWaitCause(m.waited.get('b')!)).toBe('port 8080 held by a');
    await m.end('b');
    await all;
  });
  it('is none for samples that claim nothing in common, nor for one that only waited for a lane', async () => {
    const m = timed();
    const all = runScheduled([job('a', 'port:8080'), job('b', 'port:9090'), job('c', 'port:8080')], { concurrency: 2, ...m.opts }, m.run);
    await m.settle();
    expect(m.started).toEqual(['a', 'b']);
    m.advance(5_000);
    await m.end('b');
    // c was passed over for a's port only once b's lane came free: from then on it waits on the claim.
    m.advance(3_000);
    await m.end('a');
    expect(m.waited.get('b')).toBeUndefined();
    expect(m.waited.get('c')).toEqual({ ms: 3_000, claim: 'port:8080', heldBy: 'a' });
    await m.end('c');
    await all;

    const one = timed();
    const serial = runScheduled([job('a', 'port:8080'), job('b', 'port:8080')], { concurrency: 1, ...one.opts }, one.run);
    await one.settle();
    one.advance(10_000);
    await one.end('a');
    await one.end('b');
    await serial;
    // With one lane b would have waited for a anyway: the lane, not the port, held it.
    expect(one.waited.get('b')).toBeUndefined();
  });
  it('runs from the first time a free lane passed the job over, not each time', () => {
    const w = new ClaimWaits<string>();
    const j = job('b', 'port:1', 'port:2');
    w.passedOver(j, new Map([['port:2', 'a']]), 100);
    w.passedOver(j, new Map([['port:1', 'c']]), 900);
    expect(w.started(j, 1_000, (s) => `jobs/${s}`)).toEqual({ ms: 900, claim: 'port:2', heldBy: 'jobs/a' });
    expect(w.started(job('x'), 1_000, String)).toBeUndefined();
  });
});
