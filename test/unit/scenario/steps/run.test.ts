// How long a run waits for a port its sample fixes to be released by another program.
import { describe, expect, it } from 'vitest';
import { portWaitMs } from '../../../../harness/scenario/steps/run.ts';

describe('portWaitMs', () => {
  it('up to a minute, never longer than the run may take', () => {
    expect(portWaitMs(600_000)).toBe(60_000);
    expect(portWaitMs(60_000)).toBe(60_000);
    expect(portWaitMs(3_000)).toBe(3_000);
  });
});
