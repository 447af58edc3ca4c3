// One scenario sample, from its scratch copy to its result: the scenario run (once, or as many
// times as `--update` asks, every app's output then required to agree), each app judged against
// its own golden, its block's facts read, and its status decided (adapted when it needed an
// overlay or a recorded start order). The runner adds its names and times.
import path from 'node:path';
import type { AppResult, AppSpec, GoldenMode, SampleResult, SampleSpec, StepRecord } from '../model.ts';
import { pathRedactions } from '../output/redactions.ts';
import { outputRedactions } from '../output/shaping.ts';
import { readGolden, writeGoldenAtomic } from '../golden/store.ts';
import { stabilityVerdict } from '../golden/stability.ts';
import { sampleFacts } from '../parity/facts.ts';
import { unreachableReason } from '../samples/unreachable-registry.ts';
import { missingRuntime } from '../samples/missing-runtime.ts';
import { postgresAvailability } from '../services/postgres.ts';
import { redisAvailability } from '../services/redis.ts';
import { judgeApp, sortedLines, type AppJudgement } from './judge.ts';
import { runScenario, type ScenarioOutcome, type ScenarioRequest } from './run-scenario.ts';

/** A result less what the runner adds to every one, status by status. */
export type ScenarioResult<R = SampleResult> = R extends unknown ? Omit<R, 'id' | 'language' | 'variant' | 'durationMs' | 'attempts'> & { attempts?: number } : never;

export interface ScenarioSampleOptions extends Omit<ScenarioRequest, 'sample' | 'log'> {
  mode: GoldenMode;
  updateRuns: number;
  strict: boolean;
  log: (line: string) => void;
}

/** Why a service the sample needs cannot start here; undefined when all can. Asks for placement and scheduler (a build, the first time) only here. */
async function missingService(sample: SampleSpec, o: Pick<ScenarioSampleOptions, 'controlPlane'>): Promise<string | undefined> {
  for (const kind of sample.scenario!.services) {
    if (kind === 'redis' || kind === 'postgres') {
      const a = kind === 'redis' ? await redisAvailability() : await postgresAvailability();
      if (a.missing) return `needs ${kind}: ${a.missing}`;
      continue;
    }
    const cp = o.controlPlane ? await o.controlPlane() : { missing: 'no Dapr control plane was given to this run' };
    if ('missing' in cp) return `needs ${kind}: ${cp.missing}`;
  }
  return undefined;
}

/** Every app of every run step, in order, with its run's index. */
function appsOf(sample: SampleSpec): { app: AppSpec; step: number }[] {
  return sample.scenario!.steps.flatMap((s, i) => (s.kind === 'run' ? s.apps.map((app) => ({ app, step: i + 1 })) : []));
}

function judgeAll(sample: SampleSpec, outcome: ScenarioOutcome, goldens: Map<string, string | undefined>, o: ScenarioSampleOptions): AppJudgement[] {
  // The scratch copy stands for the tree: its path is [ROOT] too, replaced before the shorter home path it lies in.
  const redactions = [...pathRedactions({ root: outcome.scratchRoot }), ...outputRedactions(o.treeRoot, sample.redactions)];
  return appsOf(sample).flatMap(({ app, step }) => {
    const run = outcome.runs.find((r) => r.index + 1 === step);
    if (!run) return [];
    const lines = run.outcome.apps.find((a) => a.appId === app.appId)?.lines ?? [];
    return [judgeApp(app, lines, { step, root: o.treeRoot, golden: goldens.get(app.golden), mode: o.mode, sampleId: sample.id, filters: sample.filters, redactions })];
  });
}

function appResult(j: AppJudgement): AppResult {
  return {
    appId: j.appId, step: j.step, role: j.role, golden: j.goldenLabel, verdict: j.verdict, output: j.output, filtered: j.filtered,
    ...(j.diff ? { diff: j.diff } : {}), ...(j.expectedLines ? { expectedLines: j.expectedLines } : {}),
  };
}

