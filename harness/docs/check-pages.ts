// One page of several, checked against what the manifest describes: a whole quickstarts tree
// (its building blocks) or one quickstart's samples. A page that cannot be read or parsed is one
// finding of its own, so one bad page never ends the check of the others.
import type { Language, Manifest } from '../model.ts';
import { runChecks } from './checks/index.ts';
import { checkShape } from './checks/structure.ts';
import { makePageReport, type PageReport } from './pages-report.ts';
import type { Finding } from './findings.ts';
import { parsePage, type DocPage } from './parse.ts';
import { tabLanguage } from './targets.ts';
import { pageBlock } from './tree/page-samples.ts';
import { checkTreePage } from './tree/tree-checks.ts';
import type { TreeWorkspace } from './tree/tree-workspace.ts';
import { loadWorkspace } from './workspace.ts';

/** One page against a tree, or any page against one quickstart's manifest, as a page report; a page that cannot be read or parsed is one finding. */
export async function checkOnePage(page: string, text: string | { reason: string }, manifest: Manifest, tree: TreeWorkspace | undefined, exec?: (doc: DocPage, tree: TreeWorkspace) => Promise<Finding[]>): Promise<PageReport> {
  if (typeof text !== 'string') return makePageReport(page, [{ id: 'page-unreadable', severity: 'error', language: null, line: 1, message: `the page ${text.reason}`, fix: 'give a readable markdown page' }], []);
  let doc: ReturnType<typeof parsePage>;
  try {
    doc = parsePage(text);
  } catch (e) {
    // The parser never throws on content it knows; whatever it could not take is this page's one finding, never the run's end.
    const at = (e as { line?: unknown; position?: { start?: { line?: unknown } } });
    const line = typeof at.line === 'number' ? at.line : typeof at.position?.start?.line === 'number' ? at.position.start.line : 1;
    return makePageReport(page, [{ id: 'page-unreadable', severity: 'error', language: null, line, message: `the page could not be parsed: ${(e as Error).message.split('\n')[0]}`, fix: 'fix the markdown at this line' }], []);
  }
  const order = [...new Set(doc.groups.flatMap((g) => g.tabs.map((t) => tabLanguage(t)).filter((l): l is Language => l !== undefined)))];
  if (tree) return makePageReport(page, [...checkShape(doc), ...checkTreePage(doc, tree), ...(exec ? await exec(doc, tree) : [])], order, pageBlock(doc, tree));
  return makePageReport(page, runChecks(doc, loadWorkspace(manifest)), order);
}

