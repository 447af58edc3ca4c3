// The tree benchmark's pure decisions (scripts/bench/tree-plan.ts) and its Dapr-home writer: which
// samples it compares, what mechanical-markdown cannot run here, what the floor runs, the figures.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { RunReport, Scenario, ScenarioStep } from '../../../harness/model.ts';
import { floorPlan, median, mmBlocker, mmHomeComponents, selectFromReport, summarise, treeMarkdown } from '../../../scripts/bench/tree-plan.ts';
import { writeMmHome } from '../../../scripts/bench/tree.ts';

const scenario = (steps: ScenarioStep[], extra: Partial<Scenario> = {}): Scenario => ({ steps, services: [], overlays: [], dropped: [], divergences: [], ...extra });
const app = (appId: string, role: 'job' | 'server') => ({ appId, role, golden: `/g/${appId}`, unordered: false });
const runStep = (name: string, apps: ReturnType<typeof app>[]): ScenarioStep =>
  ({ kind: 'run', name, launch: { kind: 'file', file: 'dapr.yaml' }, apps, background: false, timeoutMs: 1000 });

describe('selectFromReport: what parity run judged decides what the bench compares', () => {
  it('times passed, flaky and adapted samples; lists skipped ones with parity run\'s reason and failed ones apart', () => {
    const samples = [
      { id: 'a/javascript/http', status: 'passed' },
      { id: 'b/python/sdk', status: 'skipped', reason: 'python3 3.12 or newer needed' },
      { id: 'c/go/http', status: 'flaky' },
      { id: 'd/java/sdk', status: 'failed', reason: 'app exited 1\nmore detail' },
      { id: 'e/csharp/http', status: 'adapted' },
      { id: 'f/go/sdk', status: 'skipped', reason: 'registry proxy.golang.org unreachable' },
    ] as unknown as RunReport['samples'];
    expect(selectFromReport({ samples })).toEqual({
      ran: ['a/javascript/http', 'c/go/http', 'e/csharp/http'],
      skipped: [{ id: 'b/python/sdk', reason: 'python3 3.12 or newer needed' }, { id: 'f/go/sdk', reason: 'registry proxy.golang.org unreachable' }],
      failed: [{ id: 'd/java/sdk', reason: 'app exited 1' }],
    });
  });
});

