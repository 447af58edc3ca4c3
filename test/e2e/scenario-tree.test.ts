// A tree of several building blocks, run as a user would: `parity init`, `parity run --update`,
// then `parity run`. Real dapr and daprd, real redis (one per sample, on a private port), a run
// file with a subscriber that never exits and a publisher that does, a seed step mapped from
// `docker exec dapr_redis redis-cli`, a single-app run. Then the engine's failure paths: a server
// whose line never comes fails on its cap, naming what was missing, and leaves nothing behind.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { redisAvailability } from '../../harness/services/redis.ts';
import { pickTestPort, waitForProcesses, type ProcInfo } from '../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../helpers/parity-child.ts';
import { writeScenarioTree } from '../helpers/scenario-tree.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';
import { snapshotTree } from '../helpers/tree-snapshot.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const redis = await redisAvailability();
const root = tempDir('parity-scenario-tree-');

describe.skipIf(Boolean(redis.missing))(`a tree of scenarios${redis.missing ? ` (skipped: ${redis.missing})` : ''}`, () => {
  beforeAll(async () => {
    writeScenarioTree(root, { subscriberPort: await pickTestPort() });
    execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
    // Deliveries arrive in any order: the user marks the subscriber so, as --update's check would ask.
    const file = path.join(root, 'samples.yaml');
    const doc = YAML.parseDocument(readFileSync(file, 'utf8'));
    const bus = (doc.toJS().samples as { id: string }[]).findIndex((s) => s.id === 'pub_sub/javascript/http');
    const steps = doc.getIn(['samples', bus, 'steps']) as YAML.YAMLSeq;
    const run = steps.items.findIndex((s) => YAML.isMap(s) && s.has('run'));
    doc.setIn(['samples', bus, 'steps', run, 'apps', 'receiver', 'unordered'], true);
    writeFileSync(file, doc.toString());
  });

  it('records a golden per app, then passes against them with every block\'s parity; nothing is left and the tree holds only samples.yaml and goldens more', async () => {
    const before = snapshotTree(root);
    const first = await startParity(root, ['--update', '--concurrency', '2']).done;
    expect(first.code, first.describe()).toBe(0);
    for (const golden of ['state_management/javascript-http/key-writer.txt', 'pub_sub/javascript-http/receiver.txt', 'pub_sub/javascript-http/sender.txt', 'configuration/javascript-http/settings-reader.txt']) {
      expect(existsSync(path.join(root, 'expected', golden)), golden).toBe(true);
    }
    expect(readFileSync(path.join(root, 'expected/configuration/javascript-http/settings-reader.txt'), 'utf8')).toBe('configuration for limit1 : 7\nconfiguration for limit2 : 42\n');
    expect(readFileSync(path.join(root, 'expected/pub_sub/javascript-http/receiver.txt'), 'utf8').split('\n').filter(Boolean).sort())
      .toEqual(['listening', ...[1, 2, 3, 4, 5].map((n) => `subscriber received order ${n}`)]);

    const second = await startParity(root, ['--concurrency', '2']).done;
    expect(second.code, second.describe()).toBe(0);
    expect(second.leftovers, second.describe()).toEqual([]);
    const r = second.report!;
    expect(r.samples.map((s) => [s.id, s.status]).sort()).toEqual([['configuration/javascript/http', 'passed'], ['pub_sub/javascript/http', 'passed'], ['state_management/javascript/http', 'passed']]);
    const kv = r.samples.find((s) => s.id === 'state_management/javascript/http')!;
    expect(kv.block).toBe('state_management');
    expect(kv.notes?.some((n) => /kvstore: redisHost localhost:6379 → 127\.0\.0\.1:\[PORT\]/.test(n)), JSON.stringify(kv.notes)).toBe(true);
    const settings = r.samples.find((s) => s.id === 'configuration/javascript/http')!;
    expect(settings.steps?.map((s) => [s.kind, s.ok])).toEqual([['sh', true], ['run', true]]);
    expect(settings.dropped ?? []).toEqual([]);
    // Each block is a table of its own, and the console names it.
    for (const block of ['state_management', 'pub_sub', 'configuration']) expect(second.stdout).toMatch(new RegExp(`^${block}$`, 'm'));
    // Each block's facts, read from what its apps printed.
    expect(Object.fromEntries(r.blocks!.map((b) => [b.block, [b.ok, b.facts]]))).toEqual({
      state_management: [true, { 'state_management/javascript/http': { saved: ['1', '2', '3'], read: ['1', '2', '3'], deleted: ['1', '2', '3'] } }],
      pub_sub: [true, { 'pub_sub/javascript/http': { published: ['1', '2', '3', '4', '5'], received: ['1', '2', '3', '4', '5'] } }],
      configuration: [true, { 'configuration/javascript/http': { read: ['limit1=7', 'limit2=42'], updated: [] } }],
    });
    expect(second.stdout).toMatch(/^parity pub_sub: ok, 1 sample\(s\) agree: the same order ids published, every one received$/m);

    const after = snapshotTree(root);
    const added = Object.keys(after).filter((k) => !(k in before) && !k.startsWith('expected') && !k.startsWith('artifacts'));
    expect(added).toEqual([]);
    const changed = Object.keys(before).filter((k) => k in after && before[k] !== after[k] && before[k] !== 'dir');
    expect(changed).toEqual([]);
  }, 300_000);

  it('fails a server whose line never comes when its cap runs out, naming what was not seen, and leaves nothing running', async () => {
    const file = path.join(root, 'samples.yaml');
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.replace('subscriber received order 1', 'subscriber received order 99'));
    try {
      const r = await startParity(root, ['pub_sub', '--timeout', '40']).done;
      expect(r.code, r.describe()).toBe(1);
      const bus = r.report!.samples[0]!;
      expect(bus.status).toBe('failed');
      // The publisher did its part; the subscriber's line is what never came.
      expect(bus.reason).toMatch(/^step 1 \(Run both apps\): receiver: 0 of 1 expected lines after 4\d s$/);
      expect(r.leftovers, r.describe()).toEqual([]);
    } finally {
      writeFileSync(file, text);
    }
  }, 120_000);
});

