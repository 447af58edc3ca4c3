// The output a page shows must be what the sample prints (its golden), after the same
// normalization the harness applies. A page that only adds or lacks the `== APP == ` prefix
// (printed by dapr CLI ≤ 1.16, not by 1.17+) drifts in form only: a warning. A page may leave
// lines out (an SDK's start-up log, say) as long as what it shows is printed, in order: a note.
// A line the sample never prints, or lines out of order, is a content drift: an error. Both sides
// are shaped as the run shapes the app's output (the sample's line filters and redactions), so a
// block that shows what a user really sees (npm's lifecycle banner, say) is not drift: the lines
// a filter drops are an info finding. Pure.
import { APP_FRAMED as APP_PREFIX } from '../../output/dapr-lines.ts';
import { filterHits } from '../../output/filters.ts';
import { cleanLine, nonBlankSpan, physicalLines } from '../../output/normalize.ts';
import { sampleShaping, type OutputShaping } from '../../output/shaping.ts';
import type { Finding } from '../findings.ts';
import type { DocPage } from '../parse.ts';
import { relToRoot, type SampleFiles, type Workspace } from '../workspace.ts';
import { targetedBlocks } from '../targets.ts';

const LOG_PREFIX = /^((?:DEBUG|INFO|WARNING|WARN|ERROR|CRITICAL):[\w.]*:)(.*)$/;

export interface OutLine {
  text: string;
  /** 0-based index in the text it came from. */
  index: number;
}

/** The harness's own normalization (output/normalize.ts), each line keeping its position. */
export function outputLines(text: string, shaping?: OutputShaping): OutLine[] {
  return shapedLines(text, shaping).lines;
}

/** What a filter tests: an app line's text, without the CLI's `== APP ==` framing. */
const appText = (line: string) => APP_PREFIX.exec(line)?.[1] ?? line;

/** The text's lines as the run shapes an app's lines: filtered, then cleaned and redacted; `filtered` are the lines a filter dropped. */
export function shapedLines(text: string, shaping?: OutputShaping): { lines: OutLine[]; filtered: (OutLine & { filter: string })[] } {
  const raw = physicalLines([text]).map((t, index) => ({ text: t.trimEnd(), index }));
  const hits = shaping ? filterHits(raw.map((l) => appText(l.text)), shaping.filters) : [];
  const filtered = raw.flatMap((l, i) => (hits[i] ? [{ ...l, filter: hits[i]! }] : []));
  const kept = raw.filter((_, i) => !hits[i]).map((l) => ({ text: cleanLine(l.text, shaping?.redactions), index: l.index }));
  return { lines: trimBlank(kept), filtered };
}

function trimBlank(lines: OutLine[]): OutLine[] {
  return lines.slice(...nonBlankSpan(lines.map((l) => l.text)));
}

export function stripAppPrefix(lines: OutLine[]): { lines: OutLine[]; had: boolean } {
  let had = false;
  const out = lines.map((l) => {
    const m = APP_PREFIX.exec(l.text);
    if (!m) return l;
    had = true;
    return { ...l, text: m[1] ?? '' };
  });
  return { lines: trimBlank(out), had };
}

const same = (a: OutLine[], b: OutLine[]) => a.length === b.length && a.every((l, i) => l.text === b[i]!.text);

function isSubsequence(small: string[], big: string[]): boolean {
  let i = 0;
  for (const line of big) if (i < small.length && line === small[i]) i++;
  return i === small.length;
}

/** The lines of `big` that a greedy, in-order match of `small` skips. */
function omittedLines(small: string[], big: string[]): string[] {
  let i = 0;
  return big.filter((line) => {
    if (i < small.length && line === small[i]) {
      i++;
      return false;
    }
    return true;
  });
}

export type OutputVerdict =
  | { kind: 'match' }
  | { kind: 'prefix'; pageHasPrefix: boolean; index: number }
  /** The page shows an ordered part of the output; `omitted` are the lines it leaves out. */
  | { kind: 'omits'; index: number; omitted: string[]; pageHasPrefix: boolean }
  | { kind: 'content'; index: number; why: string; pageHasPrefix: boolean };

/**
 * Compares a page's output block with a golden. `others` are the other samples' goldens, to tell
 * "this is another language's output" apart from other differences.
 */
