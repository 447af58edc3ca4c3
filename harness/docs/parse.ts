// Hugo markdown → the page model the checks read. Pure: text in, model out. The markdown is
// parsed with remark (CommonMark + YAML front matter); shortcodes are found by tokenizing the
// source text of the nodes remark leaves them in (paragraphs, headings, HTML, table cells),
// never by scanning the file as a whole, so a shortcode inside a code block is left alone.
import type { FindingId } from './finding-ids.ts';
import type { Code, Heading as MdHeading, Nodes, Root } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import YAML from 'yaml';
import type { Finding } from './findings.ts';
import { tokenizeShortcodes, type ShortcodeToken } from './shortcodes.ts';

export interface Heading {
  text: string;
  depth: number;
  line: number;
  offset: number;
}

export interface TabRef {
  group: number;
  index: number;
  /** The label the tabs shortcode gives this position; undefined when it gives none. */
  label: string | undefined;
}

export interface CodeBlock {
  /** Lower-cased first word of the info string; '' when the fence has none. */
  lang: string;
  meta: string;
  value: string;
  /** Line of the opening fence. */
  line: number;
  /** Line of the block's first content line. */
  valueLine: number;
  offset: number;
  /** Nearest heading above the block (inside the block's own tab when it is in one). */
  heading: Heading | undefined;
  /** Text of the nearest paragraph above the block in the same section (e.g. "Order-processor output:"). */
  lead: string;
  tab: TabRef | undefined;
}

export interface Tab extends TabRef {
  line: number;
  /** Offsets of the codetab's content (between its opening and closing shortcodes). */
  start: number;
  end: number;
  blocks: CodeBlock[];
}

export interface TabGroup {
  index: number;
  line: number;
  labels: string[];
  tabs: Tab[];
}

export interface Shortcode extends ShortcodeToken {
  line: number;
  /** The matching closing token's offset (paired shortcodes). */
  closeOffset?: number;
  closeLine?: number;
}

export interface PageText {
  text: string;
  line: number;
  offset: number;
  tab: TabRef | undefined;
}

export interface PageLink extends PageText {
  url: string;
}

export interface DocPage {
  frontMatter: { data: unknown; line: number } | undefined;
  groups: TabGroup[];
  blocks: CodeBlock[];
  shortcodes: Shortcode[];
  links: PageLink[];
  /** Inline code spans in the prose (not in code blocks), e.g. `DAPR_SECRET_STORE`. */
  inlineCode: PageText[];
  /** Problems with the page's structure, found while parsing (unbalanced shortcodes, …). */
  problems: Finding[];
}

/** Shortcodes this validator knows; other names are reported, since a typo renders as nothing. */
export const PAIRED_SHORTCODES = new Set(['tabs', 'codetab', 'alert', 'tabpane', 'tab', 'pageinfo', 'warning', 'note', 'details', 'card', 'blocks/cover', 'blocks/section', 'blocks/feature', 'highlight', 'markdown']);
export const INLINE_SHORTCODES = new Set(['ref', 'relref', 'button', 'param', 'figure', 'youtube', 'readfile', 'code-snippet', 'imgproc', 'version', 'resource', 'tweet', 'gist', 'iframe', 'dapr-latest-version', 'table', 'badge', 'x', 'vimeo', 'instagram']);

/** 1-based line numbers for offsets. */
export function lineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return (offset: number) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
}

function nodeText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(nodeText).join('');
  return '';
}

/** `{{< name >}}` / `{{% /name %}}` as written with the token's delimiter. */
export function renderShortcode(t: { delim: '<' | '%'; name: string }, closing = false): string {
  const close = t.delim === '<' ? '>' : '%';
  return `{{${t.delim} ${closing ? '/' : ''}${t.name} ${close}}}`;
}

function problem(id: FindingId, severity: Finding['severity'], line: number, message: string, fix: string): Finding {
  return { id, severity, language: null, line, message, fix };
}

interface Collected {
  code: Code[];
  headings: Heading[];
  paragraphs: PageText[];
  links: PageLink[];
  inlineCode: PageText[];
  tokens: Shortcode[];
  frontMatter?: { value: string; line: number; offset: number };
}

const start = (n: Nodes) => n.position?.start.offset ?? 0;
const end = (n: Nodes) => n.position?.end.offset ?? 0;

