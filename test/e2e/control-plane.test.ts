// placement and scheduler as a sample's own services, for real: built from daprd's own module
// (or found beside it), started on private ports, every listener on loopback but the one each
// healthz server binds on every interface (1.18 passes it no address), stopped with nothing left.
// Then a small jobs tree of the project's own under `parity run`: the scheduler fires the jobs the
// app scheduled, each sample's scheduler starts empty, and a kill -9 of the harness leaves the
// reaper to end the scheduler with the rest.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveControlPlane } from '../../harness/dapr/control-plane.ts';
import { startPlacement } from '../../harness/services/placement.ts';
import { startScheduler } from '../../harness/services/scheduler.ts';
import { stopAll, type RunningService } from '../../harness/services/service.ts';
import { realDapr } from '../helpers/dapr.ts';
import { TEST_JOBS, writeJobsTree } from '../helpers/jobs-tree.ts';
import { describeProcs, leftoverProcesses, MARK_VAR, newMark, pickTestPort, waitForProcesses } from '../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../helpers/parity-child.ts';
import { describeListeners, isLoopback, listenersOf } from '../helpers/sockets.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const controlPlane = await resolveControlPlane(await realDapr(), (l) => process.stderr.write(`${l}\n`));
const missing = 'missing' in controlPlane ? controlPlane.missing : undefined;

describe.skipIf(Boolean(missing))(`placement and scheduler as services${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('start ready on private ports, listen on loopback but for their healthz servers, and stop with nothing left', async () => {
    if ('missing' in controlPlane) return;
    const logDir = tempDir('parity-cp-logs-');
    const dataDir = path.join(tempDir('parity-cp-data-'), 'scheduler');
    // What an earlier start left in the etcd folder: a start begins without it.
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(path.join(dataDir, 'left-by-an-earlier-run'), 'x');
    // Everything started from here carries the mark, as a harness child's processes do.
    const mark = newMark();
    const saved = process.env[MARK_VAR];
    process.env[MARK_VAR] = mark;
    const services: RunningService[] = [];
    try {
      services.push(await startPlacement({ bin: controlPlane.placement, logDir }));
      services.push(await startScheduler({ bin: controlPlane.scheduler, logDir, dataDir }));
    } finally {
      if (saved === undefined) delete process.env[MARK_VAR];
      else process.env[MARK_VAR] = saved;
    }
    try {
      const procs = await leftoverProcesses(mark);
      expect(procs.map((p) => path.basename(p.cmdline.split(' ')[0]!)).sort(), describeProcs(procs)).toEqual(['placement', 'scheduler']);
      const listeners = await listenersOf(procs.map((p) => p.pid));
      const healthzPort = (cmdline: string) => Number(/--healthz-port (\d+)/.exec(cmdline)?.[1]);
      // Exactly the healthz servers are not on loopback: the documented exception.
      const open = listeners.filter((l) => !isLoopback(l));
      expect(open.map((l) => [path.basename(l.cmdline.split(' ')[0]!), l.port]).sort(), describeListeners(listeners))
        .toEqual(procs.map((p) => [path.basename(p.cmdline.split(' ')[0]!), healthzPort(p.cmdline)]).sort());
      // The ports sidecars use are the ones given, on loopback; the scheduler's etcd is where it was told.
      for (const s of services) expect(listeners.some((l) => isLoopback(l) && l.port === s.port), `${s.kind} on ${s.host}\n${describeListeners(listeners)}`).toBe(true);
      expect(readdirSync(dataDir)).not.toContain('left-by-an-earlier-run');
      expect(readdirSync(dataDir).length).toBeGreaterThan(0);
      // Their logs are kept where they were asked to be.
      expect(readFileSync(path.join(logDir, 'scheduler.log'), 'utf8')).toMatch(/Starting Dapr Scheduler Service/);
      expect(readFileSync(path.join(logDir, 'placement.log'), 'utf8')).toMatch(/Placement service is starting/);
    } finally {
      await stopAll(services);
    }
    expect(await leftoverProcesses(mark)).toEqual([]);
  }, 120_000);
});

describe.skipIf(Boolean(missing))(`a jobs tree under parity run${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const root = tempDir('parity-jobs-tree-');
  beforeAll(async () => {
    writeJobsTree(root, { appPort: await pickTestPort() });
    execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
  });

  it('the scheduler fires the jobs the app scheduled, again in a second run, and the jobs facts say which fired with which task', async () => {
    expect(readFileSync(path.join(root, 'samples.yaml'), 'utf8')).toMatch(/services: \[ scheduler \]/);
    const first = await startParity(root, ['jobs', '--update', '--update-runs', '1']).done;
    expect(first.code, first.describe()).toBe(0);
    const second = await startParity(root, ['jobs']).done;
    expect(second.code, second.describe()).toBe(0);
    expect(second.leftovers, second.describe()).toEqual([]);
    const s = second.report!.samples[0]!;
    expect(s.status).toBe('passed');
    // Each job fired once.
    const golden = readFileSync(path.join(root, 'expected/jobs/javascript-http/upkeep.txt'), 'utf8');
    for (const j of TEST_JOBS) expect(golden.split('\n').filter((l) => l === `Starting droid: ${j.name}`), golden).toHaveLength(1);
    expect(s.facts).toEqual({ fired: TEST_JOBS.map((j) => `${j.name}: ${j.task}`) });
    expect(second.report!.blocks).toMatchObject([{ block: 'jobs', ok: true }]);
    expect(readFileSync(path.join(s.logFile!, 'scheduler.log'), 'utf8')).toMatch(/Cron is ready/);
  }, 180_000);

  it('doctor says where placement and scheduler come from, and names a folder that lacks them', () => {
    const doctor = (...extra: string[]) => spawnSync(process.execPath, [PARITY_BIN, 'doctor', '--root', root, 'jobs', ...extra], { encoding: 'utf8' }).stdout;
    expect(doctor()).toMatch(/^placement, scheduler built from daprd's own github\.com\/dapr\/dapr module when a selected sample needs them/m);
    const empty = tempDir('parity-no-control-plane-');
    expect(doctor('--dapr-from', `dir:${empty}`)).toContain(`placement, scheduler missing — --dapr-from dir:PATH takes placement and scheduler from daprd's folder, and ${empty} has no executable placement or scheduler (needed by 1 selected sample(s); they will be reported skipped)`);
  });

  it('kill -9 of the harness: its reaper ends the scheduler, the sidecar and the app', async () => {
    const run = startParity(root, ['jobs']);
    const whole = (procs: { cmdline: string }[]) => procs.some((p) => /\/scheduler /.test(p.cmdline)) && procs.some((p) => /daprd/.test(p.cmdline)) && procs.some((p) => /node index\.js/.test(p.cmdline));
    const ended = run.done.then((r) => { throw new Error(`the run ended first: ${r.describe()}`); });
    await Promise.race([waitForProcesses(run.mark, whole, 'the scheduler, daprd and the app', 60_000), ended]);
    ended.catch(() => {});
    run.child.kill('SIGKILL');
    const r = await run.done;
    expect(r.signal).toBe('SIGKILL');
    await waitForProcesses(run.mark, (procs) => procs.length === 0, 'nothing left', 15_000);
  }, 120_000);
});
