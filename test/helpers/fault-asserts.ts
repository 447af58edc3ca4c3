// Assertions every fault test ends with: nothing the run started is alive, and the daprd ports it
// was given are free again.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ExpectStatic } from 'vitest';
import { describeProcs, portIsFree } from './leftovers.ts';
import type { ParityResult, ReadSample } from './parity-child.ts';

/** No process carrying the run's mark, and each given port bindable again. */
export async function expectNothingLeft(expect: ExpectStatic, r: ParityResult, ports: number[] = []): Promise<void> {
  expect(r.leftovers, `processes left behind:\n${describeProcs(r.leftovers)}\n${r.describe()}`).toEqual([]);
  for (const port of ports) expect(await portIsFree(port), `port ${port} is still bound after the harness exited`).toBe(true);
}

/** The one sample result with this id (fails the test when absent). */
export function sampleResult(expect: ExpectStatic, r: ParityResult, id = 'python/http'): ReadSample {
  expect(r.report, `no report.json in ${r.reportDir}\n${r.describe()}`).toBeDefined();
  const s = r.report!.samples.find((x) => x.id === id);
  expect(s, `no result for ${id}\n${r.describe()}`).toBeDefined();
  return s!;
}

/** The raw log of a sample's last attempt (logs/<id>/run.log). */
export function runLog(r: ParityResult, id = 'python/http'): string {
  const file = path.join(r.reportDir, 'logs', id.replace(/[^a-zA-Z0-9_-]+/g, '-'), 'run.log');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
}

/**
 * A fault that is not infrastructure must never be retried. On a busy machine a real port race
 * (a port taken between the harness's pick and daprd's bind) can still cost an attempt, which the
 * harness rightly retries: tolerate those, and only those.
 */
export function expectNoRetryButPortRaces(expect: ExpectStatic, s: ReadSample, tolerated = PORT_RACE): void {
  const retries = s.retries ?? [];
  expect(s.attempts, JSON.stringify(s)).toBe(1 + retries.length);
  for (const r of retries) expect(r.retryCause, JSON.stringify(s)).toMatch(tolerated);
}

const PORT_RACE = /^a port was taken between pick and bind/;
// CLI 1.16's output race at an app's exit (dapr-facts): the harness retries it by design. Tolerated
// only where the sample then passes, so it can never hide a fault's failure being retried.
const PORT_OR_CLI_OUTPUT_RACE = /^(?:a port was taken between pick and bind|the dapr CLI \(1\.16 and older\) printed only part of the app's output before it exited)/;

/** Passed; or flaky only because a real port race, or the CLI's known output race, cost an attempt. */
export function expectPassed(expect: ExpectStatic, s: ReadSample, context = ''): void {
  expect(s.status, `${s.reason ?? ''}\n${context}`).toMatch(/^(passed|flaky)$/);
  expectNoRetryButPortRaces(expect, s, PORT_OR_CLI_OUTPUT_RACE);
}
