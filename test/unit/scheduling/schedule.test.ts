// The scheduler's own logic, with jobs the test finishes by hand (no timing): which start
// together, which wait, and in what order.
import { describe, expect, it } from 'vitest';
import { longestFirst, nextStartable, runScheduled, type Job } from '../../../harness/scheduling/schedule.ts';

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
