// The tree benchmark's decisions, kept pure so tests can hold them: which samples it compares (as
// `parity run` judged them), which READMEs mechanical-markdown cannot run here and why, what the
// floor runs of a scenario, the Dapr home mechanical-markdown finds, and the ratios it prints.
import type { Launch, RunReport, SampleSpec, ServiceKind } from '../../harness/model.ts';

/** What the warm `parity run` made of each selected sample: only those it ran to a verdict are timed. */
export interface BenchSelection {
  /** Passed, flaky or adapted: run here, so their times mean something. */
  ran: string[];
  /** Skipped by `parity run` itself (a toolchain, a registry, a runtime, a service, the Python floor…), with its reason. */
  skipped: { id: string; reason: string }[];
  /** Failed: a failing sample's time is its failure's, not the sample's; listed, not compared. */
  failed: { id: string; reason: string }[];
}

export function selectFromReport(report: Pick<RunReport, 'samples'>): BenchSelection {
  const out: BenchSelection = { ran: [], skipped: [], failed: [] };
  for (const s of report.samples) {
    if (s.status === 'skipped') out.skipped.push({ id: s.id, reason: s.reason ?? 'skipped' });
    else if (s.status === 'failed') out.failed.push({ id: s.id, reason: (s.reason ?? 'failed').split('\n')[0]! });
    else out.ran.push(s.id);
  }
  return out;
}

/** The README's mechanical-markdown step blocks (`<!-- STEP … <!-- END_STEP -->`), as text. */
export function stepBlocks(readme: string): string[] {
  return [...readme.matchAll(/<!--\s*STEP\b[\s\S]*?<!--\s*END_STEP\s*-->/g)].map((m) => m[0]);
}

/** Services mechanical-markdown's CI gets from `dapr init` (Docker containers) or a compose file; here only redis is given it. */
const MM_SERVICE_WHY: Record<Exclude<ServiceKind, 'redis'>, string> = {
  postgres: 'needs PostgreSQL, which its CI runs in Docker',
  placement: 'needs the placement service, which `dapr init` runs in Docker (--slim starts none)',
  scheduler: 'needs the scheduler service, which `dapr init` runs in Docker (--slim starts none)',
};

/**
 * Why mechanical-markdown cannot run this sample's README on this machine (undefined: it can).
 * Given: a redis on 6379, the Dapr home `dapr init` writes, the `provided` services on their
 * default ports; no Docker.
 */
export function mmBlocker(sample: Pick<SampleSpec, 'block' | 'scenario'>, readme: string | undefined, provided: readonly ServiceKind[] = ['redis']): string | undefined {
  if (readme === undefined) return 'no README.md in the sample folder';
  const steps = stepBlocks(readme);
  if (steps.length === 0) return 'its README has no mechanical-markdown steps';
  const text = steps.join('\n');
  const docker = /\bdocker(?:-compose|\s+compose)?\b[^\n]*/.exec(text);
  if (docker) return /compose/.test(docker[0]) ? 'its README runs docker compose' : `its README runs Docker (\`${docker[0].trim().slice(0, 60)}\`)`;
  if (sample.block === 'conversation' || /\b(?:OPENAI|ANTHROPIC|GOOGLE|MISTRAL|HUGGINGFACE)_API_KEY\b|\bLLM\b/i.test(text)) return 'needs an LLM provider (an API key)';
  for (const svc of sample.scenario?.services ?? []) if (svc !== 'redis' && !provided.includes(svc)) return MM_SERVICE_WHY[svc];
  return undefined;
}

/** One run step of a scenario as the floor types it: bare `dapr run`, ended once its jobs have exited. */
export interface FloorRun {
  name: string;
  launch: Launch;
  /** Apps that end by themselves; the run is over when every one has. */
  jobs: string[];
}

/** The floor of a sample: its seed (`sh`) steps, untimed, then its run steps one after another; or why it has none. */
export type FloorPlan = { runs: FloorRun[]; seeds: { run: string; cwd: string }[]; installs: { run: string; cwd: string }[] } | { why: string };

