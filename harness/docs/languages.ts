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

/**
 * The language a tab label stands for, or undefined. Case and surrounding words in brackets are
 * ignored, so "Python (HTTP)" and ".NET SDK" still map.
 */
export function labelToLanguage(label: string): Language | undefined {
  const plain = label.trim().toLowerCase();
  if (LABELS[plain]) return LABELS[plain];
  const first = plain.replace(/\(.*?\)/g, ' ').split(/\s+/).filter(Boolean)[0];
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