export async function runScenarioSample(sample: SampleSpec, o: ScenarioSampleOptions): Promise<ScenarioResult> {
  const scenario = sample.scenario!;
  const cannotRunHere = (reason: string, logFile?: string): ScenarioResult => (o.strict ? { status: 'failed', reason: `--strict: ${reason}`, ...(logFile ? { logFile } : {}) } : { status: 'skipped', reason, ...(logFile ? { logFile } : {}) });
  const base = { block: sample.block, dropped: scenario.dropped, ...(scenario.divergences.length ? { divergences: scenario.divergences } : {}) };
  if (scenario.skip) return { ...base, ...cannotRunHere(scenario.skip) };
  const missing = await missingService(sample, o);
  if (missing) return { ...base, ...cannotRunHere(missing) };

  const goldens = new Map<string, string | undefined>();
  for (const { app } of appsOf(sample)) goldens.set(app.golden, await readGolden(app.golden));
  const runs = o.mode === 'overwrite' ? Math.max(1, o.updateRuns) : 1;
  const outcomes: ScenarioOutcome[] = [];
  const judged: AppJudgement[][] = [];
  for (let i = 0; i < runs; i++) {
    const outcome = await runScenario({ ...o, sample, log: o.log });
    outcomes.push(outcome);
    judged.push(judgeAll(sample, outcome, goldens, o));
    if (outcome.failure || outcome.unreachable) break;
  }
  const last = outcomes.at(-1)!;
  const apps = judged.at(-1)!;
  const phases: Record<string, number> = {};
  for (const out of outcomes) for (const [k, v] of Object.entries(out.phases)) phases[k] = (phases[k] ?? 0) + v;
  const steps: StepRecord[] = last.steps;
  // Read whenever the apps printed anything, pass or fail: a failed sample's facts still say how it differs.
  const facts = sample.block ? sampleFacts(sample.block, apps.some((a) => a.full) ? apps.map((a) => a.full) : [], last.stored) : undefined;
  const parts = {
    ...base, apps: apps.map(appResult), steps, notes: last.notes, phases, ...(facts ? { facts } : {}),
    ...(last.logFiles.length ? { logFile: path.dirname(last.logFiles[0]!) } : {}),
  };
  const output = apps.map((a) => `== ${a.appId} (run ${a.step}) ==\n${a.output}`).join('');
  const filtered: Record<string, number> = {};
  for (const a of apps) for (const [k, n] of Object.entries(a.filtered)) filtered[k] = (filtered[k] ?? 0) + n;
  const observed = { output, filtered, retries: [] };
  if (last.unreachable) return { ...parts, ...cannotRunHere(unreachableReason(last.unreachable), last.logFiles[0]) };
  const noRuntime = last.failure ? last.runs.map((r) => r.outcome.apps.map((a) => missingRuntime(a.lines)).find(Boolean)).find(Boolean) : undefined;
  if (noRuntime) return { ...parts, ...cannotRunHere(noRuntime) };
  if (last.failure) {
    const diff = apps.filter((a) => a.diff).map((a) => a.diff).join('\n');
    return { ...parts, ...observed, status: 'failed', reason: last.failure, ...(diff ? { diff } : {}) };
  }
  // Under --update every run must have printed the same, app by app, before anything is written.
  if (runs > 1) {
    for (const [k, j] of apps.entries()) {
      const spec = appsOf(sample)[k]!.app;
      const outputs = judged.map((js) => (spec.unordered ? sortedLines(js[k]?.output ?? '') : js[k]?.output ?? ''));
      const v = stabilityVerdict(outputs, j.goldenLabel);
      if (!v.stable) {
        // The same lines in another order: the app's order is not deterministic, which no filter fixes.
        const reordered = new Set(judged.map((js) => sortedLines(js[k]?.output ?? ''))).size === 1;
        const hint = reordered
          ? `; the runs printed the same lines in another order: mark the app \`unordered: true\` (steps[].apps.${j.appId}) in samples.yaml`
          : v.suggestions.length ? `; to hold them, add to the sample in samples.yaml:\n  ${v.suggestions.join('\n  ')}` : '';
        return { ...parts, ...observed, status: 'failed', reason: `${j.appId}: not recorded: the ${runs} runs printed different output (its golden is left as it was)${hint}`, diff: v.diff };
      }
    }
  }
  for (const a of apps.filter((x) => x.verdict === 'written')) {
    await writeGoldenAtomic(a.golden, a.output);
    o.log(`${sample.id}: golden ${a.goldenLabel} ${goldens.get(a.golden) === undefined ? 'created' : 'updated'}`);
  }
  const checked = { ...parts, ...observed };
  const failed = apps.find((a) => a.failure);
  if (failed) {
    const diff = apps.filter((a) => a.diff).map((a) => a.diff).join('\n');
    return { ...checked, status: 'failed', reason: failed.failure!, ...(diff ? { diff } : {}) };
  }
  const adapted = adaptations(sample);
  if (adapted.length) {
    const reason = adapted.join('; ');
    return o.strict ? { ...checked, status: 'failed', reason: `--strict: ${reason}` } : { ...checked, status: 'adapted', reason };
  }
  return { ...checked, status: 'passed' };
}

/** How the sample ran differently from its README, one reason each: its overlays, then its recorded start orders. Empty when it ran as written. */
export function adaptations(sample: SampleSpec): string[] {
  const { overlays } = sample.scenario!;
  const reasons = overlays.length ? [`passed with ${overlays.length} overlay(s): ${overlays.map((ov) => `${ov.file} (${ov.reason})`).join('; ')}`] : [];
  for (const { app } of appsOf(sample)) {
    if (!app.after) continue;
    const n = app.after.apps.length;
    reasons.push(`${app.appId} started after ${app.after.apps.map((a) => `${a}'s`).join(' and ')} sidecar${n > 1 ? 's were' : ' was'} ready: ${app.after.why}`);
  }
  return reasons;
}