/** Source text of a node with its inline code spans blanked out (same length, so offsets hold). */
function maskedSource(source: string, node: Nodes): string {
  const base = start(node);
  const spans: [number, number][] = [];
  const todo: Nodes[] = [node];
  while (todo.length) {
    const n = todo.pop()!;
    if (n.type === 'inlineCode' || n.type === 'code') spans.push([start(n) - base, end(n) - base]);
    else if ('children' in n) todo.push(...(n.children as Nodes[]));
  }
  // One pass over the text: blanking span by span re-copied the whole node for each code span.
  const text = source.slice(base, end(node));
  let out = '';
  let at = 0;
  for (const [a, b] of spans.sort((x, y) => x[0] - y[0])) {
    if (a < at) continue;
    out += text.slice(at, a) + ' '.repeat(Math.max(0, b - a));
    at = Math.max(at, b);
  }
  return out + text.slice(at);
}

function collect(root: Root, source: string, lineOf: (o: number) => number, problems: Finding[]): Collected {
  const out: Collected = { code: [], headings: [], paragraphs: [], links: [], inlineCode: [], tokens: [] };
  const scan = (node: Nodes) => {
    const text = maskedSource(source, node);
    const { tokens, errors } = tokenizeShortcodes(text);
    for (const t of tokens) {
      const offset = start(node) + t.offset;
      out.tokens.push({ ...t, offset, end: start(node) + t.end, line: lineOf(offset) });
    }
    for (const e of errors) {
      problems.push(problem('malformed-shortcode', 'error', lineOf(start(node) + e.offset), e.message, 'write it as {{< name args >}} or {{% name args %}}, opened and closed with the same delimiter'));
    }
  };
  // Depth-first, in document order, with an explicit stack: a page nesting thousands of block
  // quotes overflowed the call stack when this recursed.
  const todo: [Nodes, boolean][] = [[root, false]];
  while (todo.length) {
    const [node, inPhrasing] = todo.pop()!;
    switch (node.type) {
      case 'yaml':
        out.frontMatter = { value: node.value, line: node.position?.start.line ?? 1, offset: start(node) };
        continue;
      case 'code':
        out.code.push(node);
        continue;
      case 'heading':
        out.headings.push({ text: nodeText(node as MdHeading).trim(), depth: (node as MdHeading).depth, line: node.position?.start.line ?? 1, offset: start(node) });
        scan(node);
        break;
      case 'paragraph':
        out.paragraphs.push({ text: nodeText(node).trim(), line: node.position?.start.line ?? 1, offset: start(node), tab: undefined });
        scan(node);
        break;
      case 'tableCell':
        scan(node);
        break;
      case 'html':
        if (!inPhrasing) scan(node);
        continue;
      case 'link':
        out.links.push({ url: node.url, text: nodeText(node), line: node.position?.start.line ?? 1, offset: start(node), tab: undefined });
        break;
      case 'inlineCode':
        out.inlineCode.push({ text: node.value, line: node.position?.start.line ?? 1, offset: start(node), tab: undefined });
        continue;
      default:
        break;
    }
    if ('children' in node) {
      const phrasing = inPhrasing || node.type === 'paragraph' || node.type === 'heading' || node.type === 'tableCell';
      const children = node.children as Nodes[];
      for (let i = children.length - 1; i >= 0; i--) todo.push([children[i]!, phrasing]);
    }
  }
  return out;
}

