// Normalizes captured output before it is compared with a golden. Pure. The docs checker keeps
// line positions, so the steps are exported one by one and normalizeLines is just their sum.
import stripAnsi from 'strip-ansi';
import type { Redaction } from './redactions.ts';

export function applyRedactions(line: string, rules: readonly Redaction[]): string {
  return rules.reduce((acc, r) => acc.replace(r.pattern, r.replacement), line);
}

/** Physical lines: ANSI stripped, CRLF and lone CR made line breaks. */
export function physicalLines(lines: readonly string[]): string[] {
  return lines.flatMap((l) => stripAnsi(l).replace(/\r\n?/g, '\n').split('\n'));
}

/** A physical line as a golden holds it: trailing white space dropped, redactions applied. */
export function cleanLine(line: string, rules: readonly Redaction[] = []): string {
  return applyRedactions(line.replace(/\s+$/u, ''), rules);
}

/** The [start, end) of `lines` left once leading and trailing blank lines are dropped. */
export function nonBlankSpan(lines: readonly string[]): [number, number] {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start] === '') start++;
  while (end > start && lines[end - 1] === '') end--;
  return [start, end];
}

/**
 * ANSI stripped, CRLF and lone CR made LF, trailing white space dropped per line, leading and
 * trailing blank lines dropped, redactions applied, one final newline (none for empty output).
 */
export function normalizeLines(lines: readonly string[], rules: readonly Redaction[] = []): string {
  const cleaned = physicalLines(lines).map((l) => cleanLine(l, rules));
  const body = cleaned.slice(...nonBlankSpan(cleaned));
  return body.length ? body.join('\n') + '\n' : '';
}

export function normalizeText(text: string, rules: readonly Redaction[] = []): string {
  return normalizeLines([text], rules);
}
