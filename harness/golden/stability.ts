// A golden is recorded only when it is stable: the runs `--update` makes must agree after
// normalization. When they do not, this says which lines changed and what would hold them: a
// redaction for a value that changes in place, a filter for a line that comes and goes. Pure.
import { diffArrays } from 'diff';
import { unifiedDiff } from './compare.ts';
import { escapeRegExp } from '../text/regex.ts';

export type StabilityVerdict =
  | { stable: true }
  | { stable: false; diff: string; suggestions: string[] };


/** A redaction for a line that changed in place: from the start of the word the change begins in. */
function redactionFor(removed: string, added: string): string {
  // The two lines differ (a minimal diff never pairs equal lines), so this ends at the first
  // differing character: past the shorter line's end, its undefined equals no character.
  let a = 0;
  while (a < removed.length && removed[a] === added[a]) a++;
  // The common tail, which may not reach back into the common head: "v 1" vs "v 11" changed a "1".
  let b = 0;
  while (b < removed.length - a && b < added.length - a && removed[removed.length - 1 - b] === added[added.length - 1 - b]) b++;
  const changed = removed.slice(a, removed.length - b) + added.slice(a, added.length - b);
  // The common part less its last word; a loop, since /\w+$/ rescans a long word from each letter.
  let cut = a;
  while (cut > 0 && /\w/.test(removed[cut - 1]!)) cut--;
  const prefix = removed.slice(0, cut);
  const value = /^[\d.,:]+$/.test(changed.replace(/\s/g, '')) ? '[\\d.,:]+' : '\\S+';
  const pattern = `${escapeRegExp(prefix.slice(-20))}${value}`;
  return `redact: [{ pattern: ${JSON.stringify(pattern)}, replacement: "[VALUE]" }]   # "${removed}" vs "${added}"`;
}

/** A filter for a line one run prints and the other does not: its first two words, as written. */
function filterFor(line: string): string {
  const head = /^\s*\S+(?:\s+\S+)?/.exec(line);
  // A blank line has no words; "^" alone would drop every line.
  const pattern = head ? `^${escapeRegExp(head[0])}` : '^\\s*$';
  return `ignore: [${JSON.stringify(pattern)}]   # "${line}" is printed by one run only`;
}

/** Compares every run with the first; `label` names the golden in the diff. */
export function stabilityVerdict(outputs: readonly string[], label: string): StabilityVerdict {
  const at = outputs.findIndex((o) => o !== outputs[0]);
  if (at === -1) return { stable: true };
  // A run differs from the first, so there is a first.
  const first = outputs[0]!;
  const other = outputs[at]!;
  const suggestions = new Set<string>();
  const parts = diffArrays(first.split('\n'), other.split('\n'));
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.removed) {
      // Removed lines pair in order with the added lines right after them; the rest are filtered.
      const next = parts[i + 1]?.added ? parts[++i]!.value : [];
      const n = Math.max(p.value.length, next.length);
      for (let k = 0; k < n; k++) {
        const removed = p.value[k];
        const added = next[k];
        suggestions.add(removed !== undefined && added !== undefined ? redactionFor(removed, added) : filterFor(removed ?? added!));
      }
    } else if (p.added) {
      for (const line of p.value) suggestions.add(filterFor(line));
    }
  }
  return { stable: false, diff: unifiedDiff(first, other, `${label} (run 1)`).replace('+++ actual output', `+++ run ${at + 1}`), suggestions: [...suggestions].slice(0, 5) };
}