describe.skipIf(Boolean(redis.missing))(`a scenario run cut short${redis.missing ? ` (skipped: ${redis.missing})` : ''}`, () => {
  const cutRoot = tempDir('parity-scenario-cut-');
  beforeAll(async () => {
    writeScenarioTree(cutRoot, { subscriberPort: await pickTestPort() });
    execFileSync(process.execPath, [PARITY_BIN, 'init', cutRoot], { stdio: 'pipe' });
  });

  /** Starts the run-file sample and waits until its redis, both sidecars and both apps are up. */
  async function midRun() {
    const run = startParity(cutRoot, ['pub_sub', '--update']);
    const whole = (procs: ProcInfo[]) => procs.some((p) => /redis-server/.test(p.cmdline)) && procs.filter((p) => /daprd/.test(p.cmdline)).length >= 2 && procs.some((p) => /node index\.js/.test(p.cmdline));
    // A run that ends before it is whole says why.
    const ended = run.done.then((r) => { throw new Error(`the run ended first: ${r.describe()}`); });
    await Promise.race([waitForProcesses(run.mark, whole, 'redis-server, two daprd and the apps', 60_000), ended]);
    ended.catch(() => {});
    return run;
  }

  it('Ctrl-C: the run ends with 130, its redis, sidecars and apps gone', async () => {
    const run = await midRun();
    run.child.kill('SIGINT');
    const r = await run.done;
    expect(r.code, r.describe()).toBe(130);
    expect(r.leftovers, r.describe()).toEqual([]);
  }, 120_000);

  it('kill -9 of the harness: its reaper ends the redis, the sidecars and the apps', async () => {
    const run = await midRun();
    run.child.kill('SIGKILL');
    const r = await run.done;
    expect(r.signal).toBe('SIGKILL');
    await waitForProcesses(run.mark, (procs) => procs.length === 0, 'nothing left', 15_000);
  }, 120_000);
});
