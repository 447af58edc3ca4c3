// Faults of the harness's PostgreSQL, on the real server: killed mid-run (the sample it served
// fails with one line naming the cause, the next sample runs on its own server and passes, nothing
// is left), Ctrl-C and kill -9 of the harness mid-run (the server and its copy gone), and its
// port taken by another process (one line naming the port, nothing left).
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresAvailability, startPostgres } from '../../../harness/services/postgres.ts';
import { writeBindingsTree } from '../../helpers/bindings-tree.ts';
import { holdPort, pickTestPort, waitForProcesses } from '../../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../../helpers/parity-child.ts';
import { writeScenarioTree } from '../../helpers/scenario-tree.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const pg = await postgresAvailability();
const skipped = pg.missing ? ` (skipped: ${pg.missing})` : '';

/** Live processes whose command line is a PostgreSQL server's on `port`. */
function serversOn(port: number): string[] {
  return readdirSync('/proc').filter((d) => /^\d+$/.test(d)).flatMap((pid) => {
    try {
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
      return /\/postgres$/.test(cmd[0] ?? '') && cmd.includes(String(port)) ? [pid] : [];
    } catch {
      return [];
    }
  });
}

describe.skipIf(Boolean(pg.missing))(`PostgreSQL faults${skipped}`, () => {
  it('killed mid-run: that sample fails naming it, the next one passes on its own server, nothing is left', async () => {
    const root = tempDir('parity-pg-fault-');
    writeScenarioTree(root, { subscriberPort: await pickTestPort() });
    writeBindingsTree(root, { http: await pickTestPort(), sdk: await pickTestPort() });
    execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
    // A temp folder of the run's own, to see that no cluster copy is left in it.
    const tmp = path.join(root, 'tmp');
    mkdirSync(tmp);
    for (const d of [root, tmp]) chmodSync(d, 0o711);
    const run = startParity(root, ['bindings', '--update', '--concurrency', '1', '--timeout', '60'], { env: { TMPDIR: tmp } });
    const ended = run.done.then((r) => { throw new Error(`the run ended first: ${r.describe()}`); });
    const procs = await Promise.race([
      waitForProcesses(run.mark, (ps) => ps.some((p) => /\/postgres -D /.test(p.cmdline)) && ps.some((p) => p.cmdline === 'node index.js'), 'PostgreSQL and the app', 60_000),
      ended,
    ]);
    ended.catch(() => {});
    // The run token reached the server (through setpriv when root): the same scan finds it.
    for (const p of procs.filter((x) => /\/postgres -D /.test(x.cmdline))) process.kill(p.pid, 'SIGKILL');

    const r = await run.done;
    expect(r.code, r.describe()).toBe(1);
    const statuses = r.report!.samples.map((s) => s.status);
    expect(statuses.sort(), r.describe()).toEqual(['failed', 'passed']);
    const failed = r.report!.samples.find((s) => s.status === 'failed')!;
    expect(failed.reason, r.describe()).toMatch(/^the sample's PostgreSQL \(127\.0\.0\.1:\d+\) exited mid-run: killed by SIGKILL: .* \(log: \S+postgres\.log\)$/);
    expect(failed.reason).not.toContain('\n');
    expect(r.leftovers, r.describe()).toEqual([]);
    expect(readdirSync(tmp).filter((e) => e.startsWith('parity-pg-'))).toEqual([]);
  }, 240_000);

  for (const [how, signal] of [['Ctrl-C', 'SIGINT'], ['kill -9 of the harness', 'SIGKILL']] as const) {
    it(`${how} mid-run: the server and its cluster copy are gone${signal === 'SIGKILL' ? ' (the reaper)' : ''}`, async () => {
      const root = tempDir('parity-pg-cut-');
      writeScenarioTree(root, { subscriberPort: await pickTestPort() });
      writeBindingsTree(root, { http: await pickTestPort(), sdk: await pickTestPort() });
      execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
      const tmp = path.join(root, 'tmp');
      mkdirSync(tmp);
      for (const d of [root, tmp]) chmodSync(d, 0o711);
      const run = startParity(root, ['bindings/javascript/http', '--update'], { env: { TMPDIR: tmp } });
      const ended = run.done.then((r) => { throw new Error(`the run ended first: ${r.describe()}`); });
      await Promise.race([
        waitForProcesses(run.mark, (ps) => ps.some((p) => /\/postgres -D /.test(p.cmdline)) && ps.some((p) => p.cmdline === 'node index.js'), 'PostgreSQL and the app', 60_000),
        ended,
      ]);
      ended.catch(() => {});
      expect(readdirSync(tmp).filter((e) => e.startsWith('parity-pg-'))).toHaveLength(1);
      run.child.kill(signal);
      const r = await run.done;
      if (signal === 'SIGINT') {
        expect(r.code, r.describe()).toBe(130);
        expect(r.leftovers, r.describe()).toEqual([]);
      } else {
        expect(r.signal).toBe('SIGKILL');
        await waitForProcesses(run.mark, (procs) => procs.length === 0, 'nothing left', 15_000);
      }
      // The reaper works just after the harness is gone: its copy goes with the server.
      for (let i = 0; i < 100 && readdirSync(tmp).some((e) => e.startsWith('parity-pg-')); i++) await new Promise((res) => setTimeout(res, 100));
      expect(readdirSync(tmp).filter((e) => e.startsWith('parity-pg-'))).toEqual([]);
    }, 180_000);
  }

  it('its port taken by another process: one line naming the port, no server and no copy left', async () => {
    const port = await pickTestPort();
    const holder = await holdPort(port);
    const logDir = tempDir('parity-pg-port-');
    try {
      await expect(startPostgres({ logDir, port })).rejects.toThrow(new RegExp(`^PostgreSQL could not start: 127\\.0\\.0\\.1:${port} is already taken by another process \\(log: \\S+postgres\\.log\\)$`));
      expect(readFileSync(path.join(logDir, 'postgres.log'), 'utf8')).toMatch(/Address already in use/);
      expect(serversOn(port)).toEqual([]);
    } finally {
      await holder.release();
    }
  }, 60_000);
});
