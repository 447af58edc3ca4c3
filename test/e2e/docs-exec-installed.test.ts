// `parity docs --exec` runs on the Dapr the command line asked for, resolved once: with
// --use-installed-dapr, the `dapr` on PATH and the daprd of DAPR_RUNTIME_PATH, not the pinned build.
// The "installed" Dapr here is the real CLI and daprd behind two recording shell wrappers.
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DocsReport } from '../../harness/docs/findings.ts';
import { realDapr } from '../helpers/dapr.ts';
import { endParityChildren, startParity } from '../helpers/parity-child.ts';
import { copyRepoTree } from '../helpers/repo-copy.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

// The page's installs run in a copy: its `npm ci` must not wipe node_modules under another test.
const TREE = copyRepoTree('parity-docs-installed-');
afterAll(async () => {
  await endParityChildren();
  rmSync(TREE, { recursive: true, force: true });
});

function recordingWrapper(file: string, real: string, calls: string): void {
  writeFileSync(file, `#!/bin/sh\necho "$0 $*" >> '${calls}'\nexec '${real}' "$@"\n`);
  chmodSync(file, 0o755);
}

describe('parity docs --exec --use-installed-dapr', () => {
  it('runs the page\'s dapr run with the installed CLI and daprd', async () => {
    const real = await realDapr();
    const dir = tempDir('parity-installed-');
    const calls = path.join(dir, 'calls.log');
    mkdirSync(path.join(dir, 'bin'));
    mkdirSync(path.join(dir, 'home', '.dapr', 'bin'), { recursive: true });
    recordingWrapper(path.join(dir, 'bin', 'dapr'), real.cli.path, calls);
    recordingWrapper(path.join(dir, 'home', '.dapr', 'bin', 'daprd'), real.daprd.path, calls);

    const r = await startParity(TREE, ['docs/secrets-quickstart.md', '--exec', '--lang', 'javascript', '--json'], {
      command: 'docs',
      globalArgs: ['--use-installed-dapr'],
      env: { PATH: `${path.join(dir, 'bin')}${path.delimiter}${process.env.PATH}`, DAPR_RUNTIME_PATH: path.join(dir, 'home') },
    }).done;
    expect(r.code, r.describe()).toBe(0);
    const report = JSON.parse(r.stdout) as DocsReport;
    expect(report.findings.filter((f) => f.id.startsWith('exec-')).map((f) => f.id)).toEqual(['exec-ok']);
    expect(r.stderr).toContain(`[dapr] using installed dapr CLI ${real.cli.version} (${path.join(dir, 'bin', 'dapr')})`);
    // The wrappers saw the run: the CLI's `run`, and daprd started through the isolated home.
    expect(existsSync(calls), r.describe()).toBe(true);
    const seen = readFileSync(calls, 'utf8');
    expect(seen).toMatch(new RegExp(`^${path.join(dir, 'bin', 'dapr')} run `, 'm'));
    expect(seen).toMatch(/\/\.dapr\/bin\/daprd .*--app-id order-processor/);
  }, 10 * 60_000);
});