export function floorPlan(sample: Pick<SampleSpec, 'scenario'>): FloorPlan {
  const sc = sample.scenario;
  if (!sc) return { why: 'not a scenario entry (the repo mode times one-app samples)' };
  if (sc.skip) return { why: sc.skip };
  const runs: FloorRun[] = [];
  const seeds: { run: string; cwd: string }[] = [];
  const installs: { run: string; cwd: string }[] = [];
  for (const st of sc.steps) {
    if (st.kind === 'install') installs.push({ run: st.install.run, cwd: '.' });
    if (st.kind === 'sh') seeds.push({ run: st.run, cwd: st.cwd });
    if (st.kind !== 'run') continue;
    const jobs = st.apps.filter((a) => a.role === 'job').map((a) => a.appId);
    // A run of servers only ends when someone stops it: what it serves is the requests' business, which a bare `dapr run` has none of.
    if (jobs.length === 0) return { why: `run "${st.name}" starts only servers (${st.apps.map((a) => a.appId).join(', ')}): a bare dapr run of it never ends by itself` };
    runs.push({ name: st.name, launch: st.launch, jobs });
  }
  if (runs.length === 0) return { why: 'no run step' };
  return { runs, seeds, installs };
}

/** The files of the Dapr home mechanical-markdown's `dapr run`s find: redis state store and pub/sub, as `dapr init` writes them, at the bench's redis. */
export function mmHomeComponents(redis: { host: string; port: number }): Record<string, string> {
  const redisComponent = (name: string, type: string, extra: string) =>
    `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: ${type}\n  version: v1\n  metadata:\n  - name: redisHost\n    value: ${redis.host}:${redis.port}\n  - name: redisPassword\n    value: ""\n${extra}`;
  return {
    '.dapr/components/statestore.yaml': redisComponent('statestore', 'state.redis', '  - name: actorStateStore\n    value: "true"\n'),
    '.dapr/components/pubsub.yaml': redisComponent('pubsub', 'pubsub.redis', ''),
  };
}

// ---------------------------------------------------------------------------------- the figures

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

/** One sample's times over the rounds; mm or floor absent when they could not run it (with why). */
export interface SampleTimes {
  id: string;
  harnessMs: number[];
  /** The harness's phases per round (report.json), which say where its time over the floor's went. */
  phases?: Record<string, number>[];
  mmMs?: number[];
  mmWhy?: string;
  floorMs?: number[];
  floorWhy?: string;
}

export interface SampleFigures {
  id: string;
  harnessMs: number;
  /** Median ms of each harness phase. */
  phases: Record<string, number>;
  mmMs?: number;
  floorMs?: number;
  /** mechanical-markdown's time over the harness's (≥ 5 is the goal). */
  mmOverHarness?: number;
  /** The harness's time over the floor's, less one (≤ 0.10 is the goal). */
  overFloor?: number;
  mmWhy?: string;
  floorWhy?: string;
}

export const MM_GOAL = 5;
export const FLOOR_GOAL = 0.1;

export interface TreeSummary {
  perSample: SampleFigures[];
  /** Over the samples both the harness and mechanical-markdown ran: the sums of their medians. */
  mm: { samples: number; harnessMs: number; mmMs: number; ratio?: number; met?: boolean };
  /** Over the samples both the harness and the floor ran. */
  floor: { samples: number; harnessMs: number; floorMs: number; overhead?: number; met?: boolean };
}

