// Writes schema/samples.schema.json, the JSON Schema of samples.yaml, from the manifest's zod
// schemas (harness/samples/manifest.ts) with each field's description from docs/manifest.md, so
// an editor validates and completes the file (`parity init` writes the yaml-language-server line
// naming it). `npm run schema`; test/unit/scripts/manifest-schema.test.ts fails when it is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import { zodToJsonSchema } from 'zod-to-json-schema';
import { MANIFEST_SCHEMA, SAMPLE_SCHEMA } from '../harness/samples/manifest.ts';
import { SCENARIO_SCHEMA, STEP_SCHEMAS } from '../harness/samples/scenario-entry.ts';

const ROOT = path.join(import.meta.dirname, '..');
export const SCHEMA_FILE = path.join(ROOT, 'schema', 'samples.schema.json');

interface JsonSchema { type?: string; properties?: Record<string, JsonSchema>; items?: JsonSchema; anyOf?: JsonSchema[]; description?: string; [k: string]: unknown }

/** `samples[].install[].run` → its meaning and default, from the reference tables of docs/manifest.md. */
export function fieldDescriptions(reference: string): Map<string, { meaning: string; default: string }> {
  const out = new Map<string, { meaning: string; default: string }>();
  for (const m of reference.matchAll(/^\| `([^`]+)` \| ([^|]*) \| (.*) \|$/gm)) out.set(m[1]!, { meaning: m[3]!.trim(), default: m[2]!.trim() });
  return out;
}

function describe(schema: JsonSchema, prefix: string, descriptions: ReturnType<typeof fieldDescriptions>): void {
  // A one-app entry or a scenario, a step of one kind or another: each form's fields are described alike.
  for (const form of schema.anyOf ?? []) describe(form, prefix, descriptions);
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    const field = `${prefix}${key}`;
    const d = descriptions.get(field);
    // A default the schema cannot hold (another field's value, a list of filters) is said in words.
    const words = d && sub.default === undefined && !/^(required|none|see below)/.test(d.default) ? ` Default: ${d.default.replace(/`/g, '')}.` : '';
    if (d) sub.description = `${d.meaning}${words}`;
    describe(sub, `${field}.`, descriptions);
    if (sub.items) describe(sub.items, `${field}[].`, descriptions);
  }
}

/** The schema as JSON text: the manifest with its samples (validated apart by the harness) as one. */
export function renderManifestSchema(reference = readFileSync(path.join(ROOT, 'docs', 'manifest.md'), 'utf8')): string {
  // An entry is a one-app sample or a scenario (its steps each one of the step kinds).
  const scenario = SCENARIO_SCHEMA.extend({ steps: z.array(z.union(Object.values(STEP_SCHEMAS) as unknown as [z.ZodTypeAny, z.ZodTypeAny, ...z.ZodTypeAny[]])).min(1) });
  const whole = MANIFEST_SCHEMA.extend({ samples: z.array(z.union([SAMPLE_SCHEMA, scenario])).min(1) });
  // What a person writes (input), not what parsing returns: a field with a default is optional.
  const schema = zodToJsonSchema(whole, { target: 'jsonSchema7', $refStrategy: 'none', effectStrategy: 'input', pipeStrategy: 'input' }) as JsonSchema;
  describe(schema, '', fieldDescriptions(reference));
  const { $schema, ...rest } = schema;
  return `${JSON.stringify({ $schema, title: 'samples.yaml of dapr-quickstart-parity', description: 'The samples a tree holds and how to run each (docs/manifest.md).', ...rest }, null, 2)}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  writeFileSync(SCHEMA_FILE, renderManifestSchema());
  console.log(`wrote ${path.relative(process.cwd(), SCHEMA_FILE)}`);
}
