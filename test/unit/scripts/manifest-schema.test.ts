// schema/samples.schema.json is the manifest's zod schemas as a JSON Schema, kept current, and an
// editor validating with it agrees with the harness on real manifests and on typical mistakes.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { inferScenarioTree, inferTree } from '../../../harness/commands/init.ts';
import { renderScenarioManifest } from '../../../harness/init/scenario-write.ts';
import { writeScenarioTree } from '../../helpers/scenario-tree.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { manifestSchemaFile, renderManifest } from '../../../harness/init/write.ts';
import { renderManifestSchema, SCHEMA_FILE } from '../../../scripts/manifest-schema.ts';

cleanTempDirsAfterAll();

const ROOT = path.resolve(import.meta.dirname, '../../..');
const schema = JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
const repoManifest = () => parse(readFileSync(path.join(ROOT, 'samples.yaml'), 'utf8')) as { samples: Record<string, unknown>[] } & Record<string, unknown>;

describe('schema/samples.schema.json', () => {
  it('is what `npm run schema` writes from the zod schemas now', () => {
    expect(readFileSync(SCHEMA_FILE, 'utf8'), 'stale: run `npm run schema`').toBe(renderManifestSchema());
  });

  it('accepts this repository\'s samples.yaml and what `parity init` writes', () => {
    expect(validate(repoManifest()), JSON.stringify(validate.errors)).toBe(true);
    const written = parse(renderManifest(inferTree(ROOT).draft, 'schema/samples.schema.json'));
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
  });

  it('accepts a tree\'s scenario entries as `parity init` writes them, and refuses a step of no kind', () => {
    const root = tempDir('parity-schema-tree-');
    writeScenarioTree(root, { subscriberPort: 7001 });
    const written = parse(renderScenarioManifest(inferScenarioTree(root).samples, 'schema/samples.schema.json')) as { samples: Record<string, unknown>[] };
    expect(written.samples.length).toBeGreaterThan(0);
    expect(validate(written), JSON.stringify(validate.errors)).toBe(true);
    const first = written.samples[0]!;
    expect(validate({ samples: [{ ...first, steps: [{ nap: 3 }] }] })).toBe(false);
  });

  it('refuses what the harness refuses: an unknown field, a bad id, a missing run, an unknown language', () => {
    const m = repoManifest();
    const broken = [
      { ...m, component: 'x' },
      { ...m, samples: [{ ...m.samples[0], id: 'Python SDK' }] },
      { ...m, samples: [{ ...m.samples[0], run: undefined }] },
      { ...m, samples: [{ ...m.samples[0], language: 'rust' }] },
      { ...m, samples: [{ ...m.samples[0], redact: [{ pattern: 'x' }] }] },
      { ...m, samples: [] },
    ];
    expect(broken.map((b) => validate(JSON.parse(JSON.stringify(b))))).toEqual(broken.map(() => false));
  });

  it('describes every field from docs/manifest.md', () => {
    const missing: string[] = [];
    interface Node { properties?: Record<string, Node>; items?: Node; anyOf?: Node[]; description?: string }
    const walk = (s: Node, prefix: string) => {
      for (const form of s.anyOf ?? []) walk(form, prefix);
      for (const [k, v] of Object.entries(s.properties ?? {})) {
        if (!v.description) missing.push(`${prefix}${k}`);
        walk(v, `${prefix}${k}.`);
        if (v.items) walk(v.items, `${prefix}${k}[].`);
      }
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });

  it('is named on the first line of what `parity init` writes, where the package keeps it', () => {
    expect(renderManifest(inferTree(ROOT).draft, 'schema/samples.schema.json').split('\n')[0]).toBe('# yaml-language-server: $schema=schema/samples.schema.json');
    expect(manifestSchemaFile()).toBe(SCHEMA_FILE);
    expect(manifestSchemaFile(path.join(ROOT, 'dist'))).toBe(SCHEMA_FILE);
    expect(readFileSync(path.join(ROOT, 'samples.yaml'), 'utf8').split('\n')[0]).toBe('# yaml-language-server: $schema=schema/samples.schema.json');
  });
});