/** Pairs opening and closing shortcodes; reports unbalanced and unknown ones. */
function pairShortcodes(tokens: Shortcode[], problems: Finding[]): Shortcode[] {
  const closedNames = new Set(tokens.filter((t) => t.kind === 'close').map((t) => t.name));
  const result: Shortcode[] = [];
  const stack: Shortcode[] = [];
  for (const t of tokens) {
    const known = PAIRED_SHORTCODES.has(t.name) || INLINE_SHORTCODES.has(t.name);
    if (!known && t.kind !== 'close') {
      problems.push(problem('unknown-shortcode', 'warning', t.line, `shortcode "${t.name}" is not one this validator knows (${[...PAIRED_SHORTCODES].slice(0, 4).join(', ')}, ${[...INLINE_SHORTCODES].slice(0, 3).join(', ')}, …)`, `check the spelling of "${t.name}"; Hugo fails the build on a shortcode it has no template for`));
    }
    if (t.kind === 'self') {
      result.push(t);
    } else if (t.kind === 'open') {
      const paired = PAIRED_SHORTCODES.has(t.name) || (!INLINE_SHORTCODES.has(t.name) && closedNames.has(t.name));
      if (paired) stack.push(t);
      result.push(t);
    } else {
      let at = stack.length - 1;
      while (at >= 0 && stack[at]!.name !== t.name) at--;
      if (at < 0) {
        problems.push(problem('unbalanced-shortcode', 'error', t.line, `${renderShortcode(t, true)} closes a ${t.name} that was never opened`, `add the opening ${renderShortcode(t)} above it, or remove this line`));
        continue;
      }
      for (const unclosed of stack.splice(at + 1)) {
        problems.push(problem('unbalanced-shortcode', 'error', unclosed.line, `${renderShortcode(unclosed)} is not closed before the ${renderShortcode(t, true)} on line ${t.line}`, `add ${renderShortcode(unclosed, true)} before line ${t.line}`));
      }
      const open = stack.pop()!;
      open.closeOffset = t.offset;
      open.closeLine = t.line;
    }
  }
  for (const unclosed of stack) {
    problems.push(problem('unbalanced-shortcode', 'error', unclosed.line, `${renderShortcode(unclosed)} is never closed`, `add ${renderShortcode(unclosed, true)} where it should end`));
  }
  return result;
}

/** Tab containers and their tabs, in both dialects: Hugo's `tabs`/`codetab` and Docsy's `tabpane`/`tab`. */
const CONTAINERS = new Set(['tabs', 'tabpane']);
const ITEMS = new Set(['codetab', 'tab']);

/** A Docsy tab's label: its `header` (or first positional) argument. */
function itemLabel(item: Shortcode): string | undefined {
  return item.params.header ?? item.args[0];
}

function buildGroups(shortcodes: Shortcode[], problems: Finding[]): TabGroup[] {
  const tabsCodes = shortcodes.filter((s) => CONTAINERS.has(s.name) && s.kind === 'open' && s.closeOffset !== undefined);
  const groups: TabGroup[] = tabsCodes.map((s, index) => ({ index, line: s.line, labels: s.name === 'tabs' ? s.args : [], tabs: [] }));
  const codetabs = shortcodes.filter((s) => ITEMS.has(s.name) && s.kind === 'open');
  for (const ct of codetabs) {
    // The innermost container around this tab.
    let owner: number | undefined;
    tabsCodes.forEach((g, i) => {
      if (g.end <= ct.offset && ct.offset < g.closeOffset!) {
        if (owner === undefined || tabsCodes[owner]!.offset < g.offset) owner = i;
      }
    });
    if (owner === undefined) {
      const container = ct.name === 'tab' ? '{{< tabpane >}} … {{< /tabpane >}}' : '{{< tabs … >}} … {{< /tabs >}}';
      problems.push(problem('codetab-outside-tabs', 'error', ct.line, `${renderShortcode(ct)} is not inside a ${container} block, so it has no label`, `move it between a ${container.split(' … ')[0]} and its closing shortcode`));
      continue;
    }
    // An unclosed codetab (reported as unbalanced) still holds a tab position: it is taken to end
    // where the next codetab starts, so the tabs after it keep their labels.
    const next = codetabs.find((o) => o.offset > ct.offset)?.offset ?? Infinity;
    const end = ct.closeOffset ?? Math.min(next, tabsCodes[owner]!.closeOffset!);
    const group = groups[owner]!;
    const index = group.tabs.length;
    const pane = tabsCodes[owner]!.name === 'tabpane';
    if (pane) group.labels.push(itemLabel(ct) ?? '');
    const label = pane ? itemLabel(ct) : group.labels[index];
    group.tabs.push({ group: owner, index, label, line: ct.line, start: ct.end, end, blocks: [] });
  }
  for (const g of groups) {
    if (tabsCodes[g.index]!.name === 'tabpane') {
      for (const t of g.tabs) {
        if (t.label === undefined) problems.push(problem('tabs-without-labels', 'error', t.line, 'the tab has no header, so it cannot be tied to a language', 'give it one, e.g. {{% tab header="Python" %}}'));
      }
      continue;
    }
    if (g.labels.length === 0) {
      problems.push(problem('tabs-without-labels', 'error', g.line, 'the tabs shortcode names no tabs, so no codetab can be tied to a language', 'list the labels in order, e.g. {{< tabs "Python" "JavaScript" ".NET" "Java" "Go" >}}'));
    } else if (g.labels.length !== g.tabs.length) {
      const which = g.labels.length > g.tabs.length
        ? `label(s) ${g.labels.slice(g.tabs.length).map((l) => `"${l}"`).join(', ')} have no codetab`
        : `codetab(s) ${g.tabs.slice(g.labels.length).map((t) => `on line ${t.line}`).join(', ')} have no label`;
      problems.push(problem('tab-count-mismatch', 'error', g.line, `the tabs shortcode lists ${g.labels.length} label(s) but holds ${g.tabs.length} codetab(s): ${which}`, 'give every codetab one label, in the same order'));
    }
  }
  return groups;
}

