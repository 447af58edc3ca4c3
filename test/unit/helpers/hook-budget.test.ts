// The hook timeout follows what a cold hook would have to do on this machine.
import { describe, expect, it } from 'vitest';
import { COLD_BUILD_HOOK_MS, hookBudgetMs, NO_BUILD_HOOK_MS } from '../../helpers/hook-budget.ts';

const go = () => true;
const noGo = () => false;

describe('hookBudgetMs', () => {
  it.each([undefined, '', 'auto', 'build'])('gives the cold-build budget with Go and PARITY_DAPR_FROM=%j', (from) => {
    expect(hookBudgetMs({ PARITY_DAPR_FROM: from }, go)).toBe(COLD_BUILD_HOOK_MS);
  });

  it.each(['dir:/opt/dapr', 'release', 'installed'])('gives the unpack budget with Go but PARITY_DAPR_FROM=%j (nothing is built)', (from) => {
    expect(hookBudgetMs({ PARITY_DAPR_FROM: from }, go)).toBe(NO_BUILD_HOOK_MS);
  });

  it.each([undefined, 'auto', 'build', 'dir:/opt/dapr'])('gives the unpack budget without Go, PARITY_DAPR_FROM=%j', (from) => {
    expect(hookBudgetMs({ PARITY_DAPR_FROM: from }, noGo)).toBe(NO_BUILD_HOOK_MS);
  });
});
