// `parity docs --exec` on the project's own page, for the Python tab, on the real dapr CLI and
// sidecar: the page's install commands and its `dapr run` must work as written. Always runs with
// `npm test` (which provisions Dapr first); it never skips.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { docsCommand } from '../../harness/docs/docs-command.ts';
import type { DocsReport } from '../../harness/docs/findings.ts';
import { realDapr } from '../helpers/dapr.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('parity docs --exec docs/secrets-quickstart.md (python)', () => {
  it('runs the Python tab\'s commands on the real sidecar with no exec failure', async () => {
    let out = '';
    let err = '';
    const log: string[] = [];
    const code = await docsCommand(path.join(ROOT, 'docs/secrets-quickstart.md'), {
      json: true,
      exec: true,
      root: ROOT,
      languages: ['python'],
      dapr: realDapr,
      out: (s) => { out += s; },
      err: (s) => { err += s; },
      log: (l) => log.push(l),
    });
    expect(err).toBe('');
    const report = JSON.parse(out) as DocsReport;
    const exec = report.findings.filter((f) => f.id.startsWith('exec-'));
    expect(exec.filter((f) => f.id === 'exec-failed'), log.join('\n')).toEqual([]);
    // It really ran: one exec-ok for the Python tab's dapr run, nothing skipped.
    expect(exec.map((f) => [f.id, f.language])).toEqual([['exec-ok', 'python']]);
    expect(exec[0]!.message).toContain('output has the lines of expected/python-sdk.txt');
    expect(code).toBe(0);
  }, 15 * 60_000);
});
