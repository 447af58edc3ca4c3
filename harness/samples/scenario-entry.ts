// A manifest entry in the scenario form (a tree of several quickstarts): the sample as ordered
// steps, with the services it needs, the edits it runs with and the README steps left out. Turns
// one raw entry into a SampleSpec; every error names the entry and the field, as manifest.ts does.
import path from 'node:path';
import { z } from 'zod';
import { SERVICES, LANGUAGES, TOOLCHAINS, VARIANTS, type AppSpec, type Launch, type RequestStep, type SampleSpec, type ScenarioStep } from '../model.ts';
import { sampleFilters } from '../output/filters.ts';
import { describeIssue, EXPECT_SCHEMA, filterIssue, ManifestError, regexOrThrow } from './manifest-error.ts';
import { toolchainEnv } from './toolchain-env.ts';

/** A run step's cap when neither it nor the sample gives one: what a slow JVM start and a 100-iteration loop need. */
export const DEFAULT_RUN_TIMEOUT_S = 300;
/** How long a wait step waits when it gives no cap. */
export const DEFAULT_WAIT_TIMEOUT_S = 60;
/** A request step's cap (its port listening, then its polls) when it gives none. */
export const DEFAULT_REQUEST_TIMEOUT_S = 60;

/** One app of a run step (keyed by its app id). */
export const APP_SCHEMA = z.object({
  role: z.enum(['job', 'server']).default('job'),
  expect: EXPECT_SCHEMA.optional(),
  until: EXPECT_SCHEMA.optional(),
  golden: z.string().min(1).optional(),
  unordered: z.boolean().default(false),
  // A recorded start order (the user's decision, never inferred): the app starts once these apps' sidecars are ready.
  after: z.object({ apps: z.array(z.string().min(1)).min(1, 'lists no app'), why: z.string().min(1) }).strict().optional(),
}).strict();

const STEP_COMMON = { name: z.string().min(1).optional(), line: z.number().int().positive().optional() };

const LAUNCH_SCHEMA = z.union([
  z.object({ file: z.string().min(1) }).strict(),
  z.object({
    appId: z.string().min(1),
    command: z.string().min(1),
    cwd: z.string().min(1).default('.'),
    resources: z.string().min(1).optional(),
    appPort: z.number().int().min(1).max(65535).optional(),
    appProtocol: z.enum(['http', 'grpc', 'https', 'grpcs', 'h2c']).optional(),
  }).strict(),
]);

const VALUE_NAME = z.string().regex(/^[A-Za-z_][\w]*$/, 'must be a name (letters, digits, _)');
/** What a request step does with its response (an HTTP request's or a `dapr invoke`'s). */
const RESPONSE_FIELDS = {
  capture: z.record(VALUE_NAME, z.string().min(1)).default({}),
  until: z.object({ field: z.string().min(1), equals: z.string(), everySeconds: z.number().positive().default(1) }).strict().optional(),
  status: z.number().int().min(100).max(599).optional(),
  expect: EXPECT_SCHEMA.optional(),
  timeoutSeconds: z.number().positive().optional(),
};

