// Request steps and service invocation on a tree the project wrote, run as a user would: `parity
// init`, the user adds what a README cannot say (the value to capture, the field to poll), then
// `parity run --update` and `parity run`. Real dapr and daprd: a caller invoking a called app by
// its id (private name resolution), `curl` steps through the sidecar's port the harness chose and
// straight to the app, a capture used by the next step, a poll until COMPLETED, a `dapr invoke`.
// Then a poll that never matches fails on its cap in one line and leaves nothing behind.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is the manifest's placeholder syntax, written as text
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { pickTestPort } from '../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../helpers/parity-child.ts';
import { writeRequestTree } from '../helpers/request-tree.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const root = tempDir('parity-request-tree-');
const file = path.join(root, 'samples.yaml');

/** Edits the polling sample's steps in samples.yaml, as a user would. */
function editPolling(edit: (steps: YAML.YAMLSeq, doc: YAML.Document) => void): void {
  const doc = YAML.parseDocument(readFileSync(file, 'utf8'));
  const i = (doc.toJS().samples as { id: string }[]).findIndex((s) => s.id === 'polling/javascript/http');
  edit(doc.getIn(['samples', i, 'steps']) as YAML.YAMLSeq, doc);
  writeFileSync(file, doc.toString());
}

describe('request steps and service invocation', () => {
  let pollerPort = 0;
  beforeAll(async () => {
    pollerPort = await pickTestPort();
    writeRequestTree(root, { calledPort: await pickTestPort(), otherCalledPort: await pickTestPort(), pollerPort });
    execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
    editPolling((steps) => {
      const start = steps.items.find((s) => YAML.isMap(s) && s.get('name') === 'Start a job') as YAML.YAMLMap;
      start.set('capture', { id: 'instanceID' });
      const ask = steps.items.find((s) => YAML.isMap(s) && s.get('name') === 'Ask its status') as YAML.YAMLMap;
      ask.setIn(['http', 'url'], `http://localhost:${pollerPort}/status/\${id}`);
      ask.set('until', { field: 'runtimeStatus', equals: 'COMPLETED', everySeconds: 0.2 });
      ask.set('timeoutSeconds', 20);
    });
  });

  it('maps curl and dapr invoke from the README, the sidecar port to the harness\'s', () => {
    const text = readFileSync(file, 'utf8');
    expect(text).toContain('url: "http://localhost:${daprHttpPort:poller}/v1.0/invoke/poller/method/start"');
    expect(text).toContain('- dapr: invoke --app-id poller --method end --verb POST');
  });

  it('captures, polls and invokes; the called app prints every id the caller passed; the second run passes against the goldens', async () => {
    const first = await startParity(root, ['--update', '--concurrency', '3']).done;
    expect(first.code, first.describe()).toBe(0);
    expect(readFileSync(path.join(root, 'expected/polling/javascript-http/poller.txt'), 'utf8')).toBe('started job-1 for one\nfinished job-1 after 4 asks\n');
    // Each called app received exactly what its own caller passed, though the other pair ran at the same time with the same app ids.
    for (const v of ['http', 'sdk']) {
      expect(readFileSync(path.join(root, `expected/service_invocation/javascript-${v}/called.txt`), 'utf8').split('\n').filter(Boolean).sort(), v)
        .toEqual([1, 2, 3, 4, 5, 6].map((i) => `Order received: ${i}`));
    }

    const second = await startParity(root, ['--concurrency', '3']).done;
    expect(second.code, second.describe()).toBe(0);
    expect(second.leftovers, second.describe()).toEqual([]);
    const r = second.report!;
    const polling = r.samples.find((s) => s.id === 'polling/javascript/http')!;
    expect(polling.status).toBe('passed');
    const requests = polling.steps!.filter((s) => s.kind === 'request');
    expect(requests.map((s) => s.ok)).toEqual([true, true, true]);
    // The sidecar's port is the one the harness chose, not the README's.
    expect(requests[0]!.detail).toMatch(/^POST http:\/\/localhost:(\d+)\/v1\.0\/invoke\/poller\/method\/start → HTTP 200; id = job-1$/);
    expect(requests[0]!.detail).not.toContain(':3599/');
    expect(requests[1]!.detail).toBe(`GET http://localhost:${pollerPort}/status/job-1 → HTTP 200; 4 tries`);
    expect(requests[2]!.detail).toBe('dapr invoke --app-id poller --method end --verb POST → ok');
    const invocation = r.blocks!.find((b) => b.block === 'service_invocation')!;
    const ids = ['1', '2', '3', '4', '5', '6'];
    expect([invocation.ok, invocation.facts]).toEqual([true, {
      'service_invocation/javascript/http': { passed: ids, received: ids },
      'service_invocation/javascript/sdk': { passed: ids, received: ids },
    }]);
    const notes = r.samples.find((s) => s.id === 'service_invocation/javascript/http')!.notes ?? [];
    expect(notes.some((n) => n.startsWith('name resolution: sqlite on a database private to the sample')), JSON.stringify(notes)).toBe(true);
  }, 300_000);

  it('fails a poll that never matches on its cap, in one line naming the step, the URL and what it saw, and leaves nothing running', async () => {
    const before = readFileSync(file, 'utf8');
    editPolling((steps) => {
      const ask = steps.items.find((s) => YAML.isMap(s) && s.get('name') === 'Ask its status') as YAML.YAMLMap;
      ask.setIn(['until', 'equals'], 'NEVER');
      ask.set('timeoutSeconds', 2);
    });
    try {
      const r = await startParity(root, ['polling']).done;
      expect(r.code, r.describe()).toBe(1);
      const s = r.report!.samples[0]!;
      expect(s.status).toBe('failed');
      expect(s.reason).toMatch(new RegExp(`^step 3 \\(Ask its status\\): GET http://localhost:${pollerPort}/status/job-1: runtimeStatus never became NEVER in \\d+ tries over [23] s; last: runtimeStatus = COMPLETED$`));
      expect(r.leftovers, r.describe()).toEqual([]);
    } finally {
      writeFileSync(file, before);
    }
  }, 120_000);
});
