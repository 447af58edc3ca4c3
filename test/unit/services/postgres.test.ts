// Where the unprivileged user the server runs as cannot pass: the first folder of the path with
// no search permission for others. Pure.
import { describe, expect, it } from 'vitest';
import { untraversable } from '../../../harness/services/postgres.ts';

describe('untraversable', () => {
  const modes: Record<string, number> = { '/': 0o755, '/tmp': 0o1777, '/tmp/own': 0o700, '/tmp/own/run': 0o711, '/tmp/open': 0o711 };
  const mode = (p: string) => modes[p] ?? 0o755;

  it('names the first folder closed to others', () => {
    expect(untraversable('/tmp/own/run', mode)).toBe('/tmp/own');
  });

  it('is nothing when every folder can be passed', () => {
    expect(untraversable('/tmp/open', mode)).toBeUndefined();
    expect(untraversable('/', mode)).toBeUndefined();
  });
});
