// Faults of a sample's redis and scheduler, on the real services: killed mid-run (the sample it
// served fails with one line naming it, the next sample runs on its own service and passes,
// nothing is left: no service, daprd, dapr or app, no temp folder), and a port of theirs taken by
// another process (one line naming the port, nothing left). Their ports are private picks, so a
// port is taken here by giving the service a port a test holds: what a pick the harness lost to
// another process between pick and bind meets (then it starts again on fresh ports).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveControlPlane } from '../../../harness/dapr/control-plane.ts';
import { startPlacement } from '../../../harness/services/placement.ts';
import { redisAvailability, startRedis } from '../../../harness/services/redis.ts';
import { startScheduler } from '../../../harness/services/scheduler.ts';
import type { RunningService } from '../../../harness/services/service.ts';
import { realDapr } from '../../helpers/dapr.ts';
import { describeProcs, holdPort, leftoverProcesses, MARK_VAR, newMark, pickTestPort, waitForProcesses, type ProcInfo } from '../../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../../helpers/parity-child.ts';
import { writeServiceFaultTree } from '../../helpers/service-fault-tree.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const redis = await redisAvailability();
const controlPlane = await resolveControlPlane(await realDapr(), (l) => process.stderr.write(`${l}\n`));
const cpMissing = 'missing' in controlPlane ? controlPlane.missing : undefined;
// The mid-run tests run both: a tree's samples all need what its blocks need.
const missing = [redis.missing, cpMissing].filter(Boolean).join('; ');

/** The tree, init'd, and a temp folder of the run's own (to see that nothing is left in it). */
async function faultTree(): Promise<{ root: string; tmp: string; appPorts: { http: number; sdk: number } }> {
  const root = tempDir('parity-svc-fault-');
  const appPorts = { http: await pickTestPort(), sdk: await pickTestPort() };
  writeServiceFaultTree(root, appPorts);
  execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
  const tmp = path.join(root, 'tmp');
  mkdirSync(tmp);
  for (const d of [root, tmp]) chmodSync(d, 0o711);
  return { root, tmp, appPorts };
}

/**
 * What the run left in its temp folder: anything of the harness's but its register of live runs,
 * which stays (empty once no run is live). (The loader running the harness from its sources keeps
 * a cache there too: not the run's.)
 */
function runTempLeft(tmp: string): string[] {
  return readdirSync(tmp).flatMap((e) => {
    if (e.startsWith('parity-sessions-')) return readdirSync(path.join(tmp, e)).map((x) => `${e}/${x}`);
    return e.startsWith('parity-') ? [e] : [];
  });
}

const portOf = (p: ProcInfo) => Number(/--port (\d+)/.exec(p.cmdline)?.[1]);

describe.skipIf(Boolean(missing))(`a service killed mid-run${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const cases = [
    { name: 'redis', block: 'state_management', proc: /^redis-server --port \d+ /, line: 'redis' },
    { name: 'the scheduler', block: 'jobs', proc: /\/scheduler --port \d+ /, line: 'scheduler' },
  ];
  for (const c of cases) {
    it(`${c.name}: that sample fails with one line naming it, the next passes on its own, nothing is left`, async () => {
      const { root, tmp } = await faultTree();
      const run = startParity(root, [c.block, '--update', '--concurrency', '1', '--timeout', '60'], { env: { TMPDIR: tmp } });
      const ended = run.done.then((r) => { throw new Error(`the run ended first: ${r.describe()}`); });
      const procs = await Promise.race([
        waitForProcesses(run.mark, (ps) => ps.some((p) => c.proc.test(p.cmdline)) && ps.some((p) => p.cmdline === 'node index.js'), `${c.name} and the app`, 60_000),
        ended,
      ]);
      ended.catch(() => {});
      // One sample at a time: the service seen is the first sample's, and its app is running.
      const victims = procs.filter((p) => c.proc.test(p.cmdline));
      expect(victims, describeProcs(procs)).toHaveLength(1);
      process.kill(victims[0]!.pid, 'SIGKILL');

      const r = await run.done;
      expect(r.code, r.describe()).toBe(1);
      expect(r.report!.samples.map((s) => s.status).sort(), r.describe()).toEqual(['failed', 'passed']);
      const failed = r.report!.samples.find((s) => s.status === 'failed')!;
      const host = `127\\.0\\.0\\.1:${portOf(victims[0]!)}`;
      expect(failed.reason, r.describe()).toMatch(new RegExp(`^the sample's ${c.line} \\(${host}\\) exited mid-run: killed by SIGKILL \\(log: \\S+${c.line}\\.log\\)$`));
      expect(r.leftovers, r.describe()).toEqual([]);
      expect(runTempLeft(tmp)).toEqual([]);
    }, 120_000);
  }
});

