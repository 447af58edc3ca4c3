// Code excerpts on the page must be taken from the sample's source file: every excerpt line
// (indentation and blank lines ignored, `// ...` marking left-out parts) must appear in the source,
// in the same order. Pure.
import type { Language } from '../../model.ts';
import type { Finding } from '../findings.ts';
import type { DocPage } from '../parse.ts';
import { codeLangToLanguage } from '../languages.ts';
import { relToRoot, type Workspace } from '../workspace.ts';
import { targetedBlocks } from '../targets.ts';

/** Indentation and runs of white space never count (gofmt aligns, pages re-indent). */
export function normalizeCodeLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

// `// ...`, `# …`, a block comment holding only `...`, `<!-- ... -->` or a bare `...`: a left-out part.
export function isElision(line: string): boolean {
  return /^(?:#|\/\/|\/\*|<!--|--|;)?\s*(?:\.\.\.|…)\s*(?:\*\/|-->)?$/.test(line.trim());
}

/** `# app.py`, `// index.js`, `// Program.cs`: a comment naming the file, not a line of it. */
export function isFileNameComment(line: string): boolean {
  return /^(?:#|\/\/)\s*[\w./-]+\.[A-Za-z0-9]+\s*$/.test(line.trim());
}

export interface ExcerptLine {
  /** 0-based index in the block text. */
  index: number;
  text: string;
}

/** The lines of an excerpt that must be found in the source. */
export function excerptLines(text: string): ExcerptLine[] {
  const lines = text.split('\n').map((t, index) => ({ index, text: normalizeCodeLine(t) })).filter((l) => l.text !== '');
  if (lines[0] && isFileNameComment(lines[0].text)) lines.shift();
  return lines.filter((l) => !isElision(l.text));
}

export interface ExcerptMismatch {
  line: ExcerptLine;
  /** 1-based source line of the last excerpt line that matched (0 when none did). */
  after: number;
  /** 1-based source line where the text does appear, but earlier than `after`. */
  earlierAt?: number;
}

/** The first excerpt line that does not appear (in order) in the source, or undefined. */
export function findExcerptMismatch(excerpt: string, source: string): ExcerptMismatch | undefined {
  const src = source.split('\n').map(normalizeCodeLine);
  let pos = 0;
  let after = 0;
  for (const line of excerptLines(excerpt)) {
    let found = -1;
    for (let i = pos; i < src.length; i++) {
      if (src[i] === line.text) {
        found = i;
        break;
      }
    }
    if (found < 0) {
      const earlier = src.indexOf(line.text);
      return { line, after, earlierAt: earlier >= 0 ? earlier + 1 : undefined };
    }
    pos = found + 1;
    after = found + 1;
  }
  return undefined;
}

function commentMark(language: Language): string {
  return language === 'python' ? '#' : '//';
}

function clip(s: string, n = 70): string {
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

export function checkExcerpts(page: DocPage, ws: Workspace): Finding[] {
  const out: Finding[] = [];
  for (const { block, language, sample } of targetedBlocks(page, ws, 'source')) {
    const codeLanguage = codeLangToLanguage(block.lang)!;
    const rel = relToRoot(ws, sample.spec.source);
    if (codeLanguage !== language) {
      out.push({ id: 'excerpt-wrong-language', severity: 'warning', language, line: block.line, message: `a ${block.lang} block in the ${language} tab cannot come from ${rel}`, fix: `move it to the ${codeLanguage} tab, or replace it with an excerpt of ${rel}` });
      continue;
    }
    if (sample.source === undefined) {
      out.push({ id: 'sample-source-missing', severity: 'warning', language, line: block.line, message: `the sample's source file ${rel} cannot be read, so this excerpt is not checked`, fix: `fix the "source" field of ${sample.spec.id} in samples.yaml` });
      continue;
    }
    const miss = findExcerptMismatch(block.value, sample.source);
    if (!miss) continue;
    const where = miss.earlierAt !== undefined
      ? `appears in ${rel} only at line ${miss.earlierAt}, before the excerpt's previous line (line ${miss.after}): out of order`
      : `is not in ${rel}${miss.after ? ` after its line ${miss.after}` : ''}`;
    out.push({
      id: 'excerpt-mismatch',
      severity: 'error',
      language,
      line: block.valueLine + miss.line.index,
      message: `excerpt line "${clip(miss.line.text)}" ${where}`,
      fix: `copy the excerpt from ${rel} as it is now; mark left-out parts with "${commentMark(language)} ..."`,
    });
  }
  return out;
}
