// `parity run [filters…]`: the selected samples under the real `dapr run`, reported to the console,
// report.json, junit.xml and summary.md; exits by report/exit-code.ts.
import path from 'node:path';
import * as deps from '../cli-deps.ts';
import { InputError } from '../input-error.ts';
import type { DaprVersions, RunReport } from '../model.ts';
import { parseShard, shardSamples } from '../samples/shard.ts';
import type { CommandContext, GlobalOpts } from './context.ts';

export async function runCommand(filters: string[], o: GlobalOpts & {
  update: boolean; strict: boolean; reportDir: string; concurrency: string; timeout?: string; retries: string; daprHttpPort?: string; updateRuns: string;
  apiToken: boolean; scoped: boolean; baseline?: string; failOn: 'any' | 'new'; dapr?: string; shard?: string;
}, ctx: CommandContext): Promise<number> {
  const {
    updateRefusal, loadManifest, selectSamples, checkInputs, securitySettings, SECRET_KEY, loadBaseline, lastDurations, BaselineError, acquireLock,
    announceTreeCommands, describeSecurity, runMatrix, resolveDapr, chooseDaprFrom, runSamples, markChanges, fanOut, runReporters, exitCode, startSupervision,
  } = deps;
  const refusal = updateRefusal(o.update);
  if (refusal) throw new InputError(refusal);
  const manifest = loadManifest(o.root, { cacheParse: true });
  const selected = selectSamples(manifest.samples, filters);
  const samples = o.shard === undefined ? selected : shardSamples(selected, parseShard(o.shard));
  // The shared components and secrets file are the one-app samples' inputs; scenarios name their own.
  if (manifest.samples.some((sm) => !sm.scenario)) checkInputs(manifest);
  const security = securitySettings(manifest, { apiToken: o.apiToken, scoped: o.scoped }, SECRET_KEY);
  // The argument spec (cli/arg-spec.ts: count(), and <seconds>, <port> by placeholder) has checked
  // these whole numbers before any command runs.
  const concurrency = Number(o.concurrency);
  const retries = Number(o.retries);
  const updateRuns = Number(o.updateRuns);
  const timeoutMs = o.timeout === undefined ? undefined : Number(o.timeout) * 1000;
  const httpPort = o.daprHttpPort === undefined ? undefined : Number(o.daprHttpPort);
  const reportDir = path.resolve(o.reportDir);
  // A missing or unreadable baseline is said once; the run goes on without it.
  let baseline: RunReport | undefined;
  if (o.baseline !== undefined) {
    try {
      baseline = loadBaseline(o.baseline);
    } catch (err) {
      if (!(err instanceof BaselineError)) throw err;
      ctx.log(`parity: ${err.message}`);
    }
  }
  // A lone runtime in --dapr takes the CLI the source would: its pin, or --dapr-cli.
  const loneCli = deps.resolveVersions({ cli: o.daprCli }, deps.chooseDaprFrom(o).kind === 'build' ? 'build' : 'release').cli;
  const pairs = o.dapr === undefined ? undefined : await resolvePairs(o.dapr, loneCli);
  // Before the first child: a reaper for this run, and what dead runs left ended.
  await startSupervision(ctx.log);
  const release = await acquireLock(path.join(reportDir, '.lock'), `report folder ${reportDir}`);
  try {
    // Registered once: the progress lines while it runs, the files and the summary at its end.
    // The folder as the user gave it: a path relative to here can read like another folder.
    const reporters = runReporters({ reportDir, shownDir: o.reportDir, stdout: (text) => process.stdout.write(text), progress: ctx.log });
    const lastDurationsMs = lastDurations(path.join(reportDir, 'report.json'));
    const common = { reporters, manifest, samples, reportDir, lastDurationsMs, mode: o.update ? 'overwrite' as const : 'verify' as const, updateRuns, strict: o.strict, concurrency, timeoutMs, retries, httpPort, log: ctx.log, signal: ctx.signal, ...security };
    const binaries = pairs ? undefined : await ctx.dapr();
    ctx.log(binaries
      ? `dapr CLI ${binaries.cli.version}, daprd ${binaries.daprd.version} (${binaries.source}); ${samples.length} sample(s), concurrency ${concurrency}`
      : `${pairs!.length} Dapr version pair(s): ${pairs!.map((p) => `${p.cli}@${p.runtime}`).join(', ')}; ${samples.length} sample(s) each, concurrency ${concurrency}`);
    // A tree's first run shows the commands it runs; the security modes are said once.
    await announceTreeCommands(manifest, ctx.log);
    for (const l of describeSecurity(security)) ctx.log(l);
    const ran = binaries
      ? await runSamples({ ...common, dapr: binaries })
      : await runMatrix(pairs!, (versions) => resolveDapr({ from: chooseDaprFrom(o), versions, releaseUrl: o.daprReleaseUrl, progress: ctx.log }), common);
    const report = baseline ? markChanges(ran, baseline, o.baseline!) : ran;
    await fanOut(reporters).onRunEnd(report);
    return exitCode(report, { failOn: o.failOn, interrupted: ctx.interrupted() });
  } finally {
    await release();
  }
}

/** `--dapr` pairs, each version made exact (X.Y.x, latest, previous, rc looked up), or one line why not. */
async function resolvePairs(spec: string, loneCli: string): Promise<DaprVersions[]> {
  const { parseMatrixSpec, resolveVersionSpec } = deps;
  const out: DaprVersions[] = [];
  for (const pair of parseMatrixSpec(spec, loneCli)) {
    const [cli, runtime] = await Promise.all([resolveVersionSpec('cli', pair.cli), resolveVersionSpec('runtime', pair.runtime)]);
    if (!cli.version || !runtime.version) throw new InputError(`--dapr "${pair.written}": ${cli.why ?? runtime.why}`);
    out.push({ cli: cli.version.replace(/^v/, ''), runtime: runtime.version.replace(/^v/, '') });
  }
  return out;
}
