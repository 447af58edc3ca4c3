// A run step: one `dapr run -f` of the harness's copy of the run file (or of a one-app run file
// for a single-app `dapr run`), watched to its end by multi-run.ts, in the foreground or beside
// later steps. Its logs are kept in the sample's log folder; its apps' ports become named values.
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { GAVE_UP_MARK, harnessRunFile, RunFileError, singleAppRunFile, START_AFTER_CAP_S, type HarnessRunFile, type StartedApp } from '../../run/run-file.ts';
import { startMultiRun, type MultiRun, type MultiRunOutcome } from '../../run/multi-run.ts';
import { splitCommand } from '../../run/app-argv.ts';
import type { RunGoal } from '../../run/conditions.ts';
import { stepPhaseName } from '../../run/phases.ts';
import type { ScenarioStep } from '../../model.ts';
import { allocateDaprPorts, waitPortsFree } from '../../processes/ports.ts';
import { StepFailure, type StepAt, type StepContext } from './context.ts';

type RunStep = Extract<ScenarioStep, { kind: 'run' }>;

export async function runRunStep(step: RunStep, { index }: StepAt, c: StepContext): Promise<void> {
  const { out, background } = c;
  // Two runs of one app id at once would share its state and logs: a later run waits.
  const ids = step.apps.map((a) => a.appId);
  for (const b of background.filter((x) => x.appIds.some((id) => ids.includes(id)))) {
    await b.record;
    background.splice(background.indexOf(b), 1);
  }
  const started = await startRunStep(step, index, c);
  c.live.add(started.run);
  const down = c.serviceDown();
  if (down) started.run.stop(down);
  for (const a of started.apps) {
    if (a.daprHttpPort) c.values[`daprHttpPort:${a.appId}`] = String(a.daprHttpPort);
    if (a.appPort) c.values[`appPort:${a.appId}`] = String(a.appPort);
  }
  const finished = started.run.done.then((outcome) => {
    c.live.delete(started.run);
    out.runs.push({ step, index, outcome });
    out.logFiles.push(...keepRunLogs(c.logDir, index, outcome));
    for (const a of outcome.apps) {
      const gaveUp = a.lines.find((l) => l.includes(GAVE_UP_MARK));
      if (gaveUp) out.notes.push(`step ${index + 1}: ${a.appId}: ${gaveUp.slice(gaveUp.indexOf(GAVE_UP_MARK) + 'parity: '.length)}`);
    }
    if (outcome.leftovers.length) c.log(`${c.sampleId}: ${outcome.leftovers.length} process(es) outlived dapr run -f and were ended`);
    const ok = outcome.ended === 'done';
    out.steps.push({ kind: 'run', name: step.name, ...(step.line ? { line: step.line } : {}), ms: outcome.durationMs, ok, ...(ok ? {} : { detail: outcome.failure }) });
    out.phases[stepPhaseName(index, step.kind, step.name)] = outcome.durationMs;
    if (!ok && !out.failure) out.failure = `step ${index + 1} (${step.name}): ${outcome.failure}`;
  });
  if (step.background) background.push({ run: started.run, appIds: ids, record: finished });
  else await finished;
  if (out.failure) throw new StepFailure(out.failure);
}

/** How long a run waits at most for a port it fixes to be released by a program outside the harness's run. */
const PORT_WAIT_MS = 60_000;

/**
 * How long a run waits for a port it fixes: up to a minute, but never longer than the run itself
 * may take (a `--timeout 10` run that waited a minute before starting would not be one). Pure.
 */
export function portWaitMs(runTimeoutMs: number): number {
  return Math.min(PORT_WAIT_MS, runTimeoutMs);
}

