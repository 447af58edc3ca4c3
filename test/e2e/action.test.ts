// action.yml's steps run here as a runner would run them, as far as this machine allows: its
// shell steps in order with the env its inputs give (expressions evaluated, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY as files), against small trees under the real `dapr run` and daprd. The
// `uses:` steps (setup-node, cache, upload-artifact) need GitHub and are listed, not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { faultSuite } from '../helpers/fault-suite.ts';
import { HTTP_SECRET_APP, makeFaultTree, SECRET_LINE } from '../helpers/fault-tree.ts';
import { packTarball } from '../helpers/pack.ts';
import { REPO_ROOT } from '../helpers/parity-child.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

interface Step { id?: string; name?: string; uses?: string; if?: string; shell?: string; env?: Record<string, string>; run?: string; with?: Record<string, string> }
interface Action { inputs: Record<string, { default?: string }>; outputs: Record<string, { value: string }>; runs: { using: string; steps: Step[] } }

const action = parse(readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8')) as Action;
const app = { run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } };

faultSuite();
cleanTempDirsAfterAll();

let tarball: string;
beforeAll(async () => { tarball = await packTarball(); }, 120_000);

interface ActionRun { steps: { name: string; ran: boolean; code?: number }[]; outputs: Record<string, string>; summary: string; failed: boolean }

/** Runs the action's shell steps as a runner would: `if:` obeyed, a failed step failing the rest but `always()`. */
function runAction(given: Record<string, string>, cwd: string): ActionRun {
  const inputs = Object.fromEntries(Object.entries(action.inputs).map(([k, v]) => [k, given[k] ?? v.default ?? '']));
  for (const k of Object.keys(given)) if (!(k in action.inputs)) throw new Error(`action.yml has no input ${k}`);
  const temp = tempDir('parity-action-runner-');
  const summaryFile = path.join(temp, 'summary.md');
  writeFileSync(summaryFile, '');
  const stepOutputs: Record<string, Record<string, string>> = {};
  const expr = (text: string) => text.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, e: string) => {
    const input = e.match(/^inputs\.([\w-]+)$/);
    if (input) return inputs[input[1]!] ?? '';
    if (e === 'github.action_path') return REPO_ROOT;
    if (e === 'runner.temp') return temp;
    const output = e.match(/^steps\.([\w-]+)\.outputs\.([\w-]+)$/);
    if (output) return stepOutputs[output[1]!]?.[output[2]!] ?? '';
    throw new Error(`an expression this test cannot evaluate: ${e}`);
  });
  const condition = (c: string | undefined, failed: boolean): boolean => {
    if (c === undefined) return !failed;
    const always = /\balways\(\)/.test(c);
    const rest = c.replace(/\balways\(\)\s*(&&\s*)?/, '').trim();
    const m = rest.match(/^inputs\.([\w-]+) (==|!=) ''$/);
    if (rest && !m) throw new Error(`a condition this test cannot evaluate: ${c}`);
    const holds = !m || ((inputs[m[1]!] === '') === (m[2] === '=='));
    return (always || !failed) && holds;
  };
  const result: ActionRun = { steps: [], outputs: {}, summary: '', failed: false };
  for (const step of action.runs.steps) {
    const name = step.name ?? step.uses ?? '?';
    if (!condition(step.if, result.failed) || step.uses) {
      result.steps.push({ name, ran: false });
      continue;
    }
    const outFile = path.join(temp, `output-${result.steps.length}`);
    writeFileSync(outFile, '');
    const env = Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, expr(String(v))]));
    const started = Date.now();
    // The shell GitHub runs a composite `shell: bash` step with.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], {
      // spawnSync holds the event loop, so vitest's own timeout could not end a hung step.
      cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: 150_000,
      env: { ...process.env, CI: 'true', ...env, GITHUB_OUTPUT: outFile, GITHUB_STEP_SUMMARY: summaryFile, RUNNER_TEMP: temp, GITHUB_WORKSPACE: cwd },
    });
    if (r.status !== 0 && process.env.PARITY_TEST_VERBOSE) process.stderr.write(`${name}: ${r.stdout}\n${r.stderr}\n`);
    if (process.env.PARITY_TEST_VERBOSE) process.stderr.write(`${name}: exit ${r.status} after ${Date.now() - started} ms\n`);
    result.steps.push({ name, ran: true, code: r.status ?? -1 });
    if (r.status !== 0) result.failed = true;
    if (step.id) stepOutputs[step.id] = Object.fromEntries(readFileSync(outFile, 'utf8').split('\n').filter((l) => l.includes('=')).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
  }
  for (const [k, v] of Object.entries(action.outputs)) result.outputs[k] = expr(v.value);
  result.summary = readFileSync(summaryFile, 'utf8');
  return result;
}

