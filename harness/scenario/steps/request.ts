// A request step (HTTP, or `dapr invoke` / `dapr publish`): sent by http-step.ts, what was sent and
// received kept in the step's log file, the values it captures added for later steps.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ScenarioStep } from '../../model.ts';
import { stepPhaseName } from '../../run/phases.ts';
import { runRequestStep } from '../http-step.ts';
import { StepFailure, type StepAt, type StepContext } from './context.ts';

export async function runRequest(step: Extract<ScenarioStep, { kind: 'request' }>, { index, record }: StepAt, c: StepContext): Promise<void> {
  const r = await c.time(stepPhaseName(index, step.kind, step.name), () => runRequestStep(step, {
    values: c.values, cli: c.cli, runtimePath: c.runtimePath, env: c.env, pathPrepend: c.pathPrepend, here: c.here, ...(c.signal ? { signal: c.signal } : {}),
  }));
  const log = path.join(c.logDir, `step-${index + 1}.log`);
  writeFileSync(log, `${r.log}\n(${r.ok ? 'ok' : r.detail})\n`);
  c.out.logFiles.push(log);
  record(r.ok, r.detail);
  if (!r.ok) throw new StepFailure(`step ${index + 1} (${step.name}): ${r.what}: ${r.detail}`);
  Object.assign(c.values, r.captured);
}