/** Writes the harness's run file for a run step and starts it. */
async function startRunStep(step: RunStep, index: number, c: StepContext): Promise<{ run: MultiRun; apps: StartedApp[] }> {
  const { here } = c;
  let text: string;
  let runFileDir: string;
  if (step.launch.kind === 'file') {
    const original = here(step.launch.file);
    if (!existsSync(original)) throw new StepFailure(`step ${index + 1} (${step.name}): run file ${step.launch.file} does not exist`);
    text = readFileSync(original, 'utf8');
    runFileDir = path.dirname(original);
  } else {
    const appDir = here(step.launch.cwd);
    text = singleAppRunFile({
      appId: step.launch.appId, argv: splitCommand(step.launch.command), appDir,
      ...(step.launch.resources ? { resources: path.resolve(appDir, step.launch.resources) } : {}),
      ...(step.launch.appPort ? { appPort: step.launch.appPort } : {}),
      ...(step.launch.appProtocol ? { appProtocol: step.launch.appProtocol } : {}),
    });
    runFileDir = appDir;
    c.out.notes.push(`step ${index + 1}: the single-app dapr run is started as a one-app run file, so its app's output and exit are read as every app's are`);
  }
  const ports = await Promise.all(step.apps.map(() => allocateDaprPorts()));
  const after = Object.fromEntries(step.apps.flatMap((a) => (a.after ? [[a.appId, a.after.apps]] : [])));
  let generated: HarnessRunFile;
  try {
    generated = harnessRunFile(text, {
      runFileDir, ports, configFile: c.configFile, controlPlane: c.controlPlane,
      ...(Object.keys(after).length ? { after, wait: { node: process.execPath, capSeconds: START_AFTER_CAP_S } } : {}),
    });
  } catch (err) {
    if (err instanceof RunFileError) throw new StepFailure(`step ${index + 1} (${step.name}): run file: ${err.message}`);
    throw err;
  }
  const unknown = step.apps.filter((a) => !generated.apps.some((g) => g.appId === a.appId)).map((a) => a.appId);
  if (unknown.length) throw new StepFailure(`step ${index + 1} (${step.name}): the run file starts no app ${unknown.join(', ')} (it has ${generated.apps.map((a) => a.appId).join(', ')})`);
  // A port the sample fixes must be free: another program on an app's port would answer daprd for
  // the app (its subscriptions read from the wrong process), and a daprd port taken fails the sidecar.
  const fixed = [...new Set(generated.apps.flatMap((a) => [...(a.appPort ? [a.appPort] : []), ...a.fixedPorts]))];
  const waitMs = portWaitMs(c.timeoutMs ?? step.timeoutMs);
  const taken = fixed.length ? await waitPortsFree(fixed, waitMs) : [];
  if (taken.length) {
    throw new StepFailure(`step ${index + 1} (${step.name}): ${taken.map((t) => `port ${t.port}, which the sample fixes, is taken by another process${t.holder ? ` (${t.holder})` : ''}`).join('; ')} (waited ${waitMs / 1000} s)`);
  }
  for (const a of step.apps.filter((x) => x.after)) {
    const sidecars = `${a.after!.apps.map((x) => `${x}'s`).join(' and ')} sidecar${a.after!.apps.length > 1 ? 's were' : ' was'}`;
    c.out.notes.push(`step ${index + 1}: ${a.appId} started only once ${sidecars} ready (GET /v1.0/healthz answering 204, at most ${START_AFTER_CAP_S} s): ${a.after!.why}`);
  }
  const runFile = path.join(runFileDir, `.parity-run-${index + 1}.yaml`);
  writeFileSync(runFile, generated.yaml);
  const goal: RunGoal = { apps: step.apps, ...(step.expect ? { expect: step.expect } : {}) };
  // Apps the manifest does not list still run (the run file starts them): they are jobs to it.
  const listed = new Set(step.apps.map((a) => a.appId));
  const extra = generated.apps.filter((a) => !listed.has(a.appId)).map((a) => ({ appId: a.appId, role: 'job' as const }));
  const run = startMultiRun({
    cli: c.cli, runtimePath: c.runtimePath, runFile, apps: generated.apps,
    goal: { ...goal, apps: [...goal.apps, ...extra] },
    env: { ...c.env, PATH: [...c.pathPrepend, process.env.PATH ?? ''].join(path.delimiter) },
    timeoutMs: c.timeoutMs ?? step.timeoutMs,
    ...(c.signal ? { signal: c.signal } : {}),
    ...(c.apiToken ? { apiToken: c.apiToken } : {}),
  });
  return { run, apps: generated.apps };
}

/** The run's raw log (the CLI's output) and a copy of each app's and daprd's log file, in the sample's log folder. */
function keepRunLogs(logDir: string, index: number, outcome: MultiRunOutcome): string[] {
  const files: string[] = [];
  const cli = path.join(logDir, `run-${index + 1}.log`);
  writeFileSync(cli, `$ ${outcome.argv.join(' ')}\n${outcome.all}\n(${outcome.ended}${outcome.failure ? `: ${outcome.failure}` : ''}, ${outcome.durationMs} ms)\n`);
  files.push(cli);
  for (const app of outcome.apps) {
    for (const [kind, file] of [['app', app.appLog], ['daprd', app.daprdLog]] as const) {
      if (!file || !existsSync(file)) continue;
      const dest = path.join(logDir, `run-${index + 1}-${app.appId}-${kind}.log`);
      copyFileSync(file, dest);
      files.push(dest);
    }
  }
  return files;
}