export function compareOutput(pageText: string, golden: string, others: { id: string; golden: string }[] = [], shaping?: OutputShaping): OutputVerdict {
  const page = outputLines(pageText, shaping);
  const gold = outputLines(golden, shaping);
  if (same(page, gold)) return { kind: 'match' };
  const p = stripAppPrefix(page);
  const g = stripAppPrefix(gold);
  const firstPrefixed = page.find((l) => APP_PREFIX.test(l.text))?.index ?? page[0]?.index ?? 0;
  if (same(p.lines, g.lines)) return { kind: 'prefix', pageHasPrefix: p.had, index: p.had ? firstPrefixed : page[0]?.index ?? 0 };

  const pt = p.lines.map((l) => l.text);
  const gt = g.lines.map((l) => l.text);
  if (pt.length > 0 && isSubsequence(pt, gt)) {
    const omitted = omittedLines(pt, gt);
    return { kind: 'omits', index: page[0]?.index ?? 0, omitted, pageHasPrefix: p.had && !g.had };
  }
  const at = pt.findIndex((t, i) => t !== gt[i]);
  const i = at < 0 ? pt.length : at;
  const index = p.lines[Math.min(i, p.lines.length - 1)]?.index ?? 0;
  const pageHasPrefix = p.had && !g.had;
  const pl = pt[i];
  const gl = gt[i];

  const logged = pt.map((t) => LOG_PREFIX.exec(t));
  const withoutLog = pt.map((t, k) => logged[k]?.[2] ?? t);
  const logLine = logged.findIndex((m) => m !== null);
  if (logLine >= 0 && withoutLog.join('\n') === gt.join('\n')) {
    return { kind: 'content', index: p.lines[logLine]!.index, pageHasPrefix, why: `the page shows the logging prefix "${logged[logLine]![1]}" that the sample does not print (it prints "${gt[logLine]}")` };
  }
  for (const o of others) {
    const ol = stripAppPrefix(outputLines(o.golden, shaping)).lines.map((l) => l.text);
    if (ol.length && ol.join('\n') !== gt.join('\n') && ol.join('\n') === pt.join('\n')) {
      return { kind: 'content', index, pageHasPrefix, why: `the page shows what ${o.id} prints ("${ol[0]}"), not this sample's output ("${gt[0] ?? ''}")` };
    }
  }
  if (isSubsequence(gt, pt)) {
    const extra = pt.filter((t) => t !== '' && !gt.includes(t));
    const first = p.lines.find((l) => l.text === extra[0]);
    return { kind: 'content', index: first?.index ?? index, pageHasPrefix, why: `the page shows line(s) the sample does not print: ${extra.slice(0, 3).map((t) => `"${t}"`).join(', ')}` };
  }
  if (pl === undefined) return { kind: 'content', index, pageHasPrefix, why: `the page leaves out "${gl}", which the sample prints` };
  if (gl === undefined) return { kind: 'content', index, pageHasPrefix, why: `the page shows "${pl}" after the last line the sample prints` };
  const spacing = pl.replace(/\s+/g, ' ') === gl.replace(/\s+/g, ' ') ? ' (they differ in spacing only)' : '';
  return { kind: 'content', index, pageHasPrefix, why: `the page shows "${pl}" where the sample prints "${gl}"${spacing}` };
}

function prefixFinding(sample: SampleFiles, language: Finding['language'], line: number, pageHasPrefix: boolean, goldenRel: string): Finding {
  return pageHasPrefix
    ? { id: 'output-prefix-drift', severity: 'warning', language, line, message: `the output carries the "== APP == " prefix that dapr CLI 1.16 and older put before app lines; CLI 1.17 and later print the app's lines as they are${sample.golden === undefined ? '' : ` (${goldenRel} has none)`}`, fix: 'drop "== APP == " from the start of each output line' }
    : { id: 'output-prefix-drift', severity: 'warning', language, line, message: `the output lacks the "== APP == " prefix that ${goldenRel} has; ${sample.spec.id}'s golden should hold the app's lines without it`, fix: `regenerate ${goldenRel} with a current harness (\`npx parity run ${sample.spec.id} --update\`)` };
}

export function checkOutputs(page: DocPage, ws: Workspace): Finding[] {
  const out: Finding[] = [];
  for (const { block, language, sample } of targetedBlocks(page, ws, 'output')) {
    const goldenRel = relToRoot(ws, sample.spec.golden);
    if (sample.golden === undefined) {
      out.push({ id: 'golden-missing', severity: 'warning', language, line: block.line, message: `${sample.spec.id} has no golden at ${goldenRel} yet, so this output block's content is not checked`, fix: `run \`npx parity run ${sample.spec.id} --update\` where its toolchain is installed, review ${goldenRel}, commit it` });
      // The prefix is wrong for current CLIs whatever the golden will say.
      const lines = outputLines(block.value);
      const prefixed = lines.find((l) => APP_PREFIX.test(l.text));
      if (prefixed) out.push(prefixFinding(sample, language, block.valueLine + prefixed.index, true, goldenRel));
      continue;
    }
    const others = ws.samples.filter((s) => s !== sample && s.golden !== undefined).map((s) => ({ id: s.spec.id, golden: s.golden! }));
    const shaping = sampleShaping(sample.spec, ws.manifest.root);
    const { filtered } = shapedLines(block.value, shaping);
    if (filtered.length) {
      const names = [...new Set(filtered.map((f) => f.filter))].join(', ');
      out.push({ id: 'output-lines-filtered', severity: 'info', language, line: block.valueLine + filtered[0]!.index, message: `the block shows ${filtered.length} line(s) that ${sample.spec.id}'s run drops before comparing (${names}): "${filtered[0]!.text}"; they are left out of the comparison with ${goldenRel}`, fix: 'none needed; they are what a user sees, but not what the app prints' });
    }
    const v = compareOutput(block.value, sample.golden, others, shaping);
    if (v.kind === 'match') continue;
    const line = block.valueLine + v.index;
    if (v.kind === 'prefix') {
      out.push(prefixFinding(sample, language, line, v.pageHasPrefix, goldenRel));
      continue;
    }
    if (v.pageHasPrefix) out.push(prefixFinding(sample, language, block.valueLine + (outputLines(block.value)[0]?.index ?? 0), true, goldenRel));
    if (v.kind === 'omits') {
      const shown = v.omitted.slice(0, 2).map((t) => `"${t}"`).join(', ');
      out.push({ id: 'output-lines-omitted', severity: 'info', language, line, message: `the block shows ${sample.spec.id}'s output in order but leaves out ${v.omitted.length} line(s) it prints: ${shown}${v.omitted.length > 2 ? ', …' : ''} (compared with ${goldenRel})`, fix: 'none needed; show them if a reader needs them' });
      continue;
    }
    out.push({ id: 'output-content-drift', severity: 'error', language, line, message: `${v.why} (compared with ${goldenRel})`, fix: `show the lines of ${goldenRel} in this block` });
  }
  return out;
}
