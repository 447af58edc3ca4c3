// What a run of the repository's samples must come to on whatever machine the suite runs on: a
// sample may be skipped only for a reason of the machine's (its toolchain is missing, or its
// installer's registry cannot be reached), never passed over silently, and a run in which no
// sample ran proves nothing and fails.
import type { ExpectStatic, TestContext } from 'vitest';
import type { ReadReport, ReadSample } from './parity-child.ts';

/** The reasons the harness gives for a machine-caused skip (samples/toolchains.ts, samples/unreachable-registry.ts). */
export const MACHINE_SKIP = / not found: install |cannot be reached from this machine/;

/** Every skipped sample was skipped for the machine's reason; returns those that ran (at least one). */
export function ranHere(expect: ExpectStatic, report: ReadReport): ReadSample[] {
  for (const s of report.samples.filter((x) => x.status === 'skipped')) expect(s.reason, s.id).toMatch(MACHINE_SKIP);
  const ran = report.samples.filter((s) => s.status !== 'skipped');
  expect(ran.length, `no sample ran (${report.samples.map((s) => `${s.id}: ${s.reason}`).join('; ')}): a run over zero samples proves nothing`).toBeGreaterThan(0);
  return ran;
}

/** Marks a test skipped when its sample was skipped for the machine's reason, printing the reason. */
export function skipIfMachineSkipped(ctx: TestContext, expect: ExpectStatic, s: ReadSample): void {
  if (s.status !== 'skipped') return;
  expect(s.reason, s.id).toMatch(MACHINE_SKIP);
  console.info(`${s.id} skipped: ${s.reason}`);
  ctx.skip(`${s.id}: ${s.reason}`);
}
