// `parity docs` as a command: exit codes, text and JSON output, and one clear line (never a
// stack trace) for a page or a root that cannot be read.
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docsCommand } from '../../../harness/commands/docs.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/docs');
const ROOT = path.join(FIXTURES, 'tree');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'parity-docs-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

async function run(page: string, opts: { json?: boolean; root?: string } = {}) {
  let out = '';
  let err = '';
  const code = await docsCommand(page, { json: opts.json ?? false, exec: false, root: opts.root ?? ROOT, out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

describe('docsCommand', () => {
  it('exits 0 on a clean page and prints the summary', async () => {
    const r = await run(path.join(FIXTURES, 'clean.md'));
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out.trimEnd().split('\n').at(-1)).toBe('0 errors, 0 warnings');
  });

  it('exits 0 when there are warnings only', async () => {
    expect((await run(path.join(FIXTURES, 'output-prefix.md'))).code).toBe(0);
  });

  it('exits 1 on errors and prints one line per finding under its language', async () => {
    const r = await run(path.join(FIXTURES, 'run-command.md'));
    expect(r.code).toBe(1);
    const lines = r.out.trimEnd().split('\n');
    expect(lines.slice(1)).toEqual([
      'python',
      '  warning  L22  run-command-detail  the page runs `.venv/bin/python app.py`, the sample runs `python3 app.py`; they differ only in launcher spelling or options, so the page\'s command still works — fix: end the command with `-- python3 app.py`',
      'javascript',
      '  error  L69  run-command-mismatch  the page runs `node main.js`, the sample runs `npm start` — fix: end the command with `-- npm start`',
      'go',
      '  error  L92  run-command-mismatch  the page runs `go run`, the sample needs `go run .`: `go run` with no package or .go file fails ("no go files listed") — fix: end the command with `-- go run .`',
      '2 errors, 1 warning',
    ]);
  });

  it('prints { page, findings, summary } with --json', async () => {
    const page = path.join(FIXTURES, 'excerpt-drift.md');
    const r = await run(page, { json: true });
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as { page: string; findings: unknown[]; summary: unknown };
    expect(j.page).toBe(page);
    expect(j.summary).toEqual({ errors: 1, warnings: 0, info: 0 });
    expect(j.findings).toEqual([{
      id: 'excerpt-mismatch', severity: 'error', language: 'python', line: 29,
      message: 'excerpt line "STORE = \'otherstore\'" is not in samples/python/sdk/app.py',
      fix: 'copy the excerpt from samples/python/sdk/app.py as it is now; mark left-out parts with "# ..."',
    }]);
  });

  describe('pages that cannot be read: exit 2 and one line', () => {
    const cases: [string, () => string, string][] = [
      ['a missing file', () => path.join(tmp, 'nope.md'), 'no such file'],
      ['an empty file', () => { const f = path.join(tmp, 'empty.md'); writeFileSync(f, ''); return f; }, 'is empty'],
      ['a binary file', () => { const f = path.join(tmp, 'bin.md'); writeFileSync(f, Buffer.from([0x2d, 0x00, 0x01, 0x02])); return f; }, 'is a binary file (it holds NUL bytes), not a markdown page'],
      ['a folder with no page in it', () => { const d = path.join(tmp, 'dir.md'); mkdirSync(d, { recursive: true }); return d; }, 'holds no markdown page'],
      ['invalid UTF-8', () => { const f = path.join(tmp, 'latin1.md'); writeFileSync(f, Buffer.from([0x63, 0x61, 0x66, 0xe9])); return f; }, 'is not UTF-8 text'],
    ];
    it.each(cases)('%s', async (_name, make, reason) => {
      const file = make();
      const r = await run(file);
      expect(r).toEqual({ code: 2, out: '', err: `parity docs: ${file}: ${reason}\n` });
    });

    it('a root with no samples.yaml', async () => {
      const r = await run(path.join(FIXTURES, 'clean.md'), { root: tmp });
      expect(r.code).toBe(2);
      expect(r.err).toBe(`parity docs: ${path.join(tmp, 'samples.yaml')}: no sample manifest here (--root must point at a folder with samples.yaml)\n`);
    });
  });
});
