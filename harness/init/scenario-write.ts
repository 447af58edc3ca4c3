// Renders scenario drafts as samples.yaml text: each entry and step commented with the README
// line it came from and how it was mapped, so a person can check the mapping against its source.
// Pure.
import YAML from 'yaml';
import type { ScenarioDraft } from './scenario-draft.ts';

/** One YAML scalar or flow collection on one line, quoted only when it must be. */
function flow(v: unknown): string {
  // A JSON string is a valid YAML double-quoted scalar, and stays on one line whatever it holds.
  if (typeof v === 'string' && /[\n\r\t]/.test(v)) return JSON.stringify(v);
  return YAML.stringify(v, { lineWidth: 0, collectionStyle: 'flow', defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trimEnd();
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A mapping in block style: nested mappings and lists of mappings as blocks, lists of scalars one item a line when long. */
function block(obj: Record<string, unknown>, indent: string, first = indent): string[] {
  const out: string[] = [];
  let lead = first;
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const key = flow(k);
    if (isPlainObject(v) && Object.keys(v).length) {
      out.push(`${lead}${key}:`, ...block(v, `${indent}  `));
    } else if (Array.isArray(v) && v.some(isPlainObject)) {
      out.push(`${lead}${key}:`);
      for (const item of v) out.push(...block(item as Record<string, unknown>, `${indent}    `, `${indent}  - `));
    } else if (Array.isArray(v) && v.length > 1 && flow(v).length > 80) {
      out.push(`${lead}${key}:`, ...v.map((x) => `${indent}  - ${flow(x)}`));
    } else out.push(`${lead}${key}: ${flow(v)}`);
    lead = indent;
  }
  return out;
}

function entry(d: ScenarioDraft): string[] {
  const i = '    ';
  const out = [`  # ${d.id}, from ${d.readme}`, ...d.notes.map((n) => `  # deviation: ${n}`)];
  out.push(
    `  - id: ${flow(d.id)}`,
    `${i}block: ${flow(d.block)}  # the top folder`,
    `${i}language: ${d.language}  # folder name`,
    `${i}variant: ${d.variant}  # folder name`,
    `${i}dir: ${flow(d.dir)}  # the README's folder`,
    `${i}toolchains: ${flow(d.toolchains)}  # the language and the commands its steps run`,
  );
  if (d.services.length) out.push(`${i}services: ${flow(d.services.map((s) => s.kind))}  # ${[...new Set(d.services.map((s) => s.why))].join('; ')}`);
  if (d.skip) out.push(`${i}skip: ${flow(d.skip)}`);
  if (Object.keys(d.env).length) out.push(`${i}env: ${flow(d.env)}  # unbuffered output: the harness reads the app line by line`);
  if (d.python) out.push(`${i}python: ${flow(d.python)}  # the code needs it: the run picks the oldest interpreter here that has it`);
  if (d.path.length) out.push(`${i}path: ${flow(d.path.map((p) => p.dir))}  # ${d.path.map((p) => p.why).join('; ')}`);
  if (d.overlays.length) {
    out.push(`${i}overlays:  # applied only in the sample's scratch copy; the sample is then reported adapted`);
    for (const o of d.overlays) out.push(...block({ ...o }, `${i}    `, `${i}  - `));
  }
  out.push(`${i}steps:`);
  for (const s of d.steps) {
    out.push(`${i}  # ${s.comment}`);
    out.push(...block(s.value, `${i}    `, `${i}  - `));
  }
  if (d.dropped.length) {
    out.push(`${i}dropped:  # README steps and commands the scenario does not run, and why`);
    for (const x of d.dropped) out.push(`${i}  - ${flow(x)}`);
  }
  return out;
}

/** `schema`: the manifest's JSON Schema as the file's folder sees it (editors read it from the first line). */
export function renderScenarioManifest(drafts: ScenarioDraft[], schema?: string): string {
  const lines = [
    ...(schema ? [`# yaml-language-server: $schema=${schema}`] : []),
    '# The sample manifest, written by `npx parity init` from the mechanical-markdown steps of the',
    '# READMEs below: one entry per building-block README, each a scenario of steps. Every README step',
    '# is mapped to a step or listed under `dropped` with why; each step says the README line it came',
    '# from. Check the mapping, then record goldens with `npx parity run --update`. Paths are relative',
    '# to each entry\'s `dir`; `dir` to this file\'s folder.',
    'samples:',
    ...drafts.flatMap(entry),
  ];
  return `${lines.join('\n')}\n`;
}
