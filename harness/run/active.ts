// Teardowns of the runs in flight, so that Ctrl-C or an uncaught error ends them all.
export const activeRuns = new Set<() => Promise<void>>();

let installed = false;

/** On SIGINT/SIGTERM: end every run in flight, then exit 130/143. Idempotent. */
export function installSignalTeardown(log: (line: string) => void = (l) => process.stderr.write(l + '\n')): void {
  if (installed) return;
  installed = true;
  let stopping = false;
  const stop = (sig: NodeJS.Signals, code: number) => {
    if (stopping) return;
    stopping = true;
    log(`\n${sig} received: stopping ${activeRuns.size} run(s) and every process they started…`);
    void Promise.allSettled([...activeRuns].map((t) => t())).then(() => process.exit(code));
  };
  process.on('SIGINT', () => stop('SIGINT', 130));
  process.on('SIGTERM', () => stop('SIGTERM', 143));
}

/** Ends every run in flight (used on uncaught errors before exiting). */
export async function endAllRuns(): Promise<void> {
  await Promise.allSettled([...activeRuns].map((t) => t()));
}
