// The raw log of each `dapr run` attempt (CLI + daprd + app, as printed), kept in the sample's log
// folder. run.log is always the last attempt; an earlier one is kept as run.attempt-N.log, the
// evidence of why a flaky sample was retried.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { DaprRunOutcome } from './dapr-run.ts';

export function rawLog(outcome: DaprRunOutcome, cwd: string): string {
  return [
    `# cwd: ${cwd}`,
    `# command: ${outcome.argv.map((a) => (a === '' || /\s/.test(a) ? JSON.stringify(a) : a)).join(' ')}`,
    `# exit: ${outcome.exitCode ?? outcome.signal}${outcome.timedOut ? ' (timed out)' : ''}, ${outcome.durationMs} ms`,
    '',
    outcome.all,
  ].join('\n');
}

/** Writes attempt N's log; returns the path of run.log (the last attempt's). */
export async function writeAttemptLog(logDir: string, attempt: number, outcome: DaprRunOutcome, cwd: string): Promise<string> {
  const logFile = path.join(logDir, 'run.log');
  const text = rawLog(outcome, cwd);
  if (attempt > 1) {
    // The first attempt only ever wrote run.log: give it its numbered name before it is replaced.
    if (attempt === 2) await fs.copyFile(logFile, path.join(logDir, 'run.attempt-1.log'));
    await fs.writeFile(path.join(logDir, `run.attempt-${attempt}.log`), text);
  }
  await fs.writeFile(logFile, text);
  return logFile;
}
