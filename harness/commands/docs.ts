// `parity docs PAGE… [--json|--markdown] [--exec]`: checks Hugo quickstart pages against the
// samples, their goldens, the component and the secrets file (one quickstart's manifest), or
// against a whole quickstarts tree (a manifest of building blocks); with --exec it runs one
// page's commands on the real sidecar. Exit 0 clean, 1 when any finding is an error, 2 when a
// page argument or the manifest cannot be read at all. Thin edge: reading, printing; the checks
// are pure.
import type { DaprBinaries } from '../dapr/provision.ts';
import type { Language } from '../model.ts';
import { ExpectedError } from '../expected-error.ts';
import { loadManifest } from '../samples/manifest.ts';
import { SECRET_KEY } from '../parity/check.ts';
import { securitySettings } from '../security/options.ts';
import { runChecks } from '../docs/checks/index.ts';
import { tabLanguage } from '../docs/targets.ts';
import { formatJson, formatText, makeReport, type Finding } from '../docs/findings.ts';
import { parsePage } from '../docs/parse.ts';
import { readPage } from '../docs/read-page.ts';
import { loadWorkspace } from '../docs/workspace.ts';
import { checkOnePage } from '../docs/check-pages.ts';
import { formatPagesHtml, formatPagesJson, formatPagesMarkdown, formatPagesText, makePagesReport, type PageReport } from '../docs/pages-report.ts';
import { makeDirs } from '../files/make-dirs.ts';
import path from 'node:path';
import { pagesUnder } from '../docs/read-page.ts';
import { isTreeManifest, loadTreeWorkspace, type TreeWorkspace } from '../docs/tree/tree-workspace.ts';
import { execTreePage } from '../docs/tree/exec-tree.ts';
import type { DocPage } from '../docs/parse.ts';
import type { Manifest } from '../model.ts';
import { promises as fs } from 'node:fs';

export interface DocsOptions {
  json: boolean;
  /** Print the report as Markdown (several pages, or a tree). */
  markdown?: boolean;
  /** Also write docs-report.json, docs-report.md and docs-report.html into this folder (several pages, or a tree). */
  reportDir?: string;
  exec: boolean;
  root: string;
  out?: (s: string) => void;
  /** Where the one-line fatal error goes (default: stderr). */
  err?: (s: string) => void;
  /** With --exec: only run these languages' tabs (default: every tab with a sample). */
  languages?: Language[];
  /** With --exec: progress lines (default: stderr). */
  log?: (line: string) => void;
  /** With --exec: the Dapr binaries the command line resolved (from --dapr-from, versions, …). */
  dapr?: () => Promise<DaprBinaries>;
  /** With --exec: aborted on SIGINT/SIGTERM, ending the sample's processes as `parity run` does. */
  signal?: AbortSignal;
}

const NO_DAPR_GIVEN = () => Promise.reject(new Error('no Dapr binaries were handed to the docs check'));

async function docsOnePage(page: string, opts: DocsOptions): Promise<number> {
  const out = opts.out ?? ((s: string) => void process.stdout.write(s));
  const err = opts.err ?? ((s: string) => void process.stderr.write(s));
  const fail = (what: string) => {
    err(`parity docs: ${what}\n`);
    return 2;
  };
  const read = await readPage(page);
  if (!read.ok) return fail(`${page}: ${read.reason}`);

  let ws: ReturnType<typeof loadWorkspace>;
  try {
    ws = loadWorkspace(loadManifest(opts.root));
  } catch (e) {
    if (e instanceof ExpectedError) return fail(e.message);
    throw e;
  }

  try {
    const doc = parsePage(read.text);
    const findings: Finding[] = runChecks(doc, ws);
    if (opts.exec) {
      const { execPage } = await import('../docs/exec.ts');
      // The manifest's own security settings, as `parity run` without flags would take them.
      const security = securitySettings(ws.manifest, { apiToken: false, scoped: false }, SECRET_KEY);
      findings.push(...(await execPage(doc, ws, { languages: opts.languages, dapr: opts.dapr ?? NO_DAPR_GIVEN, log: opts.log ?? ((l) => void process.stderr.write(`${l}\n`)), signal: opts.signal, ...security })));
    }
    const order = [...new Set(doc.groups.flatMap((g) => g.tabs.map((t) => tabLanguage(t)).filter((l): l is Language => l !== undefined)))];
    const report = makeReport(page, findings, order);
    out(opts.json ? formatJson(report) : formatText(report, `${page} (checked against ${ws.manifest.file})`));
    return report.summary.errors > 0 ? 1 : 0;
  } catch (e) {
    // The user's input or machine is one line; anything else is a bug, for the crash log (as in `run`).
    if (e instanceof ExpectedError) return fail(`${page}: could not be checked: ${e.message}`);
    throw e;
  }
}

