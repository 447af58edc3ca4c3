// Loads samples.yaml into SampleSpecs. Every error names the file, the entry and the field,
// because a person fixing a manifest needs all three to find the line.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML, { LineCounter } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, TOOLCHAINS, VARIANTS, type Manifest, type SampleSpec } from '../model.ts';
import { cachedParse } from '../files/parse-cache.ts';
import { sampleFilters } from '../output/filters.ts';
import { toolchainEnv } from './toolchain-env.ts';
import { describeIssue, EXPECT_SCHEMA, filterIssue, ManifestError, regexOrThrow } from './manifest-error.ts';
import { parseScenarioEntry, SCENARIO_SCHEMA, STEP_SCHEMAS } from './scenario-entry.ts';

export { ManifestError } from './manifest-error.ts';

export const MANIFEST_NAME = 'samples.yaml';

/**
 * How many nodes aliases may expand to. A manifest has no use for anchors beyond a few shared
 * lists; a "billion laughs" file (aliases of aliases) would otherwise expand exponentially.
 */
export const MAX_ALIAS_COUNT = 100;

/** The manifest's YAML as plain data; a syntax error or an alias bomb names the file and the line. */
function parseYaml(text: string, where: string): unknown {
  const lineCounter = new LineCounter();
  const doc = YAML.parseDocument(text, { lineCounter, prettyErrors: true });
  const [first] = doc.errors;
  if (first) throw new ManifestError(`${where}: not valid YAML: ${first.message.split('\n')[0]}`);
  try {
    // Stryker disable next-line ObjectLiteral: equivalent while yaml's own default is 100 too; the limit stays written where the message names it
    return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    const message = (err as Error).message.split('\n')[0]!;
    if (!/excessive alias/i.test(message)) throw new ManifestError(`${where}: not valid YAML: ${message}`);
    // Too many aliases means there is one; a parsed node always has its range.
    let line = 0;
    YAML.visit(doc, {
      Alias(_key, node) {
        line = lineCounter.linePos(node.range![0]).line;
        return YAML.visit.BREAK;
      },
    });
    throw new ManifestError(`${where}:${line}: YAML aliases expand to more than ${MAX_ALIAS_COUNT} nodes (${message}); write the entries out instead of nesting aliases`);
  }
}

export const INSTALL_STEP_SCHEMA = z.object({
  run: z.string().min(1),
  inputs: z.array(z.string().min(1)).default([]),
  outputs: z.array(z.string().min(1)).default([]),
}).strict();

export const SAMPLE_SCHEMA = z.object({
  id: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/, 'must look like <language>/<variant>'),
  language: z.enum(LANGUAGES),
  variant: z.enum(VARIANTS),
  dir: z.string().min(1),
  appId: z.string().min(1).optional(),
  toolchains: z.array(z.enum(TOOLCHAINS)).min(1),
  install: z.array(INSTALL_STEP_SCHEMA).default([]),
  path: z.array(z.string().min(1)).default([]),
  run: z.string().min(1),
  source: z.string().min(1),
  golden: z.string().min(1).optional(),
  timeoutSeconds: z.number().positive().optional(),
  env: z.record(z.string(), z.string()).default({}),
  components: z.string().min(1).optional(),
  secrets: z.string().min(1).optional(),
  expect: EXPECT_SCHEMA.optional(),
  ignore: z.array(z.string().min(1)).default([]).superRefine(filterIssue((ignore) => ({ ignore }))),
  filtersOff: z.array(z.string().min(1)).default([]).superRefine(filterIssue((keep) => ({ keep }))),
  redact: z.array(z.object({ pattern: z.string().min(1), replacement: z.string() }).strict()).default([]),
}).strict();

const secretScope = z.object({
  storeName: z.string().min(1),
  defaultAccess: z.enum(['allow', 'deny']),
  allowedSecrets: z.array(z.string().min(1)).optional(),
  deniedSecrets: z.array(z.string().min(1)).optional(),
}).strict();

