// A shell step (an install's seed, a verify command): run once in the scratch copy, its output
// kept in the step's log file, its exit and expected lines deciding it.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioStep } from '../../model.ts';
import { runShellStep } from '../../processes/shell-step.ts';
import { checkExpectedLines } from '../../golden/expected-lines.ts';
import { stepPhaseName } from '../../run/phases.ts';
import { StepFailure, type StepAt, type StepContext } from './context.ts';

const SH_TIMEOUT_MS = 120_000;

export async function runShStep(step: Extract<ScenarioStep, { kind: 'sh' }>, { index, record }: StepAt, c: StepContext): Promise<void> {
  const r = await c.time(stepPhaseName(index, step.kind, step.name), () => runShellStep(step.run, { cwd: c.here(step.cwd), env: c.env, pathPrepend: c.pathPrepend, timeoutMs: SH_TIMEOUT_MS }));
  const log = path.join(c.logDir, `step-${index + 1}.log`);
  writeFileSync(log, `$ ${step.run}\n${r.output}`);
  c.out.logFiles.push(log);
  if (step.note) c.out.notes.push(`step ${index + 1}: ${step.note}`);
  if (r.exitCode !== 0) {
    record(false, `exit ${r.exitCode ?? r.signal}`);
    throw new StepFailure(`step ${index + 1} (${step.name}) failed: exit ${r.exitCode ?? r.signal}: ${r.output.trim().split('\n').pop() ?? ''}`);
  }
  const v = step.expect ? checkExpectedLines(r.output, step.expect) : { ok: true };
  if (!v.ok) {
    record(false, `"${v.missing}" not in its output`);
    throw new StepFailure(`step ${index + 1} (${step.name}): expected "${v.missing}" in its output`);
  }
  record(true, step.note);
}
