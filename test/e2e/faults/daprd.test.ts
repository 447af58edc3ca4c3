// Fault injection, the sidecar's side: broken components and secrets files, a missing secret,
// an empty components folder, a missing or unrunnable daprd. Each case runs the real `parity run`
// as a child process and asserts its exact outcome and that nothing it started is left.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { resolveVersions } from '../../../harness/dapr/pins.ts';
import type { DaprBinaries } from '../../../harness/dapr/provision.ts';
import { realDapr } from '../../helpers/dapr.ts';
import { expectNoRetryButPortRaces, expectNothingLeft, runLog, sampleResult } from '../../helpers/fault-asserts.ts';
import { HTTP_SECRET_APP, localFileComponent, makeFaultTree, removeFaultTrees } from '../../helpers/fault-tree.ts';
import { pickTestPort } from '../../helpers/leftovers.ts';
import { endParityChildren, runParity, type ParityResult } from '../../helpers/parity-child.ts';
import type { ExpectStatic } from 'vitest';

const E2E = 120_000;
let dapr: DaprBinaries;
const scratch: string[] = [];

beforeAll(async () => {
  dapr = await realDapr();
});
afterAll(async () => {
  await endParityChildren();
  removeFaultTrees();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

const httpApp = { run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } };

/** Exit 2 with exactly one `parity: …` line, no report written, nothing started. */
function expectOneLineRefusal(expect: ExpectStatic, r: ParityResult, ...parts: (string | RegExp)[]): string {
  expect(r.code, r.describe()).toBe(2);
  // The whole of stderr is that one line: a message spilling onto a second line fails here.
  expect(r.stderr.trimEnd().split('\n'), r.describe()).toHaveLength(1);
  expect(r.errorLines, r.describe()).toHaveLength(1);
  const line = r.errorLines[0]!;
  for (const p of parts) {
    if (typeof p === 'string') expect(line).toContain(p);
    else expect(line).toMatch(p);
  }
  expect(r.report).toBeUndefined();
  expect(r.stderr).not.toMatch(/unexpected error|\n\s+at /);
  return line;
}

/** daprd dies on a component: failed (never retried), reason quoting daprd's fatal line, fast. */
async function expectDaprdFatal(expect: ExpectStatic, r: ParityResult, port: number, fatalText: string): Promise<void> {
  const s = sampleResult(expect, r);
  expect(r.code, r.describe()).toBe(1);
  expect(s.status).toBe('failed');
  expect(s.reason).toMatch(/; daprd failed: Fatal error from runtime: /);
  expect(s.reason).toContain(fatalText);
  expectNoRetryButPortRaces(expect, s); // a broken component is not infrastructure: no retry
  expect(runLog(r)).toContain('The daprd process exited with error code');
  // Ended once daprd died, not at the 60 s timeout (CLI 1.16 alone would wait 2 × 60 s).
  expect(s.durationMs).toBeLessThan(30_000);
  await expectNothingLeft(expect, r, [port]);
}

describe.concurrent('daprd cannot start', () => {
  it('component YAML invalid: preflight, exit 2, one line naming the file and line', async ({ expect }) => {
    const tree = makeFaultTree({
      samples: [httpApp],
      components: { 'secretstore.yaml': 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: localsecretstore\n  labels: [unclosed\nspec: {}\n' },
    });
    const r = await runParity(tree.root, ['--timeout', '30']);
    expectOneLineRefusal(expect, r, `parity: ${tree.path('components', 'secretstore.yaml')}:6: invalid YAML`);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('the file the component\'s secretsFile points at is gone: daprd fails, reason names its error', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp], components: { 'secretstore.yaml': localFileComponent({ secretsFile: '../../../gone.json' }) } });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '60', '--dapr-http-port', String(port)]);
    await expectDaprdFatal(expect, r, port, 'open ../../../gone.json: no such file or directory');
  }, E2E);

  it('the manifest\'s secrets file is missing: preflight, exit 2, one line', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp], secrets: null });
    const r = await runParity(tree.root, ['--timeout', '30']);
    expectOneLineRefusal(expect, r, `parity: secrets file ${tree.path('secrets.json')} does not exist`);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('the component\'s secrets file is not JSON: daprd fails, reason names its error', async ({ expect }) => {
    const tree = makeFaultTree({
      samples: [httpApp],
      components: { 'secretstore.yaml': localFileComponent({ secretsFile: '../../../broken.json' }) },
      files: { 'broken.json': 'secret = YourPasskeyHere\n' },
    });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '60', '--dapr-http-port', String(port)]);
    await expectDaprdFatal(expect, r, port, 'initialization error occurred for localsecretstore (secretstores.local.file/v1): invalid character');
  }, E2E);

  it('the manifest\'s secrets file is not JSON: preflight, exit 2, ONE line (the parser quotes the newline)', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp], secrets: 'not json {\n  "secret": 1\n' });
    const r = await runParity(tree.root, ['--timeout', '30']);
    expectOneLineRefusal(expect, r, `parity: ${tree.path('secrets.json')}: not valid JSON`);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('unknown component type: daprd fails, reason carries its fatal error', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp], components: { 'secretstore.yaml': localFileComponent({ type: 'secretstores.does.not.exist' }) } });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '60', '--dapr-http-port', String(port)]);
    await expectDaprdFatal(expect, r, port, "couldn't find secret store secretstores.does.not.exist/v1");
  }, E2E);
});

