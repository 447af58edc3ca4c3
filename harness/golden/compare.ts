// Golden comparison and its diff. Pure: reading and writing files lives in store.ts.
import { createTwoFilesPatch } from 'diff';

export type GoldenVerdict =
  | { kind: 'match' }
  | { kind: 'mismatch'; diff: string }
  | { kind: 'missing' };

/** `expected` undefined means no golden exists yet. Both sides are already normalized. */
export function compareWithGolden(actual: string, expected: string | undefined, goldenLabel: string): GoldenVerdict {
  if (expected === undefined) return { kind: 'missing' };
  if (actual === expected) return { kind: 'match' };
  return { kind: 'mismatch', diff: unifiedDiff(expected, actual, goldenLabel) };
}

/** A unified diff golden → actual, with a note when the only change is at line ends. */
export function unifiedDiff(expected: string, actual: string, goldenLabel: string): string {
  const patch = createTwoFilesPatch(goldenLabel, 'actual output', expected, actual, '', '', { context: 3 });
  // Drop the "Index:"/"====" preamble createTwoFilesPatch adds; keep ---/+++ and hunks.
  const lines = patch.split('\n');
  const body = lines.slice(lines.findIndex((l) => l.startsWith('--- '))).join('\n').trimEnd();
  const lastLineNote = expected.endsWith('\n') !== actual.endsWith('\n') ? '\n(the only difference may be the final newline)' : '';
  return body + lastLineNote;
}
