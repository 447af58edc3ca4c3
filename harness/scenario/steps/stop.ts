// A stop step, and the scenario's end: the background runs are waited for (or ended), each
// recorded as it ends.
import { StepFailure, type BackgroundRun, type StepAt, type StepContext } from './context.ts';

/** Waits for every background run to end, oldest first; with `why`, ends each first. */
export async function endBackground(background: BackgroundRun[], why?: string): Promise<void> {
  for (const b of background.splice(0)) {
    if (why) b.run.stop(why);
    await b.record;
  }
}

export async function runStopStep({ record }: StepAt, c: StepContext): Promise<void> {
  await endBackground(c.background);
  record(!c.out.failure);
  if (c.out.failure) throw new StepFailure(c.out.failure);
}
