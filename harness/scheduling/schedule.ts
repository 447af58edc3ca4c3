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
export function nextStartable<T>(pending: readonly Job<T>[], held: { has(claim: string): boolean }): number {
  return pending.findIndex((j) => j.claims.every((c) => !held.has(c)));
}

/** How long a job waited in the queue on a claim another job held, though a lane was free for it. */
export interface ClaimWait {
  ms: number;
  /** The claim it first found held (`port:8080`), and the job holding it then. */
  claim: string;
  heldBy: string;
}

/**
 * The queue's waits on claims, as the scheduler reports its moments. A job waits on a claim from
 * the first time a lane was free and it was passed over because a claim of its was held, to when it
 * started; a job that only waited for a lane (every lane busy) waited on nothing. Pure: the moments
 * are the caller's.
 */
export class ClaimWaits<T> {
  private readonly since = new Map<Job<T>, { at: number; claim: string; heldBy: T }>();

  /** A lane was free at `at` and `job` was passed over: the claims then held, and by whom. */
  passedOver(job: Job<T>, held: ReadonlyMap<string, T>, at: number): void {
    if (this.since.has(job)) return;
    const claim = job.claims.find((c) => held.has(c));
    if (claim !== undefined) this.since.set(job, { at, claim, heldBy: held.get(claim)! });
  }

  /** `job` started at `at`: its wait on a claim, or undefined when it never waited on one. */
  started(job: Job<T>, at: number, name: (item: T) => string): ClaimWait | undefined {
    const w = this.since.get(job);
    if (!w) return undefined;
    this.since.delete(job);
    return { ms: at - w.at, claim: w.claim, heldBy: name(w.heldBy) };
  }
}

/** `port 8080 held by jobs/go/sdk`: a wait's cause, for a note. */
export function claimWaitCause(w: ClaimWait): string {
  return `${w.claim.replace(/^port:/, 'port ')} held by ${w.heldBy}`;
}

export interface ScheduleOptions<T> {
  concurrency: number;
  order?: readonly Job<T>[];
  /** What a job is called in a claim wait's `heldBy` (default: String). */
  name?: (item: T) => string;
  /** The clock the waits are read from (a test's own). */
  now?: () => number;
}

/**
 * Runs the jobs at most `concurrency` at a time, each started as soon as a lane is free and its
 * claims are; the results in the jobs' given order. Each job is told how long it waited on a
 * claim (ClaimWaits). A job that throws fails the whole run, as a `Promise.all` would (the
 * runner's jobs return their failures as results).
 */
export async function runScheduled<T, R>(jobs: readonly Job<T>[], o: ScheduleOptions<T>, run: (item: T, waited: ClaimWait | undefined) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  const index = new Map(jobs.map((j, i) => [j, i]));
  const pending = [...(o.order ?? jobs)];
  const held = new Map<string, T>();
  const waits = new ClaimWaits<T>();
  const now = o.now ?? Date.now;
  const name = o.name ?? String;
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
        // A lane is free: every job ahead of the one started (all of them, if none) waits on a claim.
        for (const j of i < 0 ? pending : pending.slice(0, i)) waits.passedOver(j, held, now());
        if (i < 0) break;
        const [job] = pending.splice(i, 1);
        for (const c of job!.claims) held.set(c, job!.item);
        running++;
        run(job!.item, waits.started(job!, now(), name)).then((r) => {
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