/** The pages the arguments name: a file as it is, a folder as every markdown page under it. */
async function expandPages(args: readonly string[]): Promise<{ pages: string[]; folder: boolean }> {
  const pages: string[] = [];
  let folder = false;
  for (const a of args) {
    const st = await fs.stat(a).catch(() => undefined);
    if (st?.isDirectory()) {
      folder = true;
      pages.push(...(await pagesUnder(a)));
    } else pages.push(a);
  }
  return { pages, folder };
}

/** Checks one page or several (or folders of them). One page against one quickstart's manifest keeps the single-page report (and --exec). */
export async function docsCommand(pageArgs: string | readonly string[], opts: DocsOptions): Promise<number> {
  const args = typeof pageArgs === 'string' ? [pageArgs] : pageArgs;
  const out = opts.out ?? ((s: string) => void process.stdout.write(s));
  const err = opts.err ?? ((s: string) => void process.stderr.write(s));
  const fail = (what: string) => {
    err(`parity docs: ${what}\n`);
    return 2;
  };
  const { pages, folder } = await expandPages(args);
  if (pages.length === 0) return fail(`${args.join(', ')}: holds no markdown page`);
  let manifest: Manifest;
  try {
    manifest = loadManifest(opts.root);
  } catch (e) {
    if (e instanceof ExpectedError) return fail(e.message);
    throw e;
  }
  const tree = isTreeManifest(manifest);
  if (!tree && pages.length === 1 && !folder && !opts.markdown && !opts.reportDir) return docsOnePage(pages[0]!, opts);
  if (opts.exec && !tree) return fail('--exec against one quickstart\'s samples.yaml runs one page; give one page');
  const ws = tree ? loadTreeWorkspace(manifest) : undefined;
  const reports: PageReport[] = [];
  for (const page of pages) {
    const read = await readPage(page);
    const exec = opts.exec ? (doc: DocPage, tree: TreeWorkspace) => execTreePage(doc, tree, { languages: opts.languages, dapr: opts.dapr ?? NO_DAPR_GIVEN, log: opts.log ?? ((l) => void process.stderr.write(`${l}\n`)), ...(opts.signal ? { signal: opts.signal } : {}) }) : undefined;
    reports.push(await checkOnePage(page, read.ok ? read.text : { reason: read.reason }, manifest, ws, exec));
  }
  const report = makePagesReport(manifest.file, reports);
  const base = folder && args.length === 1 ? args[0] : undefined;
  if (opts.reportDir) {
    await makeDirs(opts.reportDir);
    await fs.writeFile(path.join(opts.reportDir, 'docs-report.json'), formatPagesJson(report));
    await fs.writeFile(path.join(opts.reportDir, 'docs-report.md'), formatPagesMarkdown(report, base));
    await fs.writeFile(path.join(opts.reportDir, 'docs-report.html'), formatPagesHtml(report, base));
  }
  out(opts.json ? formatPagesJson(report) : opts.markdown ? formatPagesMarkdown(report, base) : formatPagesText(report, base));
  return report.summary.errors > 0 ? 1 : 0;
}