describe.skipIf(Boolean(missing))(`Ctrl-C while a sample's service runs${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('the reason is the interruption, not the service it ended with everything else; nothing is left', async () => {
    const { root, tmp } = await faultTree();
    const run = startParity(root, ['state_management/javascript/http', '--update', '--timeout', '60'], { env: { TMPDIR: tmp } });
    const ended = run.done.then((r) => { throw new Error(`the run ended first: ${r.describe()}`); });
    await Promise.race([
      waitForProcesses(run.mark, (ps) => ps.some((p) => /^redis-server --port \d+ /.test(p.cmdline)) && ps.some((p) => p.cmdline === 'node index.js'), 'redis and the app', 60_000),
      ended,
    ]);
    ended.catch(() => {});
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.describe()).toBe(130);
    const s = r.report!.samples[0]!;
    expect([s.status, s.reason], r.describe()).toEqual(['failed', expect.stringMatching(/interrupted/)]);
    expect(s.reason).not.toMatch(/redis/);
    expect(r.leftovers, r.describe()).toEqual([]);
    expect(runTempLeft(tmp)).toEqual([]);
  }, 120_000);
});

/** Starts services with the test's mark in their environment, as a harness child's carry it. */
async function marked<T>(mark: string, start: () => Promise<T>): Promise<T> {
  const saved = process.env[MARK_VAR];
  process.env[MARK_VAR] = mark;
  try {
    return await start();
  } finally {
    if (saved === undefined) delete process.env[MARK_VAR];
    else process.env[MARK_VAR] = saved;
  }
}

describe('a service\'s port taken by another process', () => {
  const taken = (name: string, port: number, log: string) => new RegExp(`^${name} could not start: 127\\.0\\.0\\.1:${port} is already taken by another process \\(log: \\S+/${log}\\)$`);
  const starts: { name: string; missing?: string; start: (logDir: string, dataDir: string, held: number) => Promise<RunningService>; log: string }[] = [
    { name: 'redis', missing: redis.missing, log: 'redis.log', start: (logDir, dataDir, port) => startRedis({ logDir, dataDir, port }) },
    {
      name: 'scheduler', missing: cpMissing, log: 'scheduler.log',
      start: async (logDir, dataDir, port) => startScheduler({ bin: 'scheduler' in controlPlane ? controlPlane.scheduler : '', logDir, dataDir, ports: { port, etcdClient: await pickTestPort(), etcdPeer: await pickTestPort(), healthz: await pickTestPort() } }),
    },
    {
      name: 'placement', missing: cpMissing, log: 'placement.log',
      start: async (logDir, _dataDir, port) => startPlacement({ bin: 'placement' in controlPlane ? controlPlane.placement : '', logDir, ports: { port, raft: await pickTestPort(), healthz: await pickTestPort() } }),
    },
  ];
  for (const s of starts) {
    it.skipIf(Boolean(s.missing))(`${s.name}: one line naming the port, nothing left${s.missing ? ` (skipped: ${s.missing})` : ''}`, async () => {
      const port = await pickTestPort();
      const holder = await holdPort(port);
      const logDir = tempDir('parity-svc-port-');
      const dataDir = path.join(logDir, 'data');
      mkdirSync(dataDir);
      const mark = newMark();
      try {
        await expect(marked(mark, () => s.start(logDir, dataDir, port))).rejects.toThrow(taken(s.name, port, s.log));
        expect(await leftoverProcesses(mark)).toEqual([]);
      } finally {
        await holder.release();
      }
    }, 60_000);
  }
});

describe.skipIf(Boolean(missing))(`a port the sample fixes, held by another process${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('the run waits no longer than its --timeout, then fails naming the port and its holder; its scheduler and the rest are gone', async () => {
    const { root, tmp, appPorts } = await faultTree();
    const holder = await holdPort(appPorts.http);
    try {
      const r = await startParity(root, ['jobs/javascript/http', '--update', '--timeout', '3'], { env: { TMPDIR: tmp } }).done;
      expect(r.code, r.describe()).toBe(1);
      const s = r.report!.samples.find((x) => x.id === 'jobs/javascript/http')!;
      expect(s.status, r.describe()).toBe('failed');
      // ss names the holder: this test's own process (a user's own sockets need no privilege).
      expect(s.reason, r.describe()).toMatch(new RegExp(`^step 1 \\(Run the reminder\\): port ${appPorts.http}, which the sample fixes, is taken by another process \\(.+ \\(pid ${process.pid}\\)\\) \\(waited 3 s\\)$`));
      expect(r.durationMs, r.describe()).toBeLessThan(30_000);
      expect(r.leftovers, r.describe()).toEqual([]);
      expect(runTempLeft(tmp)).toEqual([]);
    } finally {
      await holder.release();
    }
  }, 60_000);
});