describe('action.yml', () => {
  it('is a composite action whose shell steps read inputs only through env, never spliced into a script', () => {
    expect(action.runs.using).toBe('composite');
    const shell = action.runs.steps.filter((s) => s.run);
    expect(shell.length).toBeGreaterThanOrEqual(3);
    for (const s of shell) {
      expect(s.run, s.name).not.toContain('${{');
      expect(s.shell, s.name).toBe('bash');
    }
    // Every input is used somewhere, and every use names an input that exists.
    const text = readFileSync(path.join(REPO_ROOT, 'action.yml'), 'utf8');
    const used = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]!));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
    expect(action.runs.steps.map((s) => s.uses?.split('@')[0]).filter(Boolean)).toEqual(['actions/setup-node', 'actions/cache', 'actions/cache', 'actions/upload-artifact']);
  });

  it('installs the package, runs the tree with the filters and --strict, fails on a failed sample, and writes the job summary', () => {
    const tree = makeFaultTree({ samples: [
      { ...app, language: 'python', variant: 'http' },
      { ...app, language: 'javascript', variant: 'http', golden: `${SECRET_LINE.replace('YourPasskeyHere', 'AnOlderPasskey')}\n` },
      { ...app, language: 'go', variant: 'http' },
    ] });
    const run = runAction({ package: tarball, tree: tree.root, filters: 'python javascript', strict: 'true', 'report-dir': 'reports' }, tree.root);
    expect(run.steps).toEqual([
      { name: 'actions/setup-node@v4', ran: false },
      { name: 'Install dapr-quickstart-parity', ran: true, code: 0 },
      { name: 'actions/cache@v4', ran: false },
      { name: 'actions/cache@v4', ran: false },
      { name: 'parity', ran: true, code: 1 },
      { name: 'actions/upload-artifact@v4', ran: false },
      { name: 'job summary', ran: true, code: 0 },
    ]);
    expect(run.outputs).toEqual({ 'report-dir': 'reports', 'exit-code': '1' });
    const report = JSON.parse(readFileSync(tree.path('reports', 'report.json'), 'utf8')) as { samples: { id: string; status: string }[] };
    expect(report.samples.map((s) => `${s.id} ${s.status}`).sort()).toEqual(['javascript/http failed', 'python/http passed']);
    expect(run.summary).toBe(readFileSync(tree.path('reports', 'summary.md'), 'utf8'));
    expect(run.summary).toContain('## javascript/http: failed');
    expect(existsSync(tree.path('reports', 'report.html'))).toBe(true);
  }, 180_000);

  it('runs shards against a baseline with --fail-on new, then merges them; a missing baseline is said, not fatal', () => {
    const tree = makeFaultTree({ samples: [
      { ...app, language: 'python', variant: 'http' },
      { ...app, language: 'go', variant: 'http', golden: `${SECRET_LINE.replace('YourPasskeyHere', 'AnOlderPasskey')}\n` },
    ] });
    // The last run failed go/http as well: still failing is not new, so the shards pass.
    const last = runAction({ package: tarball, tree: tree.root, baseline: 'no-such/report.json', 'report-dir': 'last' }, tree.root);
    expect(last.outputs['exit-code']).toBe('1');
    mkdirSync(tree.path('shards'));
    for (const shard of ['1/2', '2/2']) {
      const r = runAction({ package: tarball, tree: tree.root, shard, baseline: 'last/report.json', 'fail-on': 'new', 'report-dir': `shards/${shard[0]}` }, tree.root);
      expect(r.outputs['exit-code'], `shard ${shard}`).toBe('0');
    }
    const merged = runAction({ package: tarball, tree: tree.root, merge: 'shards/*', 'report-dir': 'merged' }, tree.root);
    // A merge runs no sample: no Dapr or install caches.
    expect(merged.steps.filter((s) => s.ran).map((s) => s.name)).toEqual(['Install dapr-quickstart-parity', 'parity', 'job summary']);
    expect(merged.outputs['exit-code']).toBe('1');
    const report = JSON.parse(readFileSync(tree.path('merged', 'report.json'), 'utf8')) as { samples: { id: string; status: string; change?: string }[] };
    expect(report.samples.map((s) => `${s.id} ${s.status} ${s.change}`).sort()).toEqual(['go/http failed still-failing', 'python/http passed unchanged']);
    expect(merged.summary).toContain('go/http');
  }, 300_000);
});
