// A recorded start order, run as a user would on a tree the project wrote: `parity init` (which
// does not write one), the user adds `after` to the job, then `parity run --update` and a
// `--strict` run. Real dapr and daprd: the server listens 4 s after it starts, the job invokes it
// at once; started after the server's sidecar answers healthz 204, the server receives every
// order in both update runs, the sample is adapted with the user's why, and --strict fails it.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { pickTestPort } from '../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../helpers/parity-child.ts';
import { writeStartAfterTree } from '../helpers/start-after-tree.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const root = tempDir('parity-start-after-tree-');
const file = path.join(root, 'samples.yaml');
const ORDERS = 6;
const WHY = 'the server listens 4 s after it starts and the job posts its orders at once';

describe('a job started after its server\'s sidecar is ready', () => {
  beforeAll(async () => {
    writeStartAfterTree(root, { serverPort: await pickTestPort(), orders: ORDERS });
    execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
  });

  it('is never written by init; added by the user, the server receives every order and the sample is adapted with its why', async () => {
    const text = readFileSync(file, 'utf8');
    expect(text).not.toMatch(/\bafter:/);
    const doc = YAML.parseDocument(text);
    const i = (doc.toJS().samples as { id: string }[]).findIndex((x) => x.id === 'service_invocation/javascript/http');
    const run = (doc.getIn(['samples', i, 'steps']) as YAML.YAMLSeq).items.find((s) => YAML.isMap(s) && s.has('run')) as YAML.YAMLMap;
    expect(run.getIn(['apps', 'server', 'role'])).toBe('server');
    run.setIn(['apps', 'job', 'after'], doc.createNode({ apps: ['server'], why: WHY }));
    writeFileSync(file, doc.toString());

    const update = await startParity(root, ['service_invocation', '--update']).done;
    expect(update.code, update.describe()).toBe(0);
    const received = readFileSync(path.join(root, 'expected/service_invocation/javascript-http/server.txt'), 'utf8').split('\n').filter(Boolean);
    expect(received).toEqual(Array.from({ length: ORDERS }, (_, i) => `Order received: ${i + 1}`));
    const s = update.report!.samples[0]!;
    const reason = `job started after server's sidecar was ready: ${WHY}`;
    expect([s.status, s.reason]).toEqual(['adapted', reason]);
    expect(s.notes, JSON.stringify(s.notes)).toContain(`step 1: job started only once server's sidecar was ready (GET /v1.0/healthz answering 204, at most 60 s): ${WHY}`);
    expect(update.leftovers, update.describe()).toEqual([]);

    const strict = await startParity(root, ['service_invocation', '--strict']).done;
    expect(strict.code, strict.describe()).toBe(1);
    expect([strict.report!.samples[0]!.status, strict.report!.samples[0]!.reason]).toEqual(['failed', `--strict: ${reason}`]);
    expect(strict.leftovers, strict.describe()).toEqual([]);
  }, 240_000);
});
