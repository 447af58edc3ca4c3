// A real bug (an error the harness did not expect) still gets one line on the console: what
// happened and where its full stack was written, so that the console stays readable and the
// report of the bug has everything in it.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Pure: the first line of an error's message (a message may quote a whole file). */
export function firstLine(err: unknown): string {
  const text = err instanceof Error ? `${err.name === 'Error' ? '' : `${err.name}: `}${err.message}` : String(err);
  return text.split('\n').find((l) => l.trim() !== '')?.trim() ?? '(no message)';
}

/** Pure: what the crash log holds. */
export function crashLogText(err: unknown, argv: readonly string[], when: Date): string {
  const stack = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : String(err);
  const cause = err instanceof Error && err.cause !== undefined ? `\ncaused by: ${err.cause instanceof Error ? err.cause.stack : String(err.cause)}` : '';
  return [
    `parity crashed at ${when.toISOString()}`,
    `argv: ${JSON.stringify(argv)}`,
    `cwd: ${process.cwd()}`,
    `node ${process.version} on ${process.platform}/${process.arch}`,
    '',
    stack + cause,
    '',
  ].join('\n');
}

/** Pure: the one console line. */
export function crashLine(err: unknown, logFile: string, writeError?: string): string {
  const where = writeError
    ? `please report it; its stack could not be written to ${logFile}: ${writeError}`
    : `please report it with ${logFile}, which holds the full stack`;
  return `parity: unexpected error (a bug; ${where}): ${firstLine(err)}`;
}

/** Writes the crash log to `dir` (default: the OS temp folder) and returns the one console line. */
export function reportCrash(err: unknown, argv: readonly string[], dir: string = os.tmpdir(), when = new Date()): string {
  const stamp = when.toISOString().replace(/[:.]/g, '-');
  const file = path.join(dir, `parity-crash-${stamp}-${process.pid}.log`);
  try {
    writeFileSync(file, crashLogText(err, argv, when), { flag: 'wx' });
    return crashLine(err, file);
  } catch (e) {
    return crashLine(err, file, (e as NodeJS.ErrnoException).code ?? (e as Error).message);
  }
}