/** A scenario's steps: each an object holding exactly one of install, sh, run, wait, stop, http, dapr. */
export const STEP_SCHEMAS = {
  install: z.object({ install: z.string().min(1), cwd: z.string().min(1).default('.'), inputs: z.array(z.string().min(1)).default([]), outputs: z.array(z.string().min(1)).default([]), ...STEP_COMMON }).strict(),
  sh: z.object({ sh: z.string().min(1), cwd: z.string().min(1).default('.'), expect: EXPECT_SCHEMA.optional(), note: z.string().min(1).optional(), ...STEP_COMMON }).strict(),
  run: z.object({
    run: LAUNCH_SCHEMA,
    apps: z.record(z.string().min(1), APP_SCHEMA).refine((a) => Object.keys(a).length > 0, 'lists no app'),
    // Lines the README expects from the run without saying which app prints them (mechanical-markdown's own reading).
    expect: EXPECT_SCHEMA.optional(),
    background: z.boolean().default(false),
    timeoutSeconds: z.number().positive().optional(),
    ...STEP_COMMON,
  }).strict(),
  wait: z.object({ wait: z.union([z.object({ app: z.string().min(1), line: z.string().min(1) }).strict(), z.object({ subscribed: z.array(z.string().min(1)).min(1) }).strict()]), timeoutSeconds: z.number().positive().optional(), ...STEP_COMMON }).strict(),
  stop: z.object({ stop: z.literal(true), ...STEP_COMMON }).strict(),
  http: z.object({
    http: z.object({
      method: z.string().regex(/^[A-Z]+$/, 'must be an HTTP method in capitals').default('GET'),
      url: z.string().regex(/^https?:\/\//, 'must start with http:// or https://'),
      headers: z.record(z.string().min(1), z.string()).default({}),
      body: z.string().optional(),
    }).strict(),
    ...RESPONSE_FIELDS, ...STEP_COMMON,
  }).strict(),
  // `dapr invoke …` / `dapr publish …`: the arguments after `dapr`, run by the harness's CLI in its isolated home.
  dapr: z.object({ dapr: z.string().regex(/^(invoke|publish)\s/, 'must be an invoke or publish command'), cwd: z.string().min(1).default('.'), ...RESPONSE_FIELDS, ...STEP_COMMON }).strict(),
} as const;

/** An entry of a tree of several quickstarts: a sample as steps. */
export const SCENARIO_SCHEMA = z.object({
  id: z.string().regex(/^[a-z0-9_-]+\/[a-z0-9-]+\/[a-z0-9-]+$/, 'must look like <block>/<language>/<variant>'),
  block: z.string().regex(/^[a-z0-9_-]+$/, 'must be a folder name'),
  language: z.enum(LANGUAGES),
  variant: z.enum(VARIANTS),
  dir: z.string().min(1),
  toolchains: z.array(z.enum(TOOLCHAINS)).default([]),
  services: z.array(z.enum(SERVICES)).default([]),
  skip: z.string().min(1).optional(),
  source: z.string().min(1).optional(),
  timeoutSeconds: z.number().positive().optional(),
  env: z.record(z.string(), z.string()).default({}),
  path: z.array(z.string().min(1)).default([]),
  overlays: z.array(z.object({ file: z.string().min(1), replace: z.string().min(1), with: z.string(), reason: z.string().min(1) }).strict()).default([]),
  dropped: z.array(z.object({ line: z.number().int().positive(), what: z.string().min(1), why: z.string().min(1) }).strict()).default([]),
  python: z.object({ min: z.string().regex(/^3\.\d+$/, 'must be a Python version like 3.12'), why: z.string().min(1).optional() }).strict().optional(),
  divergences: z.array(z.object({ fact: z.string().min(1), why: z.string().min(1) }).strict()).default([]),
  steps: z.array(z.unknown()).min(1, 'lists no step'),
  ignore: z.array(z.string().min(1)).default([]).superRefine(filterIssue((ignore) => ({ ignore }))),
  filtersOff: z.array(z.string().min(1)).default([]).superRefine(filterIssue((keep) => ({ keep }))),
  redact: z.array(z.object({ pattern: z.string().min(1), replacement: z.string() }).strict()).default([]),
}).strict();

/** The one kind key a step object holds; undefined when it holds none or several. */
function stepKind(raw: unknown): keyof typeof STEP_SCHEMAS | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const kinds = (Object.keys(STEP_SCHEMAS) as (keyof typeof STEP_SCHEMAS)[]).filter((k) => k in raw);
  return kinds.length === 1 ? kinds[0] : undefined;
}

/**
 * The golden of an app's k-th run in the sample (1-based): `expected/<block>/<language>-<variant>/<appId>.txt`,
 * `…/<appId>-<k>.txt` for its later runs (the same app run again, say as a single-app run after a run file).
 */
export function defaultAppGolden(e: { block: string; language: string; variant: string }, appId: string, k: number): string {
  return `expected/${e.block}/${e.language}-${e.variant}/${appId}${k > 1 ? `-${k}` : ''}.txt`;
}

/** An app's `after` names other apps of its own run file: those the step lists (the run file must start them all). */
function checkAfter(appId: string, names: string[], listed: string[], launch: Launch, field: string, fail: (what: string) => never): void {
  if (launch.kind === 'app') fail(`field "${field}": a single-app run starts no other app to wait for`);
  for (const name of names) {
    if (name === appId) fail(`field "${field}": "${name}" is the app itself`);
    if (!listed.includes(name)) fail(`field "${field}": "${name}" is not an app of this run step (it lists ${listed.join(', ')})`);
  }
}

