// Parity per building block: every language of a block must report the same facts. A block's rule
// is a small pure reader of what its samples' apps printed (the order ids saved, the values read…)
// and, where a sample can contradict itself (ids published but not received), a check of its own.
// Facts are sets: compared without regard to order or repetition.
import type { BlockParity, Divergence } from '../model.ts';
import { parseSecretOutput } from './parse-secret.ts';
import { SECRET_KEY } from './check.ts';

export type Facts = Record<string, string[]>;

export interface BlockRule {
  /** What the block's samples must agree on, in words (for the report). */
  says: string;
  /** The facts read from every app's normalized output of one sample, or (`from: 'stores'`) from what its stores held after the run. */
  facts(outputs: readonly string[]): Facts;
  /** `stores`: read from the sample's services after its steps (a table's rows), not from what the apps printed. */
  from?: 'stores';
  /** A sample contradicting itself, in one line; undefined when it does not. */
  check?(f: Facts): string | undefined;
}

function sorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
}

/** The first number after a line's keyword, on every line that has the keyword (case-insensitive). */
function numbersAfter(outputs: readonly string[], keyword: RegExp): string[] {
  const out: string[] = [];
  for (const text of outputs) {
    for (const line of text.split('\n')) {
      const m = keyword.exec(line);
      if (!m) continue;
      const n = /\d+/.exec(line.slice(m.index + m[0].length));
      if (n) out.push(String(Number(n[0])));
    }
  }
  return sorted(out);
}

/** `key=value` for each configuration line: the key is the first word with a digit after the keyword, the value the line's last number. */
function configValues(outputs: readonly string[], keyword: RegExp): string[] {
  const out: string[] = [];
  for (const text of outputs) {
    for (const line of text.split('\n')) {
      const m = keyword.exec(line);
      if (!m) continue;
      const rest = line.slice(m.index + m[0].length);
      // `Configuration for orderId1 : 101`, `get updated config key = orderId1, value = 103`: the key is the first name with digits.
      const key = /\b([A-Za-z]+\d+)\b/.exec(rest)?.[1];
      const value = rest.match(/\d+/g)?.at(-1);
      if (key && value && !key.endsWith(value)) out.push(`${key}=${value}`);
    }
  }
  return sorted(out);
}

/** What follows a line's first `keyword`, trimmed; undefined without one (a slice, not a capture: linear on any line). */
function after(line: string, keyword: RegExp): string | undefined {
  const m = keyword.exec(line);
  return m ? line.slice(m.index + m[0].length).trim() || undefined : undefined;
}

/** `droid: task` for each job that fired: a `Starting droid: X` line, then the `Executing maintenance (job): Y` line after it. */
function firedJobs(outputs: readonly string[]): string[] {
  const out: string[] = [];
  for (const text of outputs) {
    let droid: string | undefined;
    for (const line of text.split('\n')) {
      const started = after(line, /starting droid:/i);
      if (started) droid = started;
      const task = after(line, /executing maintenance(?: job)?:/i);
      if (task && droid) {
        out.push(`${droid}: ${task}`);
        droid = undefined;
      }
    }
  }
  return sorted(out);
}

/** A line saying the workflow ended as completed, in each SDK's words. */
const WORKFLOW_COMPLETED = /\bworkflow status: COMPLETED\b|\b(?:workflow|orchestration) (?:instance )?completed\b/i;

/** A set as a problem line says it: a long run of whole numbers as its range, the rest as JSON. */
export function describeSet(values: readonly string[]): string {
  const v = sorted(values);
  const n = v.map(Number);
  const run = v.length > 5 && n.every((x, i) => Number.isInteger(x) && String(x) === v[i] && (i === 0 || x === n[i - 1]! + 1));
  return run ? `${v[0]}..${v.at(-1)} (${v.length} ids)` : JSON.stringify(v);
}

