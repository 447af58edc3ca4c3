// Renders a ManifestDraft as samples.yaml text, each inferred value commented with the README
// line it came from, so a person can check the guess against its source. Pure.
import path from 'node:path';
import YAML from 'yaml';
import type { ManifestDraft, SampleDraft, Sourced } from './infer.ts';

/** One YAML scalar or flow collection on one line, quoted only when it must be. */
function flow(v: unknown): string {
  return YAML.stringify(v, { lineWidth: 0, collectionStyle: 'flow', defaultStringType: 'PLAIN', defaultKeyType: 'PLAIN' }).trimEnd();
}

function field(indent: string, key: string, value: unknown, comment?: string): string {
  return `${indent}${key}: ${flow(value)}${comment ? `  # ${comment}` : ''}`;
}

function sourced<T>(indent: string, key: string, s: Sourced<T> | undefined, readme: string): string[] {
  return s ? [field(indent, key, s.value, `${s.how}, ${readme}:${s.line}`)] : [];
}

function sample(s: SampleDraft): string[] {
  const i = '    ';
  const out = [
    `  # ${s.id}, from ${s.readme}`,
    field('  - ', 'id', s.id),
    field(i, 'language', s.language, 'folder name'),
    field(i, 'variant', s.variant, 'folder name'),
    ...sourced(i, 'dir', s.dir, s.readme),
    ...sourced(i, 'appId', s.appId, s.readme),
    field(i, 'toolchains', s.toolchains, 'the language and the commands its steps run'),
  ];
  if (s.install.length) {
    out.push(`${i}install:`);
    for (const step of s.install) {
      out.push(`${i}  - run: ${flow(step.run)}  # ${s.readme}:${step.line}`);
      out.push(`${i}    inputs: ${flow(step.inputs)}`, `${i}    outputs: ${flow(step.outputs)}`);
    }
  }
  out.push(
    ...sourced(i, 'path', s.path, s.readme),
    ...sourced(i, 'run', s.run, s.readme),
    ...sourced(i, 'source', s.source, s.readme),
    ...sourced(i, 'env', s.env, s.readme),
    ...sourced(i, 'timeoutSeconds', s.timeoutSeconds, s.readme),
    ...sourced(i, 'components', s.components, s.readme),
    ...sourced(i, 'secrets', s.secrets, s.readme),
  );
  if (s.expect) {
    const e = s.expect.value;
    out.push(`${i}expect:  # ${s.expect.how}, ${s.readme}:${s.expect.line}`);
    out.push(`${i}  lines:`, ...e.lines.map((l) => `${i}    - ${flow(l)}`));
    out.push(`${i}  order: ${e.order}`, `${i}  mode: ${e.mode}`);
  }
  return out;
}

/** This package's schema/samples.schema.json, from the sources (harness/init/) or the dist/ bundle. */
export function manifestSchemaFile(here: string = import.meta.dirname): string {
  return path.join(here, ...(path.basename(here) === 'dist' ? ['..'] : ['..', '..']), 'schema', 'samples.schema.json');
}

/** `schema` is where the manifest's JSON Schema is, as the file's folder sees it: editors read it from the first line. */
export function renderManifest(draft: ManifestDraft, schema?: string): string {
  const n = draft.samples.length;
  const lines = [
    ...(schema ? [`# yaml-language-server: $schema=${schema}`] : []),
    '# The sample manifest, written by `npx parity init` from the mechanical-markdown steps of the',
    '# READMEs below. Each value says where it came from; check the guesses, then record goldens with',
    '# `npx parity run --update` and check against them with `npx parity run`. Paths are relative to',
    '# this file\'s folder.',
    field('', 'components', draft.components, `the most common --resources-path of ${n} sample(s)`),
    field('', 'secrets', draft.secrets, 'the most common secrets file (the local-file secret store\'s secretsFile)'),
    'defaults:',
    field('  ', 'appId', draft.defaults.appId, 'the most common --app-id'),
    field('  ', 'timeoutSeconds', draft.defaults.timeoutSeconds, 'the most common timeout_seconds (120 when none is given)'),
    'samples:',
    ...draft.samples.flatMap(sample),
  ];
  return `${lines.join('\n')}\n`;
}
