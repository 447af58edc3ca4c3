// Normalizes captured output before it is compared with a golden. Pure. The docs checker keeps
// line positions, so the steps are exported one by one and normalizeLines is just their sum.
import stripAnsi from 'strip-ansi';
import type { Redaction } from './redactions.ts';

export function applyRedactions(line: string, rules: readonly Redaction[]): string {
  // A value glued to another (two timestamps back to back) matches only once its neighbour is
  // replaced: apply the rules until nothing changes (a few passes at most), so that normalizing
  // twice changes nothing.
  let out = line;
  // Stryker disable next-line EqualityOperator,UpdateOperator: equivalent, the loop ends when a pass changes nothing
  for (let pass = 0; pass < 4; pass++) {
    const next = rules.reduce((acc, r) => acc.replace(r.pattern, r.replacement), out);
    // Stryker disable next-line ConditionalExpression: equivalent, a pass that changes nothing changes nothing again
    if (next === out) break;
    out = next;
  }
  return out;
}

/**
 * Physical lines: ANSI stripped, CRLF and lone CR made line breaks. An escape character stripAnsi
 * leaves (one it does not know, or one that removing the sequence inside it completed, as in
 * ESC ESC[0m [31m) goes too: normalizing twice must change nothing.
 */
export function physicalLines(lines: readonly string[]): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stray ESC/CSI bytes are what this removes
  return lines.flatMap((l) => stripAnsi(l).replace(/[\u001b\u009b]/g, '').replace(/\r\n?/g, '\n').split('\n'));
}

/** A physical line as a golden holds it: trailing white space dropped, redactions applied. */
// Stryker disable next-line ArrayDeclaration: equivalent, a non-rule entry replaces "undefined" with itself
export function cleanLine(line: string, rules: readonly Redaction[] = []): string {
  // trimEnd drops what /\s+$/u did, without rescanning a long run of white space from each of its characters.
  return applyRedactions(line.trimEnd(), rules);
}

/** The [start, end) of `lines` left once leading and trailing blank lines are dropped. */
export function nonBlankSpan(lines: readonly string[]): [number, number] {
  let start = 0;
  while (lines[start] === '') start++; // stops at lines.length, where the entry is undefined
  let end = lines.length;
  while (end > start && lines[end - 1] === '') end--;
  return [start, end];
}

/**
 * ANSI stripped, CRLF and lone CR made LF, trailing white space dropped per line, leading and
 * trailing blank lines dropped, redactions applied, one final newline (none for empty output).
 */
// Stryker disable next-line ArrayDeclaration: equivalent, as for cleanLine
export function normalizeLines(lines: readonly string[], rules: readonly Redaction[] = []): string {
  const cleaned = physicalLines(lines).map((l) => cleanLine(l, rules));
  const body = cleaned.slice(...nonBlankSpan(cleaned));
  return body.length ? `${body.join('\n')}\n` : '';
}

// Stryker disable next-line ArrayDeclaration: equivalent, as for cleanLine
export function normalizeText(text: string, rules: readonly Redaction[] = []): string {
  return normalizeLines([text], rules);
}
