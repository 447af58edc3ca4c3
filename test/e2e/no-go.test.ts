// A machine with Node but no Go (the case .ci/run adapts to): Dapr comes from a folder
// (PARITY_DAPR_FROM=dir:…) and the Go samples are reported skipped with the reason, while the
// others still run and pass. The real `parity` CLI runs as a child with a PATH that lacks go.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaprBinaries } from '../../harness/dapr/provision.ts';
import { realDapr } from '../helpers/dapr.ts';
import { endParityChildren, REPO_ROOT, runParity } from '../helpers/parity-child.ts';

let dapr: DaprBinaries;
let env: Record<string, string | undefined>;
const scratch: string[] = [];

/**
 * PATH without go: each folder that holds `go` is replaced by a folder of links to everything
 * else it holds, so node, python3, java and mvn stay reachable wherever they live.
 */
function pathWithoutGo(shims: string): string {
  const out: string[] = [];
  for (const entry of (process.env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    if (!existsSync(path.join(entry, 'go'))) {
      out.push(entry);
      continue;
    }
    const dir = path.join(shims, String(out.length));
    mkdirSync(dir, { recursive: true });
    for (const name of readdirSync(entry)) {
      if (name !== 'go' && name !== 'gofmt') symlinkSync(path.join(entry, name), path.join(dir, name));
    }
    out.push(dir);
  }
  return out.join(path.delimiter);
}

beforeAll(async () => {
  dapr = await realDapr();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parity-nogo-'));
  scratch.push(tmp);
  const bin = path.join(tmp, 'dapr-bin');
  mkdirSync(bin);
  symlinkSync(dapr.cli.path, path.join(bin, 'dapr'));
  symlinkSync(dapr.daprd.path, path.join(bin, 'daprd'));
  env = { PATH: pathWithoutGo(path.join(tmp, 'shims')), PARITY_DAPR_FROM: `dir:${bin}`, GOROOT: undefined };
});
afterAll(async () => {
  await endParityChildren();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe('no Go on PATH, Dapr from a folder', () => {
  it('the stripped PATH really has no go', async () => {
    const { execa } = await import('execa');
    const r = await execa('sh', ['-c', 'command -v go'], { env: { PATH: env.PATH }, reject: false });
    expect(r.exitCode).not.toBe(0);
    expect(r.stdout).toBe('');
  });

  it('doctor: Dapr from the folder, go missing with the samples it costs; the non-Go samples have what they need', async () => {
    const all = await runParity(REPO_ROOT, [], { command: 'doctor', env });
    expect(all.stdout, all.describe()).toContain(`dapr CLI   ${dapr.cli.version}  `);
    expect(all.stdout).toMatch(/^go\s+missing — install Go 1\.26 or newer \(needed by go\/sdk, go\/http; they will be reported skipped\)$/m);
    expect(all.code).toBe(1);
    const runnable = await runParity(REPO_ROOT, ['python', 'javascript', 'java'], { command: 'doctor', env });
    expect(runnable.code, runnable.describe()).toBe(0);
    expect(runnable.stdout).toContain('everything the selected samples need is here');
  }, 120_000);

  it('run: the Go samples are skipped with the reason, a Python sample passes, exit 0', async () => {
    const reportDir = mkdtempSync(path.join(os.tmpdir(), 'parity-nogo-report-'));
    scratch.push(reportDir);
    const r = await runParity(REPO_ROOT, ['go', 'python/http'], { env, reportDir });
    expect(r.code, r.describe()).toBe(0);
    expect(r.stderr).toContain(`dapr CLI ${dapr.cli.version}, daprd ${dapr.daprd.version} (dir)`);
    const byId = Object.fromEntries(r.report!.samples.map((s) => [s.id, s]));
    for (const id of ['go/sdk', 'go/http']) {
      expect(byId[id]!.status).toBe('skipped');
      expect(byId[id]!.reason).toBe('go not found: install Go 1.26 or newer');
    }
    expect(byId['python/http']!.status, r.describe()).toMatch(/^(passed|flaky)$/);
    expect(r.leftovers).toEqual([]);
  }, 300_000);

  it('run --strict: a Go sample whose toolchain is missing fails, saying why, exit 1', async () => {
    // The case --strict is for (the nightly job must not pass with a toolchain missing): not the
    // unreachable-registry skip, which no-registry.test.ts covers.
    const reportDir = mkdtempSync(path.join(os.tmpdir(), 'parity-nogo-strict-'));
    scratch.push(reportDir);
    const r = await runParity(REPO_ROOT, ['go/http', '--strict'], { env, reportDir });
    expect(r.code, r.describe()).toBe(1);
    const [go] = r.report!.samples;
    expect(go!.status, r.describe()).toBe('failed');
    expect(go!.reason).toBe('--strict: go not found: install Go 1.26 or newer');
    expect(r.stdout).toContain('1 failed, 0 skipped');
    expect(r.leftovers).toEqual([]);
  }, 300_000);
});
