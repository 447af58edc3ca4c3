// Where placement and scheduler come from for a folder of binaries: beside daprd, or a reason.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { controlPlaneBeside, controlPlaneOnce } from '../../../harness/dapr/control-plane.ts';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function folder(files: Record<string, number>): string {
  const d = mkdtempSync(path.join(os.tmpdir(), 'parity-cp-'));
  dirs.push(d);
  for (const [name, mode] of Object.entries(files)) {
    writeFileSync(path.join(d, name), '#!/bin/sh\n');
    chmodSync(path.join(d, name), mode);
  }
  return d;
}

describe('controlPlaneBeside', () => {
  it('takes placement and scheduler from daprd\'s folder', () => {
    const d = folder({ daprd: 0o755, placement: 0o755, scheduler: 0o755 });
    expect(controlPlaneBeside(path.join(d, 'daprd'), '1.18.2', '--dapr-from dir:PATH')).toEqual({ placement: path.join(d, 'placement'), scheduler: path.join(d, 'scheduler'), version: '1.18.2' });
  });
  it('names what is missing or not executable, and where it looked', () => {
    const d = folder({ daprd: 0o755, placement: 0o644 });
    expect(controlPlaneBeside(path.join(d, 'daprd'), '1.18.2', '--dapr-from dir:PATH')).toEqual({
      missing: `--dapr-from dir:PATH takes placement and scheduler from daprd's folder, and ${d} has no executable placement or scheduler`,
    });
  });
});

describe('controlPlaneOnce', () => {
  it('resolves once for every sample that asks', async () => {
    const d = folder({ daprd: 0o755, placement: 0o755, scheduler: 0o755 });
    const get = controlPlaneOnce({ cli: { path: path.join(d, 'dapr'), version: '1.16.5' }, daprd: { path: path.join(d, 'daprd'), version: '1.18.2' }, source: 'dir' }, () => {});
    const [a, b] = await Promise.all([get(), get()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ scheduler: path.join(d, 'scheduler') });
  });
});
