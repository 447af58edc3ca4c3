// Two real shards of a three-sample tree, under the real `dapr run` and daprd, merged: together
// they ran every sample exactly once, and the merged report is the unsharded run's sample set.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { RunReport } from '../../harness/model.ts';
import { describe, expect, it } from 'vitest';
import { faultSuite } from '../helpers/fault-suite.ts';
import { HTTP_SECRET_APP, makeFaultTree } from '../helpers/fault-tree.ts';
import { runParity, type ReadReport } from '../helpers/parity-child.ts';

const app = { run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } };

faultSuite();

describe('parity run --shard and merge-reports', () => {
  it('shards 1/2 and 2/2 run every sample once; merged, they are the unsharded run', async () => {
    const tree = makeFaultTree({ samples: [
      { ...app, language: 'python', variant: 'http' },
      { ...app, language: 'go', variant: 'http' },
      { ...app, language: 'java', variant: 'http' },
    ] });
    const dir = (name: string) => path.join(tree.root, name);
    const [one, two] = await Promise.all([1, 2].map((k) => runParity(tree.root, ['--shard', `${k}/2`], { reportDir: dir(`shard-${k}`) })));
    expect(one!.code, one!.describe()).toBe(0);
    expect(two!.code, two!.describe()).toBe(0);
    const ran = [...one!.report!.samples, ...two!.report!.samples].map((s) => s.id).sort();
    expect(ran).toEqual(['go/http', 'java/http', 'python/http']);
    expect(one!.report!.samples.length).toBe(2);
    expect(one!.leftovers.concat(two!.leftovers)).toEqual([]);

    const merged = await runParity(tree.root, [dir('shard-1'), dir('shard-2'), '--report-dir', dir('merged')], { command: 'merge-reports' });
    expect(merged.code, merged.describe()).toBe(0);
    const whole = await runParity(tree.root, [], { reportDir: dir('whole') });
    expect(whole.code, whole.describe()).toBe(0);
    const mergedReport = JSON.parse(readFileSync(dir('merged/report.json'), 'utf8')) as RunReport;
    const idsOf = (r: ReadReport) => r.samples.map((s) => `${s.id} ${s.status}`);
    expect(idsOf(mergedReport)).toEqual(idsOf(whole.report!));
    expect(merged.stdout).toContain('3 passed, 0 failed');
  }, 180_000);
});
