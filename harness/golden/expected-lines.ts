// Checks a sample's normalized output against the lines its author expects (a README's
// mechanical-markdown `expected_stdout_lines`). Pure. Unlike a golden, this is a subset check:
// each expected line must be in the output, in order when the order is sequential.
import type { ExpectedLines } from '../model.ts';
import { unframe } from '../output/dapr-lines.ts';

export interface ExpectedLinesVerdict {
  ok: boolean;
  /** The first expected line not found (as the author wrote it). */
  missing?: string;
  /** Set when `missing` is in the output, but not after the previous expected line. */
  outOfOrder?: boolean;
}

/** CLI 1.16 and earlier frame app lines (dapr-lines.ts); normalized output has no frame. */
function unframeLine(line: string): string {
  return unframe(line).trimEnd(); // not /\s+$/u: quadratic on a long run of white space
}

function matches(line: string, want: string, mode: ExpectedLines['mode']): boolean {
  return mode === 'exact' ? line === want : line.includes(want);
}

/**
 * Each expected line must match a distinct output line (`exact`: the whole line; `substring`: part
 * of it); with `sequential` each must come after the one before. The `== APP == ` frame is
 * dropped from both sides, since it is the CLI's and not the app's.
 */
export function checkExpectedLines(output: string, expect: Pick<ExpectedLines, 'lines' | 'order' | 'mode'>): ExpectedLinesVerdict {
  const lines = output.replace(/\r\n?/g, '\n').split('\n').map(unframeLine);
  const used = new Set<number>();
  let after = -1;
  for (const written of expect.lines) {
    const want = unframeLine(written);
    const from = expect.order === 'sequential' ? after + 1 : 0;
    const at = lines.findIndex((l, i) => i >= from && !used.has(i) && matches(l, want, expect.mode));
    if (at < 0) {
      // Only a sequential search skips lines (those before the previous match): a line found
      // there is out of order. Without order the search above saw every line, so this finds none.
      const elsewhere = lines.some((l, i) => !used.has(i) && matches(l, want, expect.mode));
      return elsewhere ? { ok: false, missing: written, outOfOrder: true } : { ok: false, missing: written };
    }
    used.add(at);
    after = at;
  }
  return { ok: true };
}
