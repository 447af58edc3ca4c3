// What the sample's reason quotes of redis's own log: its last line, without the prefix every
// line carries.
import { describe, expect, it } from 'vitest';
import { redisLastWords } from '../../../harness/services/redis.ts';

describe('redisLastWords', () => {
  it('drops the `pid:role date time level` prefix of the last line', () => {
    const log = [
      '4463:M 07 Dec 2026 23:25:14.582 * monotonic clock: POSIX clock_gettime',
      '4463:M 07 Dec 2026 23:25:14.583 # Warning: Could not create server TCP listening socket 127.0.0.1:25811: bind: Address already in use',
      '4463:M 07 Dec 2026 23:25:14.583 # Failed listening on port 25811 (TCP), aborting.',
      '',
    ].join('\n');
    expect(redisLastWords(log)).toBe('Failed listening on port 25811 (TCP), aborting.');
    expect(redisLastWords('17:C 1 Jan 2026 00:00:00.000 * Ready to accept connections tcp')).toBe('Ready to accept connections tcp');
  });
  it('keeps a line of another shape whole, and says nothing for an empty log', () => {
    expect(redisLastWords('*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***')).toBe('*** FATAL CONFIG FILE ERROR (Redis 7.0.15) ***');
    expect(redisLastWords('')).toBe('');
  });
});
