// The component YAML and secrets.json shown on the page must say what the project's own files
// say: compared as data (key order and layout ignored), each difference named by its path. Pure.
import type { FindingId } from '../finding-ids.ts';
import type { Finding } from '../findings.ts';
import type { CodeBlock, DocPage } from '../parse.ts';
import { relToRoot, type Workspace } from '../workspace.ts';
import { describeDifference, diffValues, parseWithPositions, type ParsedBlock } from '../data-diff.ts';
import { roleOf, targetOf } from '../targets.ts';

function languageOf(block: CodeBlock, ws: Workspace): Finding['language'] {
  return targetOf(block, ws).language ?? null;
}

function parseBlock(block: CodeBlock, json: boolean): { docs?: ParsedBlock[]; error?: { line: number; message: string } } {
  try {
    return { docs: parseWithPositions(block.value, { json }) };
  } catch (err) {
    const e = err as Error & { linePos?: { line: number }[] };
    const line = block.valueLine + Math.max(0, (e.linePos?.[0]?.line ?? 1) - 1);
    return { error: { line, message: e.message.split('\n')[0]! } };
  }
}

function differencesFinding(block: CodeBlock, doc: ParsedBlock, fileValue: unknown, fileLabel: string, id: FindingId, language: Finding['language']): Finding | undefined {
  const diffs = diffValues(doc.value, fileValue);
  if (diffs.length === 0) return undefined;
  const first = diffs[0]!;
  const listed = diffs.slice(0, 3).map((d) => describeDifference(d, fileLabel)).join('; ');
  const more = diffs.length > 3 ? `; and ${diffs.length - 3} more` : '';
  return {
    id,
    severity: 'error',
    language,
    line: block.valueLine + doc.lineOf(first.path),
    message: `${listed}${more}`,
    fix: `copy ${fileLabel} into this block`,
  };
}

/** A yaml block whose kind is Component is compared with the component of the same name. */
export function checkComponents(page: DocPage, ws: Workspace): Finding[] {
  const out: Finding[] = [];
  const folder = ws.manifest.components;
  for (const block of page.blocks) {
    if (roleOf(block) !== 'yaml') continue;
    const language = languageOf(block, ws);
    const parsed = parseBlock(block, false);
    if (parsed.error) {
      // Only a block that at least claims to be a component is ours to judge.
      // The indent excludes line breaks (^ already stands after any of them): `^\s*` rescanned every
      // following blank line from each line start, quadratic on a block of many.
      if (/^[^\S\n\r\u2028\u2029]*kind:\s*Component\s*$/m.test(block.value)) {
        out.push({ id: 'yaml-invalid', severity: 'error', language, line: parsed.error.line, message: `component block is not valid YAML: ${parsed.error.message}`, fix: 'fix the YAML (indentation, quoting)' });
      }
      continue;
    }
    for (const doc of parsed.docs ?? []) {
      const v = doc.value as { kind?: unknown; metadata?: { name?: unknown } } | null;
      if (!v || typeof v !== 'object' || v.kind !== 'Component') continue;
      const name = typeof v.metadata?.name === 'string' ? v.metadata.name : undefined;
      const mine = ws.components.find((c) => c.name === name);
      if (!mine) {
        const have = ws.components.map((c) => `"${c.name}"`).join(', ') || 'none';
        out.push({ id: 'component-unknown', severity: 'error', language, line: block.valueLine + doc.lineOf(['metadata', 'name']), message: `no component named ${name === undefined ? '(no metadata.name)' : `"${name}"`} in ${relToRoot(ws, folder)}/ (it has ${have})`, fix: 'use the metadata.name of the component the samples read' });
        continue;
      }
      const f = differencesFinding(block, doc, mine.value, mine.rel, 'component-mismatch', language);
      if (f) out.push(f);
    }
  }
  return out;
}

/** A json block the page presents as secrets.json must hold what the project's secrets file holds. */
export function checkSecrets(page: DocPage, ws: Workspace): Finding[] {
  const out: Finding[] = [];
  const name = ws.secrets.rel.split('/').pop() ?? 'secrets.json';
  for (const block of page.blocks) {
    if (roleOf(block) !== 'json') continue;
    const context = `${block.heading?.text ?? ''}\n${block.lead}`;
    if (!context.includes(name)) continue;
    const language = languageOf(block, ws);
    const parsed = parseBlock(block, true);
    if (parsed.error) {
      out.push({ id: 'json-invalid', severity: 'error', language, line: parsed.error.line, message: `${name} block is not valid JSON: ${parsed.error.message}`, fix: `copy ${ws.secrets.rel} into this block` });
      continue;
    }
    if (ws.secrets.error) {
      out.push({ id: 'secrets-unreadable', severity: 'warning', language, line: block.line, message: `${ws.secrets.error}, so this block is not checked`, fix: 'fix the secrets file named in samples.yaml' });
      continue;
    }
    const doc = parsed.docs?.[0];
    if (!doc) continue;
    const f = differencesFinding(block, doc, ws.secrets.value, ws.secrets.rel, 'secrets-mismatch', language);
    if (f) out.push(f);
  }
  return out;
}
