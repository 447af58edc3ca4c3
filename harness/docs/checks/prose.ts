// The prose around the code: links in a language tab that point at (or name) another language's
// sample folder, and constant names the prose mentions that the tab's code never uses. Pure.
import { LANGUAGES, type Language } from '../../model.ts';
import type { Finding } from '../findings.ts';
import type { DocPage, TabRef } from '../parse.ts';
import { tabLanguage } from '../targets.ts';

const FOLDER = new RegExp(`(?:^|[/\\s])(${LANGUAGES.join('|')})/(sdk|http)\\b`, 'g');

/** Languages whose sample folders (`<language>/sdk` or `<language>/http`) a text names. */
export function foldersNamed(text: string): Language[] {
  return [...text.matchAll(FOLDER)].map((m) => m[1] as Language);
}

const key = (t: TabRef) => `${t.group}/${t.index}`;

export function checkLinks(page: DocPage): Finding[] {
  const out: Finding[] = [];
  for (const link of page.links) {
    const language = tabLanguage(link.tab);
    if (!language) continue;
    const inUrl = foldersNamed(link.url).filter((l) => l !== language);
    const inText = foldersNamed(link.text).filter((l) => l !== language);
    if (inUrl.length) {
      out.push({ id: 'link-wrong-language', severity: 'warning', language, line: link.line, message: `a link in the ${language} tab points at the ${inUrl[0]} sample folder (${link.url})`, fix: `point it at the ${language} sample's folder` });
    }
    if (inText.length) {
      out.push({ id: 'link-text-wrong-language', severity: 'warning', language, line: link.line, message: `a link in the ${language} tab is labelled with the ${inText[0]} sample folder ("${link.text}")`, fix: `name the ${language} sample's folder in the link text` });
    }
  }
  return out;
}

const CONSTANT = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/;

/** `DAPR_SECRET_NAME` in the prose of a tab whose code only has DAPR_SECRET_STORE: a typo or a stale name. */
export function checkIdentifiers(page: DocPage): Finding[] {
  const out: Finding[] = [];
  const code = new Map<string, string>();
  for (const b of page.blocks) if (b.tab) code.set(key(b.tab), `${code.get(key(b.tab)) ?? ''}\n${b.value}`);
  for (const span of page.inlineCode) {
    if (!span.tab || !CONSTANT.test(span.text)) continue;
    const language = tabLanguage(span.tab);
    if (!language) continue;
    const text = code.get(key(span.tab)) ?? '';
    if (!new RegExp(`\\b${span.text}\\b`).test(text)) {
      out.push({ id: 'prose-unknown-name', severity: 'warning', language, line: span.line, message: `the text names \`${span.text}\`, which no code block in the ${language} tab contains`, fix: 'use the name the code shows, or show the code that defines it' });
    }
  }
  return out;
}
