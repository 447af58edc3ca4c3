// Normalizes captured output before it is compared with a golden. Pure.
import stripAnsi from 'strip-ansi';
import type { Redaction } from './redactions.ts';

export function applyRedactions(line: string, rules: readonly Redaction[]): string {
  return rules.reduce((acc, r) => acc.replace(r.pattern, r.replacement), line);
}

/**
 * ANSI stripped, CRLF and lone CR made LF, trailing white space dropped per line, leading and
 * trailing blank lines dropped, redactions applied, one final newline (none for empty output).
 */
export function normalizeLines(lines: readonly string[], rules: readonly Redaction[] = []): string {
  const flat = lines.flatMap((l) => stripAnsi(l).replace(/\r\n?/g, '\n').split('\n'));
  const cleaned = flat.map((l) => applyRedactions(l.replace(/\s+$/u, ''), rules));
  let start = 0;
  let end = cleaned.length;
  while (start < end && cleaned[start] === '') start++;
  while (end > start && cleaned[end - 1] === '') end--;
  const body = cleaned.slice(start, end);
  return body.length ? body.join('\n') + '\n' : '';
}

export function normalizeText(text: string, rules: readonly Redaction[] = []): string {
  return normalizeLines(text.replace(/\r\n?/g, '\n').split('\n'), rules);
}
