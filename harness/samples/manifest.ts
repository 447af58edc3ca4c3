// Loads samples.yaml into SampleSpecs. Every error names the file, the entry and the field,
// because a person fixing a manifest needs all three to find the line.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import YAML, { LineCounter } from 'yaml';
import { z } from 'zod';
import { LANGUAGES, TOOLCHAINS, VARIANTS, type Manifest, type SampleSpec } from '../model.ts';
import { cachedParse } from '../files/parse-cache.ts';
import { FilterError, sampleFilters } from '../output/filters.ts';
import { ExpectedError } from '../expected-error.ts';
import { toolchainEnv } from './toolchain-env.ts';

export const MANIFEST_NAME = 'samples.yaml';

/** How a line break inside a quoted value is written in a message. */
const LINE_BREAK_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' };

export class ManifestError extends ExpectedError {
  override name = 'ManifestError';

  constructor(message: string) {
    // One line whatever the manifest holds: ids, keys and values are quoted into messages as they are.
    super(message.replace(/[\n\r\u2028\u2029]/g, (c) => LINE_BREAK_ESCAPES[c]!));
  }
}

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

/** A refinement that reports what sampleFilters refuses in the field it checks: zod's issue path then names the field. */
function filterIssue(as: (list: string[]) => Parameters<typeof sampleFilters>[0]) {
  return (list: string[], ctx: z.RefinementCtx) => {
    try {
      sampleFilters(as(list));
    } catch (err) {
      if (!(err instanceof FilterError)) throw err;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: err.message });
    }
  };
}

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
  expect: z.object({
    lines: z.array(z.string()).min(1, 'lists no line'),
    order: z.enum(['sequential', 'none']).default('sequential'),
    mode: z.enum(['exact', 'substring']).default('exact'),
  }).strict().optional(),
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
  components: z.string().min(1),
  secrets: z.string().min(1),
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
    while (s instanceof z.ZodOptional || s instanceof z.ZodDefault || s instanceof z.ZodNullable) s = s._def.innerType;
    if (s instanceof z.ZodObject) {
      return Object.entries(s.shape as Record<string, z.ZodTypeAny>).flatMap(([k, v]) => {
        const p = prefix ? `${prefix}.${k}` : k;
        return [p, ...walk(v, p)];
      });
    }
    if (s instanceof z.ZodArray) return walk(s.element, `${prefix}[]`);
    return [];
  };
  // `samples` is the last top-level field, and its schema (a list of anything) adds no path.
  return [...walk(MANIFEST_SCHEMA, ''), ...walk(SAMPLE_SCHEMA, 'samples[]')];
}

function describeIssue(issue: z.ZodIssue): string {
  const field = issue.path.join('.') || '(top level)';
  if (issue.code === 'invalid_enum_value') {
    return `field "${field}": "${String(issue.received)}" is not one of ${issue.options.join(', ')}`;
  }
  // Stryker disable next-line ConditionalExpression: equivalent, no other issue these schemas raise (an enum's is handled above) has a received value; the code test is for the type checker
  if (issue.code === 'invalid_type' && issue.received === 'undefined') return `field "${field}" is missing`;
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return `field "${field}": ${issue.message}`;
}

function regexOrThrow(source: string, flags: string, where: string): RegExp {
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new ManifestError(`${where}: not a regular expression: ${(err as Error).message}`);
  }
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

  const components = path.resolve(root, top.data.components);
  const secrets = path.resolve(root, top.data.secrets);
  const seen = new Set<string>();
  const samples: SampleSpec[] = top.data.samples.map((rawEntry, index) => {
    const label = (rawEntry as { id?: unknown })?.id;
    const name = typeof label === 'string' ? `sample "${label}"` : `sample #${index + 1}`;
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


/**
 * Selects samples by filters: a full id (`javascript/sdk`), a language (`python`) or a variant
 * (`http`); several filters are OR'd, none selects all. An unknown filter is an error, not an empty run.
 */
export function selectSamples(samples: SampleSpec[], filters: string[]): SampleSpec[] {
  if (filters.length === 0) return samples;
  for (const f of filters) {
    const known = samples.some((s) => s.id === f || s.language === f || s.variant === f);
    if (!known) {
      const ids = samples.map((s) => s.id).join(', ');
      throw new ManifestError(`unknown sample filter "${f}": use a sample id (${ids}), a language or a variant`);
    }
  }
  return samples.filter((s) => filters.some((f) => s.id === f || s.language === f || s.variant === f));
}
