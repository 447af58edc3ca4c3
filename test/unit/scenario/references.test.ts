// A sample's claims: the ports its run file fixes for its apps and for their sidecars, so two
// samples fixing one never run at once.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SampleSpec } from '../../../harness/model.ts';
import { claimsOf } from '../../../harness/scenario/references.ts';

const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-claims-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('claimsOf', () => {
  it('claims the app ports and the daprd ports a run file fixes, and nothing it leaves free', () => {
    writeFileSync(path.join(dir, 'dapr.yaml'), 'version: 1\napps:\n  - appID: a\n    appPort: 7200\n    daprHTTPPort: 7280\n    command: ["x"]\n  - appID: b\n    daprGRPCPort: 7381\n    command: ["y"]\n  - appID: c\n    command: ["z"]\n');
    const sample = { dir, scenario: { steps: [{ kind: 'run', launch: { kind: 'file', file: 'dapr.yaml' }, apps: [] }] } } as unknown as SampleSpec;
    expect(claimsOf(sample)).toEqual(['port:7200', 'port:7280', 'port:7381']);
  });
});