export const MANIFEST_SCHEMA = z.object({
  // Shared by the one-app entries; a tree of scenarios names its components in its run steps.
  components: z.string().min(1).optional(),
  secrets: z.string().min(1).optional(),
  /** Run every sidecar with a fresh DAPR_API_TOKEN (as `parity run --api-token`). */
  apiToken: z.boolean().default(false),
  /** Secret scopes for the isolated home's Dapr Configuration (spec.secrets.scopes). */
  secretScopes: z.array(secretScope).optional(),
  defaults: z.object({
    appId: z.string().min(1).default('order-processor'),
    timeoutSeconds: z.number().positive().default(120),
  }).strict().default({}), // zod fills the fields' own defaults in
  samples: z.array(z.unknown()).min(1, 'lists no sample'),
}).strict();

/**
 * Every field path of the manifest (`samples[].install[].run`, …), walked from the schemas, so
 * that the reference in docs/manifest.md can be checked for completeness.
 */
export function manifestFieldPaths(): string[] {
  const walk = (schema: z.ZodTypeAny, prefix: string): string[] => {
    let s = schema;
    for (;;) {
      if (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s._def.innerType;
      else if (s instanceof z.ZodEffects) s = s._def.schema;
      else break;
    }
    if (s instanceof z.ZodUnion) return [...new Set((s.options as z.ZodTypeAny[]).flatMap((o) => walk(o, prefix)))];
    if (s instanceof z.ZodRecord) return walk(s.valueSchema, `${prefix}.<key>`);
    if (s instanceof z.ZodObject) {
      return Object.entries(s.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => {
        const p = prefix ? `${prefix}.${k}` : k;
        return [p, ...walk(v, p)];
      });
    }
    if (s instanceof z.ZodArray) return walk(s.element, `${prefix}[]`);
    return [];
  };
  // `samples` is the last top-level field, and its schema (a list of anything) adds no path; nor
  // do a scenario's `steps`, whose kinds are walked one by one.
  const steps = Object.values(STEP_SCHEMAS).flatMap((schema) => walk(schema, 'samples[].steps[]'));
  return [...new Set([...walk(MANIFEST_SCHEMA, ''), ...walk(SAMPLE_SCHEMA, 'samples[]'), ...walk(SCENARIO_SCHEMA, 'samples[]'), ...steps])];
}

/**
 * Parses and validates manifest text; paths are resolved against `root`. Pure but for existence
 * checks. `readYaml` turns the text into plain data (loadManifest passes a cached parse).
 */
export function parseManifest(text: string, manifestFile: string, readYaml: (text: string, where: string) => unknown = parseYaml): Manifest {
  const root = path.dirname(manifestFile);
  const where = path.relative(process.cwd(), manifestFile) || manifestFile;
  const raw = readYaml(text, where);
  const top = MANIFEST_SCHEMA.safeParse(raw);
  if (!top.success) throw new ManifestError(`${where}: ${describeIssue(top.error.issues[0]!)}`);

  // A one-app entry reads the shared components and secrets file: they must be named then.
  const classic = top.data.samples.some((raw) => !(raw && typeof raw === 'object' && 'steps' in raw));
  for (const field of ['components', 'secrets'] as const) {
    if (classic && top.data[field] === undefined) throw new ManifestError(`${where}: field "${field}" is missing`);
  }
  const components = path.resolve(root, top.data.components ?? 'components');
  const secrets = path.resolve(root, top.data.secrets ?? 'secrets.json');
  const seen = new Set<string>();
  const samples: SampleSpec[] = top.data.samples.map((rawEntry, index) => {
    const label = (rawEntry as { id?: unknown })?.id;
    const name = typeof label === 'string' ? `sample "${label}"` : `sample #${index + 1}`;
    if (rawEntry && typeof rawEntry === 'object' && 'steps' in rawEntry) {
      const spec = parseScenarioEntry(rawEntry, { root, where, name, defaultTimeoutS: top.data.defaults.timeoutSeconds });
      if (seen.has(spec.id)) throw new ManifestError(`${where}: ${name}: duplicate id (each id must be unique)`);
      seen.add(spec.id);
      if (!existsSync(spec.dir) || !statSync(spec.dir).isDirectory()) throw new ManifestError(`${where}: ${name}: field "dir": folder ${path.relative(root, spec.dir)} does not exist`);
      return spec;
    }
    const parsed = SAMPLE_SCHEMA.safeParse(rawEntry);
    if (!parsed.success) throw new ManifestError(`${where}: ${name}: ${describeIssue(parsed.error.issues[0]!)}`);
    const e = parsed.data;
    if (seen.has(e.id)) throw new ManifestError(`${where}: ${name}: duplicate id (each id must be unique)`);
    seen.add(e.id);
    if (e.id !== `${e.language}/${e.variant}`) {
      throw new ManifestError(`${where}: ${name}: field "id" must be "${e.language}/${e.variant}" (language/variant)`);
    }
    const dir = path.resolve(root, e.dir);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) {
      throw new ManifestError(`${where}: ${name}: field "dir": folder ${e.dir} does not exist`);
    }
    return {
      id: e.id,
      language: e.language,
      variant: e.variant,
      dir,
      appId: e.appId ?? top.data.defaults.appId,
      toolchains: e.toolchains,
      install: e.install,
      pathPrepend: e.path.map((p) => path.resolve(dir, p)),
      run: e.run,
      golden: path.resolve(root, e.golden ?? `expected/${e.language}-${e.variant}.txt`),
      timeoutMs: (e.timeoutSeconds ?? top.data.defaults.timeoutSeconds) * 1000,
      source: path.resolve(dir, e.source),
      env: { ...toolchainEnv(e.toolchains), ...e.env },
      ...(e.components ? { components: path.resolve(root, e.components) } : {}),
      ...(e.secrets ? { secrets: path.resolve(root, e.secrets) } : {}),
      ...(e.expect ? { expect: e.expect } : {}),
      filters: sampleFilters({ ignore: e.ignore, keep: e.filtersOff }), // the schema has checked both fields
      redactions: e.redact.map((r, i) => ({ name: `redact[${i}]`, pattern: regexOrThrow(r.pattern, 'g', `${where}: ${name}: field "redact.${i}.pattern"`), replacement: r.replacement })),
    };
  });
  return {
    root, file: manifestFile, components, secrets, samples,
    ...(top.data.apiToken ? { apiToken: true } : {}),
    ...(top.data.secretScopes ? { secretScopes: top.data.secretScopes } : {}),
  };
}

