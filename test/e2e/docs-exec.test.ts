// `parity docs --exec` on the project's own page, every language tab, on the real dapr CLI and
// sidecar: the page's install commands and its `dapr run` must work as written. A tab this machine
// cannot run (its toolchain is missing, or its installer's registry cannot be reached) is
// `exec-skipped` with the reason, never `exec-ok` and never `exec-failed`; the rest must be
// `exec-ok`, and at least one tab must really run.
import path from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docsCommand } from '../../harness/commands/docs.ts';
import type { DocsReport, Finding } from '../../harness/docs/findings.ts';
import { LANGUAGES } from '../../harness/model.ts';
import { toolchain } from '../../harness/samples/toolchains.ts';
import { realDapr } from '../helpers/dapr.ts';
import { copyRepoTree } from '../helpers/repo-copy.ts';

// The page's installs run in a copy: its `npm ci` must not wipe node_modules under another test.
const ROOT = copyRepoTree('parity-docs-exec-');
afterAll(() => rmSync(ROOT, { recursive: true, force: true }));
let exec: Finding[] = [];
const log: string[] = [];
let code = -1;

beforeAll(async () => {
  let out = '';
  let err = '';
  code = await docsCommand(path.join(ROOT, 'docs/secrets-quickstart.md'), {
    json: true, exec: true, root: ROOT, dapr: realDapr,
    out: (s) => { out += s; }, err: (s) => { err += s; }, log: (l) => log.push(l),
  });
  expect(err).toBe('');
  exec = (JSON.parse(out) as DocsReport).findings.filter((f) => f.id.startsWith('exec-'));
}, 20 * 60_000);

describe('parity docs --exec docs/secrets-quickstart.md, every tab', () => {
  it('no tab fails, and the run exits 0', () => {
    expect(exec.filter((f) => f.id === 'exec-failed'), log.join('\n')).toEqual([]);
    expect(code).toBe(0);
  });

  for (const language of LANGUAGES) {
    it(`the ${language} tab ran and printed its golden, or is skipped with the reason`, (ctx) => {
      const mine = exec.filter((f) => f.language === language);
      expect(mine.length, log.join('\n')).toBeGreaterThan(0);
      const skip = mine.find((f) => f.id === 'exec-skipped');
      if (skip) {
        expect(skip.message).toMatch(/not found on this machine|cannot be reached from this machine/);
        console.info(`docs --exec ${language}: ${skip.message}`);
        ctx.skip(skip.message);
      }
      expect(mine.map((f) => f.id)).toEqual(['exec-ok']);
      expect(mine[0]!.message).toMatch(/output has the lines of expected\/\S+\.txt/);
    });
  }

  it('the .NET tab is exec-ok wherever dotnet is installed', async (ctx) => {
    if (!(await toolchain('dotnet')).version) ctx.skip('dotnet is not installed on this machine');
    expect(exec.filter((f) => f.language === 'csharp').map((f) => f.id), log.join('\n')).toEqual(['exec-ok']);
  });

  it('at least one tab really ran on the sidecar', () => {
    expect(exec.filter((f) => f.id === 'exec-ok').length).toBeGreaterThan(0);
  });
});
