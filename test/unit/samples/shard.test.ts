import { describe, expect, it } from 'vitest';
import { InputError } from '../../../harness/input-error.ts';
import { parseShard, shardSamples } from '../../../harness/samples/shard.ts';

describe('parseShard', () => {
  it('reads i/n, white space around it aside', () => {
    expect(parseShard('1/1')).toEqual({ index: 1, count: 1 });
    expect(parseShard(' 3/3 ')).toEqual({ index: 3, count: 3 });
    expect(parseShard('10/12')).toEqual({ index: 10, count: 12 });
  });
  it('refuses anything else in one line that quotes it', () => {
    for (const bad of ['0/2', '3/2', '1/0', '0/0', 'x1/2', '1/2x', '1 / 2', '', '/2', '1/']) {
      expect(() => parseShard(bad), bad).toThrow(new InputError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 1/2), not "${bad}"`));
    }
  });
});

describe('shardSamples', () => {
  const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
  const samples = ['d', 'b', 'a', 'e', 'c'].map((id) => ({ id }));
  it('deals the samples, sorted by id, round-robin', () => {
    expect(ids(shardSamples(samples, { index: 1, count: 2 }))).toEqual(['a', 'c', 'e']);
    expect(ids(shardSamples(samples, { index: 2, count: 2 }))).toEqual(['b', 'd']);
    expect(ids(shardSamples(samples, { index: 3, count: 3 }))).toEqual(['c']);
    expect(ids(shardSamples(samples, { index: 1, count: 1 }))).toEqual(['a', 'b', 'c', 'd', 'e']);
  });
  it('keeps two samples of the same id (a manifest never has them) and does not reorder its input', () => {
    const twins = [{ id: 'b', n: 1 }, { id: 'a', n: 2 }, { id: 'b', n: 3 }];
    expect(shardSamples(twins, { index: 1, count: 1 })).toEqual([{ id: 'a', n: 2 }, { id: 'b', n: 1 }, { id: 'b', n: 3 }]);
    expect(ids(twins)).toEqual(['b', 'a', 'b']);
  });
});
