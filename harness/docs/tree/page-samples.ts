// Which part of the tree a page is about: the paths its links and `cd` commands name, the
// building block they agree on, and the sample each language tab walks through. Pure.
import path from 'node:path';
import type { Language, SampleSpec } from '../../model.ts';
import { labelToLanguage, mentionsHttp } from '../languages.ts';
import type { DocPage, Tab } from '../parse.ts';
import { shellCommands } from '../shell.ts';
import { roleOf } from '../targets.ts';
import type { TreeWorkspace } from './tree-workspace.ts';

/** What a link to the quickstarts repository points at. */
export type RepoLink =
  | { kind: 'path'; /** Relative to the tree's root ('' for the root). */ path: string }
  /** A repository link GitHub cannot resolve to a file: no `/tree/<ref>/` or `/blob/<ref>/`. */
  | { kind: 'malformed'; rest: string };

const REPO = /^https?:\/\/github\.com\/dapr\/quickstarts(?:\.git)?(?=$|[/?#])/i;
/** Pages of the repository that are not files of it. */
const NOT_FILES = new Set(['issues', 'pulls', 'pull', 'releases', 'actions', 'commits', 'commit', 'wiki', 'discussions', 'compare', 'archive', 'fork', 'stargazers']);

/** Pure: a link's place in the tree, or undefined when it is not a link into the quickstarts repository. */
export function repoLink(url: string): RepoLink | undefined {
  const m = REPO.exec(url.trim());
  if (!m) return undefined;
  const tail = url.trim().slice(m[0].length);
  const cut = tail.search(/[?#]/);
  const rest = cut < 0 ? tail : tail.slice(0, cut);
  const parts = rest.split('/').filter(Boolean).map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
  if (parts.length === 0) return { kind: 'path', path: '' };
  if (parts[0] === 'tree' || parts[0] === 'blob' || parts[0] === 'raw') return parts.length >= 2 ? { kind: 'path', path: parts.slice(2).join('/') } : { kind: 'malformed', rest };
  if (NOT_FILES.has(parts[0]!)) return undefined;
  return { kind: 'malformed', rest };
}

/** The relative id folder of a sample (`state_management/python/sdk`). */
export function sampleDir(ws: TreeWorkspace, s: SampleSpec): string {
  return path.relative(ws.manifest.root, s.dir);
}

/** The innermost tab around an offset whose label names a language (a MacOS/Windows tab inside it is looked through). */
export function languageTabAt(page: DocPage, offset: number): (Tab & { language: Language }) | undefined {
  let best: (Tab & { language: Language }) | undefined;
  for (const g of page.groups) {
    for (const t of g.tabs) {
      const language = t.label === undefined ? undefined : labelToLanguage(t.label);
      if (language && t.start <= offset && offset < t.end && (!best || t.start > best.start)) best = { ...t, language };
    }
  }
  return best;
}

/** Every tab of the page that names a language, in page order. */
export function languageTabs(page: DocPage): (Tab & { language: Language })[] {
  return page.groups.flatMap((g) => g.tabs.flatMap((t) => {
    const language = t.label === undefined ? undefined : labelToLanguage(t.label);
    return language ? [{ ...t, language }] : [];
  })).sort((a, b) => a.start - b.start);
}

/** A path the page names, where, and in which language tab. */
interface NamedPath {
  path: string;
  offset: number;
}

function namedPaths(page: DocPage): NamedPath[] {
  const out: NamedPath[] = [];
  for (const l of page.links) {
    const r = repoLink(l.url);
    if (r?.kind === 'path' && r.path) out.push({ path: r.path, offset: l.offset });
  }
  for (const b of page.blocks) {
    if (roleOf(b) !== 'shell') continue;
    for (const c of shellCommands(b)) {
      if (c.words[0] === 'cd' && c.words[1]) out.push({ path: path.posix.normalize(c.words[1]).replace(/^\.\//, ''), offset: b.offset });
    }
  }
  return out;
}

/** The building block the page is about: the one its links and `cd` paths name most; undefined when they name none. */
export function pageBlock(page: DocPage, ws: TreeWorkspace): string | undefined {
  const blocks = new Set(ws.samples.map((s) => s.block!));
  const counts = new Map<string, number>();
  for (const p of namedPaths(page)) {
    const first = p.path.split('/')[0]!;
    if (blocks.has(first)) counts.set(first, (counts.get(first) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/**
 * The sample a language tab is about: the sample folder its links and `cd` paths name most; else
 * the block's sample of that language (HTTP when the label says so, else the SDK one).
 */
export function tabSample(page: DocPage, tab: Tab & { language: Language }, block: string | undefined, ws: TreeWorkspace): SampleSpec | undefined {
  const byDir = new Map(ws.samples.map((s) => [sampleDir(ws, s), s]));
  const counts = new Map<SampleSpec, number>();
  for (const p of namedPaths(page)) {
    if (p.offset < tab.start || p.offset >= tab.end) continue;
    const s = byDir.get(p.path.split('/').slice(0, 3).join('/'));
    // Another language's folder named in this tab does not make it that language's tab.
    if (s && s.language === tab.language) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const named = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  if (named) return named;
  if (!block) return undefined;
  const mine = ws.samples.filter((s) => s.block === block && s.language === tab.language);
  const variant = mentionsHttp(tab.label) ? 'http' : 'sdk';
  return mine.find((s) => s.variant === variant) ?? mine[0];
}