export function summarise(rows: readonly SampleTimes[]): TreeSummary {
  const perSample = rows.map((r): SampleFigures => {
    const h = median(r.harnessMs);
    const mm = r.mmMs?.length ? median(r.mmMs) : undefined;
    const fl = r.floorMs?.length ? median(r.floorMs) : undefined;
    const keys = [...new Set((r.phases ?? []).flatMap((p) => Object.keys(p)))];
    const phases = Object.fromEntries(keys.map((k) => [k, Math.round(median((r.phases ?? []).map((p) => p[k] ?? 0)))]));
    return {
      id: r.id, harnessMs: h, phases,
      ...(mm !== undefined ? { mmMs: mm, mmOverHarness: mm / h } : { mmWhy: r.mmWhy ?? 'not run' }),
      ...(fl !== undefined ? { floorMs: fl, overFloor: h / fl - 1 } : { floorWhy: r.floorWhy ?? 'not run' }),
    };
  });
  const both = perSample.filter((p) => p.mmMs !== undefined);
  const mmH = both.reduce((a, p) => a + p.harnessMs, 0);
  const mmT = both.reduce((a, p) => a + p.mmMs!, 0);
  const fl = perSample.filter((p) => p.floorMs !== undefined);
  const flH = fl.reduce((a, p) => a + p.harnessMs, 0);
  const flT = fl.reduce((a, p) => a + p.floorMs!, 0);
  const ratio = both.length ? mmT / mmH : undefined;
  const overhead = fl.length ? flH / flT - 1 : undefined;
  return {
    perSample,
    mm: { samples: both.length, harnessMs: mmH, mmMs: mmT, ...(ratio !== undefined ? { ratio, met: ratio >= MM_GOAL } : {}) },
    floor: { samples: fl.length, harnessMs: flH, floorMs: flT, ...(overhead !== undefined ? { overhead, met: overhead <= FLOOR_GOAL } : {}) },
  };
}

const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

/** bench.md for a tree: the per-sample table, the totals against their goals, what was left out and why. */
export function treeMarkdown(s: TreeSummary, o: { header: string; skipped: BenchSelection['skipped']; failed: BenchSelection['failed']; notes: string[] }): string {
  const lines = [
    o.header, '',
    '| sample | harness (warm, report.json) | mechanical-markdown (README wall) | mm / harness | floor (bare `dapr run`s) | harness vs floor | harness phases (median ms) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...s.perSample.map((p) => `| ${p.id} | ${secs(p.harnessMs)} | ${p.mmMs !== undefined ? secs(p.mmMs) : `— (${p.mmWhy})`} | ${p.mmOverHarness !== undefined ? `${p.mmOverHarness.toFixed(2)}×` : '—'} | ${p.floorMs !== undefined ? secs(p.floorMs) : `— (${p.floorWhy})`} | ${p.overFloor !== undefined ? pct(p.overFloor) : '—'} | ${Object.entries(p.phases).map(([k, v]) => `${k} ${v}`).join(', ')} |`),
    '',
    s.mm.ratio !== undefined
      ? `Total over the ${s.mm.samples} sample(s) both ran: mechanical-markdown ${secs(s.mm.mmMs)} / harness ${secs(s.mm.harnessMs)} = ${s.mm.ratio.toFixed(2)}× (goal ≥ ${MM_GOAL}×: ${s.mm.met ? 'met' : 'NOT met'}).`
      : 'mechanical-markdown ran none of the samples the harness ran: no ratio.',
    s.floor.overhead !== undefined
      ? `Total over the ${s.floor.samples} sample(s) the floor ran: harness ${secs(s.floor.harnessMs)} / floor ${secs(s.floor.floorMs)}: ${pct(s.floor.overhead)} (goal ≤ ${pct(FLOOR_GOAL)}: ${s.floor.met ? 'met' : 'NOT met'}).`
      : 'The floor ran none of the samples: no overhead.',
  ];
  if (o.skipped.length || o.failed.length) {
    lines.push('', 'Not compared:', ...o.skipped.map((x) => `- ${x.id}: skipped by parity run: ${x.reason}`), ...o.failed.map((x) => `- ${x.id}: failed under parity run: ${x.reason}`));
  }
  if (o.notes.length) lines.push('', ...o.notes.map((n) => `- ${n}`));
  return `${lines.join('\n')}\n`;
}
