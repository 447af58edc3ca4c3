// Runs one shell command of a sample (an install step, a docs page's command) so that nothing it
// starts can outlive it: the run token marks its processes, Ctrl-C reaches it through activeRuns,
// and the token sweep ends stragglers once it exits or times out.
import path from 'node:path';
import { execa } from 'execa';
import { activeRuns } from './active.ts';
import { endTokenProcesses, newRunToken, TOKEN_VAR } from './processes.ts';

export interface ShellStepResult {
  exitCode: number | undefined;
  signal: string | undefined;
  timedOut: boolean;
  /** stdout and stderr interleaved. */
  output: string;
}

/** PATH with the given folders first (a virtualenv's bin, say). */
export function pathWith(prepend: readonly string[]): string {
  return [...prepend, process.env.PATH ?? ''].join(path.delimiter);
}

export async function runShellStep(command: string, opts: {
  cwd: string;
  env: Record<string, string>;
  pathPrepend: readonly string[];
  timeoutMs: number;
  graceMs?: number;
  /** Each chunk as it arrives (for a log file). */
  onData?: (chunk: Buffer) => void;
}): Promise<ShellStepResult> {
  const token = newRunToken();
  const teardown = async () => { await endTokenProcesses(token, opts.graceMs); };
  activeRuns.add(teardown);
  try {
    const child = execa('sh', ['-c', command], {
      cwd: opts.cwd,
      env: { ...opts.env, PATH: pathWith(opts.pathPrepend), [TOKEN_VAR]: token },
      all: true,
      reject: false,
      stdin: 'ignore',
      timeout: opts.timeoutMs,
      maxBuffer: 64 * 1024 * 1024,
    });
    if (opts.onData) child.all?.on('data', opts.onData);
    const r = await child;
    return { exitCode: r.exitCode, signal: r.signal ?? undefined, timedOut: Boolean(r.timedOut), output: String(r.all ?? '') };
  } finally {
    await endTokenProcesses(token, opts.graceMs);
    activeRuns.delete(teardown);
  }
}
