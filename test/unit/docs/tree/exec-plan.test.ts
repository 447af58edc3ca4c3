// What `--exec` runs of a page against a tree: each language tab's commands as the steps of the
// sample's scenario, with the manifest's apps. Pure, on the tests' own tree and page.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePage } from '../../../../harness/docs/parse.ts';
import { planTreeExec } from '../../../../harness/docs/tree/exec-plan.ts';
import { loadTreeWorkspace } from '../../../../harness/docs/tree/tree-workspace.ts';
import { loadManifest } from '../../../../harness/samples/manifest.ts';
import { hugoPage, writeDocsTree } from '../../../helpers/docs-tree.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'parity-docs-exec-plan-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeDocsTree(root);
const ws = loadTreeWorkspace(loadManifest(root));

describe('planTreeExec', () => {
  it('turns each tab\'s commands into the sample\'s steps, where the reader runs them, with the manifest\'s apps', () => {
    const plans = planTreeExec(parsePage(hugoPage(false)), ws);
    expect(plans.map((p) => [p.language, p.sample.id, p.notRun])).toEqual([['python', 'orders/python/sdk', []], ['go', 'orders/go/sdk', []]]);
    const [py, go] = plans.map((p) => p.sample.scenario!.steps);
    expect(py).toMatchObject([
      { kind: 'install', name: 'pip3 install -r requirements.txt', install: { run: 'cd "tally" && pip3 install -r requirements.txt' } },
      { kind: 'run', name: 'dapr run -f .', launch: { kind: 'file', file: 'dapr.yaml' }, apps: [{ appId: 'tally-py', role: 'job', golden: path.join(root, 'expected/orders/python-sdk/tally-py.txt') }], background: false },
    ]);
    expect(go).toMatchObject([{ kind: 'run', launch: { kind: 'app', appId: 'tally-go', command: 'go run .', cwd: 'tally', resources: '../../../components' }, apps: [{ appId: 'tally-go' }] }]);
  });

  it('runs what the page says even where it is wrong (the run file the reader\'s folder lacks), and only the languages asked for', () => {
    const plans = planTreeExec(parsePage(hugoPage(true)), ws, ['python']);
    expect(plans.map((p) => p.language)).toEqual(['python']);
    expect(plans[0]!.sample.scenario!.steps.map((s) => [s.kind, s.name, s.kind === 'run' ? s.launch : undefined])).toEqual([
      ['install', 'pip3 install -r requirements.txt', undefined],
      ['run', 'dapr run -f .', { kind: 'file', file: 'tally/dapr.yaml' }],
    ]);
  });
});
