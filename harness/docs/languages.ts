// Maps a tab label (what the reader clicks) to one of the manifest's languages. Pure.
import type { Language } from '../model.ts';

const LABELS: Record<string, Language> = {
  'python': 'python',
  'python3': 'python',
  'javascript': 'javascript',
  'js': 'javascript',
  'node': 'javascript',
  'node.js': 'javascript',
  'nodejs': 'javascript',
  '.net': 'csharp',
  'dotnet': 'csharp',
  'c#': 'csharp',
  'csharp': 'csharp',
  'java': 'java',
  'go': 'go',
  'golang': 'go',
};

const LINE_BREAK = '\n\r\u2028\u2029';

/**
 * `text.replace(/\(.*?\)/g, ' ')` in one pass: that regex rescans the rest of the line from each
 * "(" that no ")" closes, quadratic on a label of many.
 */
function blankBracketed(text: string): string {
  let out = '';
  let i = 0;
  for (;;) {
    const open = text.indexOf('(', i);
    if (open < 0) break;
    let j = open + 1;
    while (j < text.length && text[j] !== ')' && !LINE_BREAK.includes(text[j]!)) j++;
    if (text[j] === ')') {
      out += `${text.slice(i, open)} `;
      i = j + 1;
    } else {
      // No ")" before the line ends: no "(" up to here can be closed either.
      out += text.slice(i, j);
      i = j;
    }
  }
  return out + text.slice(i);
}

/**
 * The language a tab label stands for, or undefined. Case and surrounding words in brackets are
 * ignored, so "Python (HTTP)" and ".NET SDK" still map.
 */
export function labelToLanguage(label: string): Language | undefined {
  const plain = label.trim().toLowerCase();
  if (LABELS[plain]) return LABELS[plain];
  const first = blankBracketed(plain).split(/\s+/).filter(Boolean)[0];
  return first ? LABELS[first] : undefined;
}

/** Info strings of fenced blocks that hold each language's source code. */
const SOURCE_LANGS: Record<string, Language> = {
  python: 'python',
  py: 'python',
  python3: 'python',
  javascript: 'javascript',
  js: 'javascript',
  mjs: 'javascript',
  node: 'javascript',
  csharp: 'csharp',
  cs: 'csharp',
  'c#': 'csharp',
  dotnet: 'csharp',
  java: 'java',
  go: 'go',
  golang: 'go',
};

export function codeLangToLanguage(lang: string): Language | undefined {
  return SOURCE_LANGS[lang.toLowerCase()];
}

/** True when a label or heading says it is about the HTTP variant rather than the SDK. */
export function mentionsHttp(text: string | undefined): boolean {
  return /\bhttp\b/i.test(text ?? '');
}