describe('mmBlocker: READMEs mechanical-markdown cannot run without Docker', () => {
  const step = (cmd: string) => `<!-- STEP\nname: x\n-->\n\n\`\`\`bash\n${cmd}\n\`\`\`\n\n<!-- END_STEP -->\n`;
  it('runs a redis-only README with dapr steps', () => {
    expect(mmBlocker({ block: 'state_management', scenario: scenario([], { services: ['redis'] }) }, step('dapr run -f .'))).toBeUndefined();
  });
  it('names Docker and compose when a step uses them, but not a docker word outside the steps', () => {
    expect(mmBlocker({ block: 'b', scenario: scenario([]) }, step('docker exec dapr_redis redis-cli MSET a 1'))).toMatch(/runs Docker \(`docker exec dapr_redis/);
    expect(mmBlocker({ block: 'b', scenario: scenario([]) }, step('docker compose up -d'))).toBe('its README runs docker compose');
    expect(mmBlocker({ block: 'b', scenario: scenario([]) }, `Install docker first.\n${step('dapr run -f .')}`)).toBeUndefined();
  });
  it('says so for no README, no steps, an LLM, and each service but redis', () => {
    expect(mmBlocker({ block: 'b', scenario: scenario([]) }, undefined)).toBe('no README.md in the sample folder');
    expect(mmBlocker({ block: 'b', scenario: scenario([]) }, '# nothing to run')).toBe('its README has no mechanical-markdown steps');
    expect(mmBlocker({ block: 'conversation', scenario: scenario([]) }, step('dapr run -f .'))).toBe('needs an LLM provider (an API key)');
    expect(mmBlocker({ block: 'b', scenario: scenario([], { services: ['redis', 'postgres'] }) }, step('dapr run -f .'))).toMatch(/PostgreSQL/);
    expect(mmBlocker({ block: 'actors', scenario: scenario([], { services: ['placement'] }) }, step('dapr run -f .'))).toMatch(/placement/);
    expect(mmBlocker({ block: 'actors', scenario: scenario([], { services: ['placement', 'scheduler'] }) }, step('dapr run -f .'), ['redis', 'placement', 'scheduler'])).toBeUndefined();
    expect(mmBlocker({ block: 'actors', scenario: scenario([], { services: ['placement', 'scheduler'] }) }, step('dapr run -f .'), ['redis', 'placement'])).toMatch(/scheduler/);
  });
});

describe('floorPlan: the scenario\'s run steps, under bare dapr run', () => {
  it('keeps every run step in order with its jobs, and the installs and seeds to do first', () => {
    const plan = floorPlan({ scenario: scenario([
      { kind: 'install', name: 'i', install: { run: 'npm install', inputs: [], outputs: [] } },
      { kind: 'sh', name: 's', run: 'redis-cli MSET a 1', cwd: '.' },
      runStep('first', [app('receiver', 'server'), app('sender', 'job')]),
      { kind: 'request', name: 'r', request: { kind: 'http', method: 'GET', url: 'http://x', headers: {} }, capture: {}, timeoutMs: 1 },
      runStep('second', [app('writer', 'job')]),
    ]) });
    expect('why' in plan).toBe(false);
    if ('why' in plan) return;
    expect(plan.runs.map((r) => [r.name, r.jobs])).toEqual([['first', ['sender']], ['second', ['writer']]]);
    expect(plan.installs).toEqual([{ run: 'npm install', cwd: '.' }]);
    expect(plan.seeds).toEqual([{ run: 'redis-cli MSET a 1', cwd: '.' }]);
  });
  it('has none for a run of servers only, a skipped scenario, a one-app entry', () => {
    expect(floorPlan({ scenario: scenario([runStep('srv', [app('api', 'server')])]) })).toEqual({ why: expect.stringMatching(/starts only servers \(api\)/) });
    expect(floorPlan({ scenario: scenario([runStep('x', [app('a', 'job')])], { skip: 'needs an LLM' }) })).toEqual({ why: 'needs an LLM' });
    expect(floorPlan({})).toEqual({ why: expect.stringMatching(/not a scenario/) });
  });
});

describe('the Dapr home mechanical-markdown finds', () => {
  it('holds a redis state store and pub/sub at the bench\'s redis, as dapr init names them', () => {
    const files = mmHomeComponents({ host: 'localhost', port: 6379 });
    expect(Object.keys(files).sort()).toEqual(['.dapr/components/pubsub.yaml', '.dapr/components/statestore.yaml']);
    const state = YAML.parse(files['.dapr/components/statestore.yaml']!);
    expect(state).toMatchObject({ kind: 'Component', metadata: { name: 'statestore' }, spec: { type: 'state.redis' } });
    expect(state.spec.metadata).toContainEqual({ name: 'redisHost', value: 'localhost:6379' });
    const bus = YAML.parse(files['.dapr/components/pubsub.yaml']!);
    expect(bus).toMatchObject({ metadata: { name: 'pubsub' }, spec: { type: 'pubsub.redis' } });
    expect(bus.spec.metadata).toContainEqual({ name: 'redisHost', value: 'localhost:6379' });
  });
  it('is written under the runtime path', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-home-test-'));
    try {
      await writeMmHome(dir, { host: 'localhost', port: 6400 });
      expect(readFileSync(path.join(dir, '.dapr', 'components', 'statestore.yaml'), 'utf8')).toContain('value: localhost:6400');
      expect(readFileSync(path.join(dir, '.dapr', 'components', 'pubsub.yaml'), 'utf8')).toContain('pubsub.redis');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('summarise: ratios per sample and in total', () => {
  it('takes medians, and totals each comparison only over the samples both sides ran', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    const s = summarise([
      { id: 'a', harnessMs: [1000, 1200, 1100], phases: [{ services: 100, 'step 1 (run)': 800 }, { services: 300, 'step 1 (run)': 900 }, { services: 200 }], mmMs: [6000, 6600, 5400], floorMs: [1000, 1000, 1000] },
      { id: 'b', harnessMs: [2000], mmMs: [], mmWhy: 'its README runs Docker', floorMs: [1900] },
      { id: 'c', harnessMs: [500], mmMs: [2000], floorWhy: 'starts only servers' },
    ]);
    expect(s.perSample[0]).toMatchObject({ id: 'a', harnessMs: 1100, mmMs: 6000, floorMs: 1000, phases: { services: 200, 'step 1 (run)': 800 } });
    expect(s.perSample[0]!.mmOverHarness).toBeCloseTo(6000 / 1100);
    expect(s.perSample[0]!.overFloor).toBeCloseTo(0.1);
    expect(s.perSample[1]).toMatchObject({ mmWhy: 'its README runs Docker' });
    expect(s.perSample[1]!.mmMs).toBeUndefined();
    expect(s.perSample[2]).toMatchObject({ floorWhy: 'starts only servers' });
    // mm: a and c; (6000 + 2000) / (1100 + 500) = 5.0
    expect(s.mm).toMatchObject({ samples: 2, harnessMs: 1600, mmMs: 8000, met: true });
    expect(s.mm.ratio).toBeCloseTo(5);
    // floor: a and b; (1100 + 2000) / (1000 + 1900) - 1
    expect(s.floor).toMatchObject({ samples: 2, harnessMs: 3100, floorMs: 2900, met: true });
    expect(s.floor.overhead).toBeCloseTo(3100 / 2900 - 1);
  });
  it('says a goal is not met, and gives no ratio when nothing was compared', () => {
    const s = summarise([{ id: 'a', harnessMs: [1000], mmMs: [4000], floorMs: [800] }]);
    expect(s.mm.met).toBe(false);
    expect(s.floor.met).toBe(false);
    const none = summarise([{ id: 'a', harnessMs: [1000], mmWhy: 'x', floorWhy: 'y' }]);
    expect(none.mm.ratio).toBeUndefined();
    expect(none.floor.overhead).toBeUndefined();
    expect(treeMarkdown(none, { header: 'h', skipped: [{ id: 'z', reason: 'no java' }], failed: [], notes: [] })).toMatch(/ran none[\s\S]*- z: skipped by parity run: no java/);
  });
});
