// Which sample starts next. Samples run side by side unless they claim the same exclusive resource
// (a fixed port); a sample whose claims are held waits in the queue, never in a lane, so it never
// holds up one it does not conflict with. The longest go first (by the last report's times), so
// the run does not end on one long sample started last.

export interface Job<T> {
  item: T;
  /** Exclusive resources it holds while it runs (`port:8080`). */
  claims: readonly string[];
}

/** The jobs in start order: longest first by the last run's times; those never timed first of all (they may be long), in their given order. Pure. */
export function longestFirst<T>(jobs: readonly Job<T>[], lastMs: (item: T) => number | undefined): Job<T>[] {
  const at = new Map(jobs.map((j, i) => [j, i]));
  const key = (j: Job<T>) => lastMs(j.item) ?? Number.POSITIVE_INFINITY;
  return [...jobs].sort((a, b) => key(b) - key(a) || at.get(a)! - at.get(b)!);
}

/** The first pending job none of whose claims is held; -1 when every pending one waits on a claim. Pure. */
export function nextStartable<T>(pending: readonly Job<T>[], held: ReadonlySet<string>): number {
  return pending.findIndex((j) => j.claims.every((c) => !held.has(c)));
}

/**
 * Runs the jobs at most `concurrency` at a time, each started as soon as a lane is free and its
 * claims are; the results in the jobs' given order. A job that throws fails the whole run, as a
 * `Promise.all` would (the runner's jobs return their failures as results).
 */
export async function runScheduled<T, R>(jobs: readonly Job<T>[], o: { concurrency: number; order?: readonly Job<T>[] }, run: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  const index = new Map(jobs.map((j, i) => [j, i]));
  const pending = [...(o.order ?? jobs)];
  const held = new Set<string>();
  const lanes = Math.max(1, o.concurrency);
  let running = 0;
  return new Promise<R[]>((resolve, reject) => {
    let failed = false;
    const pump = () => {
      if (failed) return;
      if (pending.length === 0 && running === 0) {
        resolve(results);
        return;
      }
      while (running < lanes) {
        const i = nextStartable(pending, held);
        if (i < 0) break;
        const [job] = pending.splice(i, 1);
        for (const c of job!.claims) held.add(c);
        running++;
        run(job!.item).then((r) => {
          results[index.get(job!)!] = r;
        }, (err: unknown) => {
          failed = true;
          reject(err);
        }).finally(() => {
          for (const c of job!.claims) held.delete(c);
          running--;
          pump();
        });
      }
    };
    pump();
  });
}