function isFenced(source: string, node: Code): boolean {
  const s = source.slice(start(node), start(node) + 64).trimStart();
  return s.startsWith('```') || s.startsWith('~~~');
}

/**
 * The last item (in document order) before `offset` and at or after `floor` that `ok` accepts.
 * Scans back from `offset` and stops at `floor`, where copying and reversing the whole list for
 * every block made a page of many blocks and paragraphs quadratic or worse.
 */
function lastBefore<T extends { offset: number }>(items: readonly T[], offset: number, floor: number, ok: (item: T) => boolean): T | undefined {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  for (let i = lo - 1; i >= 0 && items[i]!.offset >= floor; i--) if (ok(items[i]!)) return items[i];
  return undefined;
}

/** Parses a Hugo markdown page. Never throws on content; structural problems become findings. */
export function parsePage(source: string): DocPage {
  const problems: Finding[] = [];
  const lineOf = lineIndex(source);
  const tree = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).parse(source) as Root;
  const got = collect(tree, source, lineOf, problems);

  let frontMatter: DocPage['frontMatter'];
  if (got.frontMatter) {
    try {
      frontMatter = { data: YAML.parse(got.frontMatter.value), line: got.frontMatter.line };
    } catch (err) {
      const e = err as Error & { linePos?: { line: number }[] };
      const line = got.frontMatter.line + (e.linePos?.[0]?.line ?? 0);
      const what = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
      problems.push(problem('front-matter-invalid', 'error', line, `front matter is not valid YAML: ${what}`, 'fix the YAML between the --- lines'));
    }
  }

  const shortcodes = pairShortcodes(got.tokens.sort((a, b) => a.offset - b.offset), problems);
  const groups = buildGroups(shortcodes, problems);
  const allTabs = groups.flatMap((g) => g.tabs);
  const tabAt = (offset: number): Tab | undefined => {
    let best: Tab | undefined;
    for (const t of allTabs) if (t.start <= offset && offset < t.end && (!best || t.start > best.start)) best = t;
    return best;
  };
  // Headings and paragraphs are asked for their tab once per block: remember the answers.
  const tabCache = new Map<number, Tab | undefined>();
  const tabOf = (offset: number): Tab | undefined => {
    if (!tabCache.has(offset)) tabCache.set(offset, tabAt(offset));
    return tabCache.get(offset);
  };
  const ref = (t: Tab | undefined): TabRef | undefined => (t ? { group: t.group, index: t.index, label: t.label } : undefined);

  const blocks: CodeBlock[] = got.code.map((node) => {
    const offset = start(node);
    const tab = tabAt(offset);
    const floor = tab?.start ?? -1;
    const sameTab = (o: number) => o >= floor && tabOf(o) === tab;
    const heading = lastBefore(got.headings, offset, floor, (h) => sameTab(h.offset));
    const lead = lastBefore(got.paragraphs, offset, Math.max(floor, heading ? heading.offset + 1 : -1), (p) => sameTab(p.offset) && p.text !== '');
    const line = node.position?.start.line ?? 1;
    const block: CodeBlock = {
      lang: (node.lang ?? '').toLowerCase(),
      meta: node.meta ?? '',
      value: node.value,
      line,
      valueLine: isFenced(source, node) ? line + 1 : line,
      offset,
      heading,
      lead: lead?.text ?? '',
      tab: ref(tab),
    };
    tab?.blocks.push(block);
    return block;
  });

  return {
    frontMatter,
    groups,
    blocks,
    shortcodes,
    links: got.links.map((l) => ({ ...l, tab: ref(tabAt(l.offset)) })),
    inlineCode: got.inlineCode.map((c) => ({ ...c, tab: ref(tabAt(c.offset)) })),
    problems,
  };
}
