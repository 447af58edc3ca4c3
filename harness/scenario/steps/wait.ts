// A wait step: while a background run goes on, for an app's line, or for the sample's redis to see
// the app's subscription. The run ending first, or the cap, fails the step.
import type { ScenarioStep } from '../../model.ts';
import { keyspaceUnsubscribed } from '../../services/redis.ts';
import { stepPhaseName } from '../../run/phases.ts';
import { StepFailure, type StepAt, type StepContext } from './context.ts';

export async function runWaitStep(step: Extract<ScenarioStep, { kind: 'wait' }>, { index, startedAt, record }: StepAt, c: StepContext): Promise<void> {
  const { redis } = c;
  const b = 'app' in step ? [...c.background].reverse().find((x) => x.appIds.includes(step.app)) : c.background.at(-1);
  if (!b) {
    record(false, 'no background run');
    throw new StepFailure(`step ${index + 1} (${step.name}): ${'app' in step ? `no run of ${step.app} is going on` : 'no run is going on'}`);
  }
  if ('subscribed' in step && !redis) {
    record(false, 'no redis');
    throw new StepFailure(`step ${index + 1} (${step.name}): the sample has no redis service`);
  }
  const deadline = Date.now() + step.timeoutMs;
  let ended = false;
  void b.record.then(() => { ended = true; });
  let missing: string[] = [];
  for (;;) {
    if ('app' in step) {
      const p = b.run.progress().find((x) => x.appId === step.app);
      if (p?.lines.some((l) => l.includes(step.match))) break;
    } else {
      missing = await keyspaceUnsubscribed(redis!.port, step.subscribed);
      if (missing.length === 0) break;
    }
    const what = 'app' in step ? `${step.app} ${ended ? 'ended without printing' : 'did not print'} "${step.match}"` : `no subscriber of ${missing.join(', ')} on redis`;
    if (ended) {
      record(false, 'the run ended first');
      throw new StepFailure(`step ${index + 1} (${step.name}): ${'app' in step ? what : `the run ended with ${what}`}`);
    }
    if (Date.now() > deadline) {
      record(false, 'timed out');
      throw new StepFailure(`step ${index + 1} (${step.name}): ${what} within ${step.timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  record(true);
  c.out.phases[stepPhaseName(index, step.kind, step.name)] = Date.now() - startedAt;
}