function sameSet(a: readonly string[] = [], b: readonly string[] = []): boolean {
  const x = sorted(a);
  const y = sorted(b);
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/**
 * The rows a store held after the run (`<db>.<table>: v1, v2, …`, one a line, as the PostgreSQL
 * readout writes them), as a set: a cron that repeats its batch inserts the same rows again.
 */
export function storedRows(outputs: readonly string[]): string[] {
  return sorted(outputs.flatMap((t) => t.split('\n')).map((l) => l.trim()).filter((l) => /^[^:\s]+: /.test(l)));
}

export const BLOCK_RULES: Record<string, BlockRule> = {
  secrets_management: {
    says: 'the same secret',
    facts: (outputs) => {
      const r = parseSecretOutput(outputs.join('\n'), SECRET_KEY);
      return { secret: r.ok ? [JSON.stringify(r.map)] : [] };
    },
  },
  state_management: {
    says: 'the same order ids saved, read and deleted',
    facts: (outputs) => ({
      // `Saving Order: 1`, `Saved Order: {"orderId":1}`, `Deleting order: 1`, `Deleted Order: …`.
      saved: numbersAfter(outputs, /sav(?:ed|ing) order\b/i),
      read: numbersAfter(outputs, /getting order|retrieved order|result after get/i),
      deleted: numbersAfter(outputs, /delet(?:ed|ing) order\b/i),
    }),
  },
  pub_sub: {
    says: 'the same order ids published, every one received',
    facts: (outputs) => ({
      published: numbersAfter(outputs, /published data/i),
      received: numbersAfter(outputs, /subscriber received/i),
    }),
    check: (f) => (sameSet(f.published, f.received) ? undefined : `received ${describeSet(f.received ?? [])}, published ${describeSet(f.published ?? [])}`),
  },
  workflows: {
    says: 'the order workflow completed, and the same inventory left after it',
    facts: (outputs) => ({
      completed: outputs.some((t) => t.split('\n').some((l) => WORKFLOW_COMPLETED.test(l))) ? ['COMPLETED'] : [],
      // `There are now 9 cars left in stock`, `there are now 9 car in stock`.
      left: numbersAfter(outputs, /there are now\b/i),
    }),
    check: (f) => (f.completed?.length ? undefined : 'no line says the workflow completed'),
  },
  jobs: {
    says: 'the same jobs fired, each with the same task',
    facts: (outputs) => ({ fired: firedJobs(outputs) }),
  },
  configuration: {
    says: 'the same values read, and the same update seen while subscribed',
    facts: (outputs) => ({
      read: configValues(outputs, /configuration for\b/i),
      updated: configValues(outputs, /configuration update\b|updated config key\b/i),
    }),
  },
  bindings: {
    says: 'the same rows in the database after the run',
    from: 'stores',
    facts: (outputs) => ({ rows: storedRows(outputs) }),
  },
  service_invocation: {
    says: 'the same order ids passed, every one received by the called app',
    facts: (outputs) => ({
      // The caller's `Order passed: {"orderId": 1}`, the called app's `Order received: 1` (or its JSON).
      passed: numbersAfter(outputs, /order passed\b/i),
      received: numbersAfter(outputs, /order received\b/i),
    }),
    check: (f) => (sameSet(f.passed, f.received) ? undefined : `received ${describeSet(f.received ?? [])}, passed ${describeSet(f.passed ?? [])}`),
  },
  cryptography: {
    says: 'the same text decrypted, of the same length',
    facts: (outputs) => decryptedText(outputs),
  },
};

/** The line printed right after `Decrypted the message, got N bytes` (the decrypted text) and N. */
function decryptedText(outputs: readonly string[]): Facts {
  const text: string[] = [];
  const bytes: string[] = [];
  for (const output of outputs) {
    const lines = output.split('\n');
    lines.forEach((line, i) => {
      const m = /decrypted the message, got (\d+) bytes/i.exec(line);
      if (!m) return;
      bytes.push(m[1]!);
      if (lines[i + 1]?.trim()) text.push(lines[i + 1]!.trim());
    });
  }
  return { decrypted: sorted(text), bytes: sorted(bytes) };
}

/** What a block's rule reads from a sample (its apps' outputs, or what its stores held); undefined for a block with no rule or nothing to read. */
export function sampleFacts(block: string, outputs: readonly string[], stored?: string): Facts | undefined {
  const rule = BLOCK_RULES[block];
  if (rule?.from === 'stores') return stored === undefined ? undefined : rule.facts([stored]);
  return outputs.length ? rule?.facts(outputs) : undefined;
}

/** Every building block's parity over the results that carry a block, in first-seen order (a run and merge-reports alike). */
export function blocksParity(results: readonly { id: string; block?: string; status: string; facts?: Facts; divergences?: readonly Divergence[] }[]): BlockParity[] {
  const blocks = [...new Set(results.flatMap((r) => (r.block ? [r.block] : [])))];
  return blocks.map((block) => blockParity(block, results.filter((r) => r.block === block).map((r) => ({
    id: r.id, ran: r.status !== 'skipped', ...(r.facts ? { facts: r.facts } : {}), ...(r.divergences?.length ? { divergences: r.divergences } : {}),
  }))));
}

interface Checked { id: string; facts: Facts; divergences?: readonly Divergence[] }

/**
 * A block's parity over its samples that ran: each one's own check, then every sample's facts
 * against the first's. A fact a sample records as divergent is left out of that comparison and
 * listed as accepted while it still differs; one that agrees again, or names a fact the rule does
 * not read, is a problem (a stale record would hide the next real difference). Never "ok" over
 * nothing: a block where samples ran but none could be read fails.
 */
export function blockParity(block: string, results: readonly { id: string; ran: boolean; facts?: Facts; divergences?: readonly Divergence[] }[]): BlockParity {
  const rule = BLOCK_RULES[block];
  const checked: Checked[] = results.flatMap((r) => (r.ran && r.facts ? [{ id: r.id, facts: r.facts, ...(r.divergences ? { divergences: r.divergences } : {}) }] : []));
  const problems: string[] = [];
  const accepted: string[] = [];
  const facts: BlockParity['facts'] = {};
  if (!rule) return { block, rule: 'none: this block has no parity rule yet', ok: true, facts, problems, checked: 0 };
  for (const r of checked) {
    facts[r.id] = r.facts;
    const own = rule.check?.(r.facts);
    if (own) problems.push(`${r.id}: ${own}`);
    const empty = Object.entries(r.facts).filter(([, v]) => v.length === 0).map(([k]) => k);
    if (empty.length === Object.keys(r.facts).length) problems.push(`${r.id}: printed none of ${Object.keys(r.facts).join(', ')}`);
  }
  const divergent = (r: Checked, key: string) => r.divergences?.find((d) => d.fact === key);
  for (const key of Object.keys(checked[0]?.facts ?? {})) {
    // The reference is the first sample not recorded as differing on this fact.
    const ref = checked.find((r) => !divergent(r, key));
    for (const r of checked) {
      if (r === ref) continue;
      const d = divergent(r, key);
      const same = ref ? sameSet(ref.facts[key], r.facts[key]) : true;
      if (d && ref && same) problems.push(`${r.id}: ${key} now agrees with ${ref.id} (${describeSet(ref.facts[key] ?? [])}): remove its recorded divergence ("${d.why}")`);
      else if (d) accepted.push(`${r.id}: ${key} ${describeSet(r.facts[key] ?? [])}${ref ? `, ${ref.id} ${describeSet(ref.facts[key] ?? [])}` : ''} (accepted: ${d.why})`);
      else if (!same) problems.push(`${r.id}: ${key} ${describeSet(r.facts[key] ?? [])}, ${ref!.id} ${describeSet(ref!.facts[key] ?? [])}`);
    }
  }
  for (const r of checked) {
    for (const d of r.divergences ?? []) {
      if (!(d.fact in r.facts)) problems.push(`${r.id}: its recorded divergence names "${d.fact}", a fact the ${block} rule does not read (it reads ${Object.keys(r.facts).join(', ')})`);
    }
  }
  if (results.some((r) => r.ran) && checked.length === 0) problems.push('no sample produced output to compare');
  return { block, rule: rule.says, ok: problems.length === 0, facts, problems, ...(accepted.length ? { accepted } : {}), checked: checked.length };
}
