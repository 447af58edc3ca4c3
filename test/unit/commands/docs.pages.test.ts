// `parity docs` over several pages or a folder of them, against a tree the tests wrote: one
// report per page and one over all, as text, JSON and Markdown; a page that cannot be read is a
// finding of its own, never the end of the run.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { docsCommand } from '../../../harness/commands/docs.ts';
import type { PagesReport } from '../../../harness/docs/pages-report.ts';
import { docsyPage, hugoPage, writeDocsTree } from '../../helpers/docs-tree.ts';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'parity-docs-pages-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const root = path.join(tmp, 'tree');
writeDocsTree(root);
const pages = path.join(tmp, 'pages');
mkdirSync(path.join(pages, 'more'), { recursive: true });
writeFileSync(path.join(pages, 'clean.md'), hugoPage(false));
writeFileSync(path.join(pages, 'more', 'drift.md'), docsyPage(true));
writeFileSync(path.join(pages, 'binary.md'), Buffer.from([0x2d, 0x00, 0x01]));
writeFileSync(path.join(pages, 'notes.txt'), 'not a page');

async function run(args: string[], o: { json?: boolean; markdown?: boolean; reportDir?: string } = {}) {
  let out = '';
  let err = '';
  const code = await docsCommand(args, { json: o.json ?? false, markdown: o.markdown ?? false, ...(o.reportDir ? { reportDir: o.reportDir } : {}), exec: false, root, out: (s) => { out += s; }, err: (s) => { err += s; } });
  return { code, out, err };
}

describe('parity docs over several pages against a tree', () => {
  it('reads every markdown page of a folder, one unreadable page being one finding, and counts findings by id', async () => {
    const r = await run([pages], { json: true });
    expect(r.err).toBe('');
    expect(r.code).toBe(1);
    const j = JSON.parse(r.out) as PagesReport;
    expect(j.pages.map((p) => path.relative(pages, p.page))).toEqual(['binary.md', 'clean.md', 'more/drift.md']);
    expect(j.pages[0]!.findings).toEqual([{ id: 'page-unreadable', severity: 'error', language: null, line: 1, message: 'the page is a binary file (it holds NUL bytes), not a markdown page', fix: 'give a readable markdown page' }]);
    expect(j.pages[1]!).toMatchObject({ block: 'orders', summary: { errors: 0, warnings: 0, info: 2 } });
    expect(j.pages[2]!.counts).toMatchObject({ 'tree-link-missing': 1, 'run-file-missing': 1, 'output-content-drift': 1 });
    expect(j.summary).toEqual({ errors: 10, warnings: 2, info: 5, pages: 3 });
    expect(j.counts['output-not-checked']).toBe(2);
    expect(Object.values(j.counts).reduce((a, b) => a + b, 0)).toBe(17);
  });

  it('prints each finding as page:line in the console report, then the totals by id', async () => {
    const r = await run([path.join(pages, 'more', 'drift.md'), path.join(pages, 'clean.md')]);
    expect(r.code).toBe(1);
    expect(r.out).toContain(`  error  ${path.join(pages, 'more', 'drift.md')}:59  go  tree-link-missing  the link to orders/go/sdk/tally/tally.go leads nowhere`);
    expect(r.out).toMatch(/2 page\(s\) checked against .*samples\.yaml: 9 errors, 2 warnings, 5 info\nby finding id:\n {2}app-id-unknown +1\n/);
  });

  it('writes the same report as Markdown: pages, counts by id, findings', async () => {
    const r = await run([pages], { markdown: true });
    expect(r.out).toContain('| more/drift.md | orders | 9 | 2 | 3 |');
    expect(r.out).toContain('| `tree-sample-without-tab` | 2 |');
    expect(r.out).toContain('## clean.md');
  });

  it('writes the JSON, Markdown and a self-contained HTML report into --report-dir', async () => {
    const dir = path.join(tmp, 'reports', 'docs');
    const r = await run([pages], { reportDir: dir });
    expect(r.code).toBe(1);
    const json = JSON.parse(readFileSync(path.join(dir, 'docs-report.json'), 'utf8')) as PagesReport;
    expect(json.summary.pages).toBe(3);
    expect(readFileSync(path.join(dir, 'docs-report.md'), 'utf8')).toContain('| more/drift.md | orders | 9 | 2 | 3 |');
    const html = readFileSync(path.join(dir, 'docs-report.html'), 'utf8');
    expect(html).toContain('<td><a href="#p2">more/drift.md</a></td><td>orders</td><td>9</td><td>2</td><td>3</td>');
    expect(html).toContain('<td><code>tree-link-missing</code></td><td>1</td>');
    expect(html).toContain("default-src 'none'");
    // Page text is escaped, never markup: the excerpt's quotes come out as entities.
    expect(html).toContain('excerpt line &quot;for n in range(1, 4):&quot;');
    expect(html).not.toMatch(/<(script|link|img)\b/);
  });

  it('exits 0 when no page has an error', async () => {
    expect((await run([path.join(pages, 'clean.md'), path.join(pages, 'clean.md')])).code).toBe(0);
  });

  it('refuses a folder with no page, in one line', async () => {
    const empty = path.join(tmp, 'empty');
    mkdirSync(empty);
    expect(await run([empty])).toEqual({ code: 2, out: '', err: `parity docs: ${empty}: holds no markdown page\n` });
  });
});
