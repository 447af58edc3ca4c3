// Splitting the selected samples across CI jobs (`parity run --shard i/n`). Pure and
// deterministic: every job computes the same split from the same manifest, with no coordination.
import { InputError } from '../input-error.ts';

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

/** `2/3` → { index: 2, count: 3 }; anything else is one clear line. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) {
    throw new InputError(`--shard takes i/n with 1 ≤ i ≤ n (e.g. 1/2), not "${text}"`);
  }
  return { index, count };
}

/**
 * The samples shard `index` of `count` runs: sorted by id, then dealt round-robin, so that each
 * shard gets a mix of languages (the slow Java builds do not all land on one job) and every
 * sample is in exactly one shard.
 */
export function shardSamples<T extends { id: string }>(samples: readonly T[], shard: Shard): T[] {
  const sorted = [...samples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return sorted.filter((_, k) => k % shard.count === shard.index - 1);
}
