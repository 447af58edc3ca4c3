// Teardowns of the runs in flight, so that Ctrl-C or an uncaught error ends them all.
import { rmSync } from 'node:fs';

export const activeRuns = new Set<() => Promise<void>>();

/** Temp folders to remove even when a second Ctrl-C cuts the normal cleanup short. */
export const tempPaths = new Set<string>();

function removeTempPaths(): void {
  for (const p of tempPaths) rmSync(p, { recursive: true, force: true });
  tempPaths.clear();
}

/** Ends every run in flight (used on signals and uncaught errors). */
export async function endAllRuns(): Promise<void> {
  await Promise.allSettled([...activeRuns].map((t) => t()));
}

/**
 * First SIGINT/SIGTERM: calls `onInterrupt` (the run aborts, ends its processes and still writes
 * its reports) and ends every run in flight. A second one: end everything and exit at once.
 */
export function installSignalTeardown(onInterrupt: (sig: NodeJS.Signals) => void, log: (line: string) => void): () => void {
  let count = 0;
  const handler = (sig: NodeJS.Signals) => {
    count++;
    if (count === 1) {
      log(`\n${sig} received: stopping ${activeRuns.size} run(s) and every process they started…`);
      onInterrupt(sig);
      void endAllRuns();
    } else {
      void endAllRuns().then(() => {
        removeTempPaths();
        process.exit(sig === 'SIGINT' ? 130 : 143);
      });
    }
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return () => {
    process.off('SIGINT', handler);
    process.off('SIGTERM', handler);
  };
}