/** The first cycle of waits among a step's apps (a → b → a), as the ids along it; undefined when there is none. */
function afterCycle(apps: Record<string, { after?: { apps: string[] } | undefined }>): string[] | undefined {
  const done = new Set<string>();
  const visit = (id: string, trail: string[]): string[] | undefined => {
    if (trail.includes(id)) return [...trail.slice(trail.indexOf(id)), id];
    if (done.has(id)) return undefined;
    for (const next of apps[id]?.after?.apps ?? []) {
      const c = visit(next, [...trail, id]);
      if (c) return c;
    }
    done.add(id);
    return undefined;
  };
  for (const id of Object.keys(apps)) {
    const c = visit(id, []);
    if (c) return c;
  }
  return undefined;
}

/** Parses one scenario entry (already known to hold `steps`). `root` is the manifest's folder. */
export function parseScenarioEntry(rawEntry: unknown, o: { root: string; where: string; name: string; defaultTimeoutS: number }): SampleSpec {
  const fail = (what: string): never => {
    throw new ManifestError(`${o.where}: ${o.name}: ${what}`);
  };
  const parsed = SCENARIO_SCHEMA.safeParse(rawEntry);
  if (!parsed.success) fail(describeIssue(parsed.error.issues[0]!));
  const e = parsed.data!;
  if (e.id !== `${e.block}/${e.language}/${e.variant}`) fail(`field "id" must be "${e.block}/${e.language}/${e.variant}" (block/language/variant)`);
  const dir = path.resolve(o.root, e.dir);
  const runsOf = new Map<string, number>();
  const sampleTimeoutS = e.timeoutSeconds ?? Math.max(o.defaultTimeoutS, DEFAULT_RUN_TIMEOUT_S);
  const steps: ScenarioStep[] = e.steps.map((raw, i): ScenarioStep => {
    const at = `steps.${i}`;
    const kind = stepKind(raw);
    if (!kind) fail(`field "${at}": a step holds exactly one of ${Object.keys(STEP_SCHEMAS).join(', ')}`);
    const r = STEP_SCHEMAS[kind!].safeParse(raw);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      fail(describeIssue({ ...issue, path: [at, ...issue.path] }));
    }
    const common = (name: string) => ({ name: r.data!.name ?? name, ...(r.data!.line ? { line: r.data!.line } : {}) });
    switch (kind!) {
      case 'install': {
        const s = r.data as z.infer<typeof STEP_SCHEMAS.install>;
        // The stamp keys on the command as run, so the folder it runs in is part of it.
        const run = s.cwd === '.' ? s.install : `cd ${JSON.stringify(s.cwd)} && ${s.install}`;
        return { kind: 'install', ...common(s.install), install: { run, inputs: s.inputs, outputs: s.outputs } };
      }
      case 'sh': {
        const s = r.data as z.infer<typeof STEP_SCHEMAS.sh>;
        return { kind: 'sh', ...common(s.sh), run: s.sh, cwd: s.cwd, ...(s.expect ? { expect: s.expect } : {}), ...(s.note ? { note: s.note } : {}) };
      }
      case 'run': {
        const s = r.data as z.infer<typeof STEP_SCHEMAS.run>;
        const launch: Launch = 'file' in s.run ? { kind: 'file', file: s.run.file } : { kind: 'app', ...s.run };
        const apps: AppSpec[] = Object.entries(s.apps).map(([appId, a]) => {
          const k = (runsOf.get(appId) ?? 0) + 1;
          runsOf.set(appId, k);
          if (launch.kind === 'app' && appId !== launch.appId) fail(`field "${at}.apps.${appId}": the run starts only "${launch.appId}"`);
          if (a.after) checkAfter(appId, a.after.apps, Object.keys(s.apps), launch, `${at}.apps.${appId}.after.apps`, fail);
          return {
            appId, role: a.role, unordered: a.unordered,
            ...(a.after ? { after: a.after } : {}),
            golden: path.resolve(o.root, a.golden ?? defaultAppGolden(e, appId, k)),
            ...(a.expect ? { expect: a.expect } : {}),
            ...(a.until ? { until: a.until } : {}),
          };
        });
        const cycle = afterCycle(s.apps);
        if (cycle) fail(`field "${at}.apps.${cycle[0]}.after.apps": the apps wait for each other (${cycle.join(' → ')}), so none would start before the cap`);
        const name = launch.kind === 'file' ? `dapr run -f ${launch.file}` : `dapr run --app-id ${launch.appId} -- ${launch.command}`;
        return { kind: 'run', ...common(name), launch, apps, ...(s.expect ? { expect: s.expect } : {}), background: s.background, timeoutMs: (s.timeoutSeconds ?? sampleTimeoutS) * 1000 };
      }
      case 'wait': {
        const s = r.data as z.infer<typeof STEP_SCHEMAS.wait>;
        const timeoutMs = (s.timeoutSeconds ?? DEFAULT_WAIT_TIMEOUT_S) * 1000;
        if ('subscribed' in s.wait) return { kind: 'wait', ...common(`wait for a subscriber of ${s.wait.subscribed.join(', ')} on redis`), subscribed: s.wait.subscribed, timeoutMs };
        return { kind: 'wait', ...common(`wait for "${s.wait.line}" from ${s.wait.app}`), app: s.wait.app, match: s.wait.line, timeoutMs };
      }
      case 'http':
      case 'dapr': {
        const s = r.data as z.infer<typeof STEP_SCHEMAS.http> | z.infer<typeof STEP_SCHEMAS.dapr>;
        const request: RequestStep['request'] = 'http' in s
          ? { kind: 'http', method: s.http.method, url: s.http.url, headers: s.http.headers, ...(s.http.body !== undefined ? { body: s.http.body } : {}) }
          : { kind: 'dapr', args: s.dapr, cwd: s.cwd };
        return {
          kind: 'request', ...common(request.kind === 'http' ? `${request.method} ${request.url}` : `dapr ${request.args}`),
          request, capture: s.capture,
          ...(s.until ? { until: { field: s.until.field, equals: s.until.equals, everyMs: s.until.everySeconds * 1000 } } : {}),
          ...(s.status !== undefined ? { status: s.status } : {}),
          ...(s.expect ? { expect: s.expect } : {}),
          timeoutMs: (s.timeoutSeconds ?? DEFAULT_REQUEST_TIMEOUT_S) * 1000,
        };
      }
      default:
        return { kind: 'stop', ...common('end the background run') };
    }
  });
  const goldens = steps.flatMap((s) => (s.kind === 'run' ? s.apps.map((a) => a.golden) : []));
  const dup = goldens.find((g, i) => goldens.indexOf(g) !== i);
  if (dup) fail(`two apps share the golden ${path.relative(o.root, dup)}`);
  const firstGolden = goldens[0] ?? path.resolve(o.root, defaultAppGolden(e, 'app', 1));
  const firstApp = steps.find((s) => s.kind === 'run');
  return {
    id: e.id,
    block: e.block,
    language: e.language,
    variant: e.variant,
    dir,
    appId: firstApp?.kind === 'run' ? firstApp.apps[0]!.appId : '',
    toolchains: e.toolchains,
    install: [],
    pathPrepend: e.path.map((p) => path.resolve(dir, p)),
    run: firstApp?.kind === 'run' ? firstApp.name : '',
    golden: firstGolden,
    timeoutMs: sampleTimeoutS * 1000,
    source: path.resolve(dir, e.source ?? '.'),
    env: { ...toolchainEnv(e.toolchains), ...e.env },
    filters: sampleFilters({ ignore: e.ignore, keep: e.filtersOff }),
    redactions: e.redact.map((r, i) => ({ name: `redact[${i}]`, pattern: regexOrThrow(r.pattern, 'g', `${o.where}: ${o.name}: field "redact.${i}.pattern"`), replacement: r.replacement })),
    ...(e.python ? { python: e.python } : {}),
    scenario: {
      steps,
      services: e.services,
      overlays: e.overlays,
      dropped: e.dropped,
      divergences: e.divergences,
      ...(e.skip ? { skip: e.skip } : {}),
    },
  };
}