describe.concurrent('inputs', () => {
  it('the requested secret key is missing: the sidecar answers 500, the app fails, parity reports it', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp], secrets: '{"other": "value"}\n' });
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)]);
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^dapr run exited 1; the app printed: Failed to get secret: HTTP 500 .*ERR_SECRET_GET.*secret secret not found/);
    expect(r.report!.parity.ok).toBe(false);
    expect(r.report!.parity.problems).toContain('secrets file has no key "secret"');
    expect(r.report!.parity.problems.some((p) => p.startsWith('python/http: '))).toBe(true);
    expect(r.stdout).toContain('parity: FAILED');
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('components folder empty: exit 2, one line', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp], components: {} });
    const r = await runParity(tree.root, ['--timeout', '30']);
    expectOneLineRefusal(expect, r, `parity: components folder ${tree.path('components')} holds no component (.yaml) file`);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('components folder missing: exit 2, one line', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp] });
    rmSync(tree.path('components'), { recursive: true });
    const r = await runParity(tree.root, ['--timeout', '30']);
    expectOneLineRefusal(expect, r, `parity: components folder ${tree.path('components')} does not exist`);
  }, E2E);
});

describe.concurrent('the daprd binary', () => {
  /** PATH with a `dapr` symlink to the real CLI first; DAPR_RUNTIME_PATH a fresh folder. */
  function installedDapr(daprd: 'missing' | 'not-executable' | 'empty-executable') {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-fault-dapr-'));
    scratch.push(dir);
    mkdirSync(path.join(dir, 'bin'));
    symlinkSync(dapr.cli.path, path.join(dir, 'bin', 'dapr'));
    const daprdPath = path.join(dir, 'runtime', '.dapr', 'bin', 'daprd');
    mkdirSync(path.dirname(daprdPath), { recursive: true });
    if (daprd !== 'missing') {
      writeFileSync(daprdPath, '');
      chmodSync(daprdPath, daprd === 'not-executable' ? 0o644 : 0o755);
    }
    return {
      daprdPath,
      env: { PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}`, DAPR_RUNTIME_PATH: path.join(dir, 'runtime') },
    };
  }

  it('--use-installed-dapr with no daprd: exit 2, one line naming the path', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp] });
    const inst = installedDapr('missing');
    const r = await runParity(tree.root, ['--timeout', '30'], { globalArgs: ['--use-installed-dapr'], env: inst.env });
    expectOneLineRefusal(expect, r, `parity: --use-installed-dapr: no daprd at ${inst.daprdPath}`);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('--use-installed-dapr with a daprd that is not executable (mode 644): exit 2, one line naming the path', async ({ expect }) => {
    const tree = makeFaultTree({ samples: [httpApp] });
    const inst = installedDapr('not-executable');
    const r = await runParity(tree.root, ['--timeout', '30'], { globalArgs: ['--use-installed-dapr'], env: inst.env });
    expectOneLineRefusal(expect, r, `parity: daprd at ${inst.daprdPath} does not run`, /EACCES/);
    await expectNothingLeft(expect, r);
  }, E2E);

  it('--use-installed-dapr with an executable daprd that is not a program (empty file): failed with the CLI\'s exec error, no crash', async ({ expect }) => {
    // `daprd --version` "passes" (execvp runs an empty file as an empty shell script); the CLI's
    // own exec of it then fails. The sample fails with that error, not with "no output".
    const tree = makeFaultTree({ samples: [httpApp] });
    const inst = installedDapr('empty-executable');
    const port = await pickTestPort();
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)], { globalArgs: ['--use-installed-dapr'], env: inst.env });
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^dapr run exited 1; the dapr CLI said: fork\/exec \S+\/\.dapr\/bin\/daprd: exec format error$/);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);

  it('a cached daprd that lost its execute bit: failed with the CLI\'s "permission denied", no crash', async ({ expect }) => {
    // A cache folder of our own (PARITY_CACHE_DIR): the real CLI, and a daprd with mode 644.
    const cache = mkdtempSync(path.join(os.tmpdir(), 'parity-fault-cache-'));
    scratch.push(cache);
    const v = resolveVersions();
    mkdirSync(path.join(cache, 'dapr', 'cli', v.cli), { recursive: true });
    mkdirSync(path.join(cache, 'dapr', 'runtime', v.runtime), { recursive: true });
    symlinkSync(dapr.cli.path, path.join(cache, 'dapr', 'cli', v.cli, 'dapr'));
    writeFileSync(path.join(cache, 'dapr', 'runtime', v.runtime, 'daprd'), '#!/bin/sh\nexit 1\n', { mode: 0o644 });
    const tree = makeFaultTree({ samples: [httpApp] });
    const port = await pickTestPort();
    // auto reads this cache; a PARITY_DAPR_FROM (a machine without Go sets one) would bypass it.
    const r = await runParity(tree.root, ['--timeout', '30', '--dapr-http-port', String(port)], { env: { PARITY_CACHE_DIR: cache, PARITY_DAPR_FROM: undefined } });
    const s = sampleResult(expect, r);
    expect(r.code, r.describe()).toBe(1);
    expect(s.status).toBe('failed');
    expect(s.reason).toMatch(/^dapr run exited 1; the dapr CLI said: fork\/exec \S+\/daprd: permission denied$/);
    await expectNothingLeft(expect, r, [port]);
  }, E2E);
});
