// A golden is recorded only when it is stable: the runs `--update` makes must agree after
// normalization. When they do not, this says which lines changed and what would hold them: a
// redaction for a value that changes in place, a filter for a line that comes and goes. Pure.
import { diffArrays } from 'diff';
import { unifiedDiff } from './compare.ts';
import { escapeRegExp } from '../text/regex.ts';

export type StabilityVerdict =
  | { stable: true }
  | { stable: false; diff: string; suggestions: string[] };


/** What would make one changed line hold still. */
function suggestFor(removed: string | undefined, added: string | undefined): string | undefined {
  if (removed !== undefined && added !== undefined) {
    // Same line, some part changed: redact the first differing run of characters.
    let a = 0;
    while (a < removed.length && a < added.length && removed[a] === added[a]) a++;
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
  const line = removed ?? added!;
  const head = line.split(/\s+/).slice(0, 2).join(' ');
  return `ignore: [${JSON.stringify(`^${escapeRegExp(head)}`)}]   # "${line}" is printed by one run only`;
}

/** Compares every run with the first; `label` names the golden in the diff. */
export function stabilityVerdict(outputs: readonly string[], label: string): StabilityVerdict {
  const first = outputs[0] ?? '';
  const other = outputs.find((o) => o !== first);
  if (other === undefined) return { stable: true };
  const suggestions = new Set<string>();
  const parts = diffArrays(first.split('\n'), other.split('\n'));
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (p.removed) {
      const next = parts[i + 1]?.added ? parts[++i]!.value : [];
      const n = Math.max(p.value.length, next.length);
      for (let k = 0; k < n; k++) {
        const s = suggestFor(p.value[k], next[k]);
        if (s) suggestions.add(s);
      }
    } else if (p.added) {
      for (const line of p.value) suggestions.add(suggestFor(undefined, line)!);
    }
  }
  return { stable: false, diff: unifiedDiff(first, other, `${label} (run 1)`).replace('+++ actual output', `+++ run ${outputs.indexOf(other) + 1}`), suggestions: [...suggestions].slice(0, 5) };
}
