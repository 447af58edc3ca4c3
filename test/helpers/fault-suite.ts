// The hooks every suite of real-sidecar fault tests shares: the real Dapr ready before the first
// test (built once, cached; long the first time), and after the last no harness child or
// throwaway tree left behind.
import { afterAll, beforeAll } from 'vitest';
import { realDapr } from './dapr.ts';
import { removeFaultTrees } from './fault-tree.ts';
import { endParityChildren } from './parity-child.ts';

export function faultSuite(): void {
  beforeAll(async () => {
    await realDapr();
  });
  afterAll(async () => {
    await endParityChildren();
    removeFaultTrees();
  });
}