/** Names the YAML parse loadManifest caches (see files/parse-cache.ts): parser settings that decide the data. */
const MANIFEST_YAML_KIND = `manifest-yaml-${MAX_ALIAS_COUNT}`;

/**
 * Reads `<root>/samples.yaml`. With `cacheParse` (the `run` command's start, where it matters)
 * its YAML parse is kept across runs, keyed on the text; other callers parse every time.
 */
export function loadManifest(root: string, opts: { cacheParse?: boolean } = {}): Manifest {
  const manifestFile = path.resolve(root, MANIFEST_NAME);
  if (!existsSync(manifestFile)) throw new ManifestError(`${manifestFile}: no sample manifest here (--root must point at a folder with ${MANIFEST_NAME})`);
  // A folder would throw EISDIR, and a named pipe would block the read forever.
  if (!statSync(manifestFile).isFile()) throw new ManifestError(`${manifestFile}: not a regular file (--root must point at a folder with ${MANIFEST_NAME})`);
  const readYaml = opts.cacheParse ? (text: string, where: string) => cachedParse(MANIFEST_YAML_KIND, text, () => parseYaml(text, where)) : parseYaml;
  return parseManifest(readFileSync(manifestFile, 'utf8'), manifestFile, readYaml);
}


/** A filter names a sample by its full id, its block (`pub_sub`), its language or its variant. */
function matchesFilter(s: SampleSpec, f: string): boolean {
  return s.id === f || s.language === f || s.variant === f || (s.block !== undefined && s.block === f);
}

/**
 * Selects samples by filters: a full id (`javascript/sdk`), a block (`pub_sub`), a language
 * (`python`) or a variant (`http`); several filters are OR'd, none selects all. An unknown filter
 * is an error, not an empty run.
 */
export function selectSamples(samples: SampleSpec[], filters: string[]): SampleSpec[] {
  if (filters.length === 0) return samples;
  for (const f of filters) {
    if (!samples.some((s) => matchesFilter(s, f))) {
      const ids = samples.map((s) => s.id).join(', ');
      const blocks = samples.some((s) => s.block) ? ', a block' : '';
      throw new ManifestError(`unknown sample filter "${f}": use a sample id (${ids})${blocks}, a language or a variant`);
    }
  }
  return samples.filter((s) => filters.some((f) => matchesFilter(s, f)));
}
