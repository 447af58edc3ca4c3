// The page's shape: front matter, shortcodes, tabs and their labels, blocks with no language.
// Pure. Problems the parser found are passed through here.
import type { Finding } from '../findings.ts';
import type { DocPage } from '../parse.ts';
import { labelToLanguage } from '../languages.ts';
import type { Workspace } from '../workspace.ts';
import { roleOf, targetOf } from '../targets.ts';

/** What any page is checked for, whatever it is compared with: the parser's problems and the front matter. */
export function checkShape(page: DocPage): Finding[] {
  const out: Finding[] = [...page.problems];
  const push = (f: Omit<Finding, 'language'> & { language?: Finding['language'] }) => out.push({ language: null, ...f });

  if (!page.frontMatter && !page.problems.some((p) => p.id === 'front-matter-invalid')) {
    push({ id: 'no-front-matter', severity: 'warning', line: 1, message: 'the page has no YAML front matter, so Hugo gives it no title or weight', fix: 'start the page with --- / type: docs / title: "…" / ---' });
  } else if (page.frontMatter) {
    const fm = page.frontMatter.data as { title?: unknown } | null;
    if (!fm || typeof fm !== 'object' || typeof fm.title !== 'string' || !fm.title.trim()) {
      push({ id: 'front-matter-no-title', severity: 'warning', line: page.frontMatter.line, message: 'the front matter has no title', fix: 'add title: "…" to the front matter' });
    }
  }

  return out;
}

export function checkStructure(page: DocPage, ws: Workspace): Finding[] {
  const out: Finding[] = checkShape(page);
  const push = (f: Omit<Finding, 'language'> & { language?: Finding['language'] }) => out.push({ language: null, ...f });

  if (page.groups.length === 0) {
    push({ id: 'no-tabs', severity: 'error', line: 1, message: 'the page has no {{< tabs … >}} shortcode, so no code block can be tied to a language and none was checked against a sample', fix: 'put each language\'s steps in a {{% codetab %}} inside {{< tabs "Python" "JavaScript" ".NET" "Java" "Go" >}}' });
  }

  const known = ws.manifest.samples.map((s) => s.language);
  const noSample = new Set<string>();
  for (const g of page.groups) {
    for (const tab of g.tabs) {
      if (tab.label === undefined) continue; // reported as tab-count-mismatch
      const language = labelToLanguage(tab.label);
      if (!language) {
        push({ id: 'unknown-tab-label', severity: 'warning', line: tab.line, message: `tab "${tab.label}" names no language of the manifest (${[...new Set(known)].join(', ')}), so its blocks are not checked`, fix: 'label the tab with a language name (Python, JavaScript, .NET, Java, Go)' });
        continue;
      }
      if (tab.blocks.length === 0) {
        push({ id: 'tab-without-code', severity: 'warning', language, line: tab.line, message: `the "${tab.label}" tab holds no code block, so there is nothing to check or run in it`, fix: 'add the commands and code the reader needs, in fenced blocks' });
      }
      for (const block of tab.blocks) {
        const t = targetOf(block, ws);
        const key = `${tab.group}/${tab.index}/${t.variant}`;
        if (!t.sample && !noSample.has(key)) {
          noSample.add(key);
          push({ id: 'no-sample', severity: 'warning', language, line: t.variant === 'http' ? block.line : tab.line, message: `the manifest has no ${language}/${t.variant} sample, so the "${tab.label}" tab${t.variant === 'http' ? '\'s HTTP blocks are' : ' is'} not checked`, fix: `add a ${language}/${t.variant} entry to samples.yaml, or label the tab for a language the manifest has` });
        }
      }
    }
  }

  for (const block of page.blocks) {
    if (roleOf(block) === 'unlabelled') {
      const language = targetOf(block, ws).language ?? null;
      push({ id: 'code-without-language', severity: 'warning', language, line: block.line, message: 'this fenced block names no language and is not under an output heading, so it is neither highlighted nor checked', fix: 'add the language after the fence (```bash, ```yaml, ```text for output)' });
    }
  }
  return out;
}
