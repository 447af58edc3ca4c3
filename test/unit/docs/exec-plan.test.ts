// The pure pieces the checks are built from: excerpt matching, output comparison, dapr run
// parsing, app command comparison, data diffs, shell splitting, the exec plan and formatting.
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { planExec } from '../../../harness/docs/exec-plan.ts';
import { missingGoldenLines } from '../../../harness/docs/exec.ts';
import { tailLines } from '../../../harness/text/format.ts';
import { parsePage } from '../../../harness/docs/parse.ts';
import { loadWorkspace } from '../../../harness/docs/workspace.ts';
import { loadManifest } from '../../../harness/samples/manifest.ts';

describe('exec plan and helpers', () => {
  const fixtures = path.resolve(import.meta.dirname, '../../fixtures/docs');
  const ws = loadWorkspace(loadManifest(path.join(fixtures, 'tree')));
  it('runs install commands then dapr run per tab, leaving out cd, git clone and other dapr commands', () => {
    const page = parsePage(readFileSync(path.join(fixtures, 'clean.md'), 'utf8'));
    const plans = planExec(page, ws);
    expect(plans.map((p) => [p.sample.spec.id, p.steps.map((s) => (s.kind === 'install' ? s.command : `${s.kind} ${s.appId} ${s.appCommand} [${s.replaced.join(' ')}]`))])).toEqual([
      ['python/sdk', ['pip3 install -r requirements.txt', 'dapr-run order-processor python3 app.py []']],
      ['javascript/sdk', ['npm install', 'dapr-run order-processor npm start []']],
      ['go/sdk', ['dapr-run order-processor go run . []']],
    ]);
    expect(planExec(page, ws, ['go']).map((p) => p.language)).toEqual(['go']);
    const other = parsePage('{{< tabs "Go" >}}\n{{% codetab %}}\n```bash\ngit clone x\ndapr init\ndapr run --app-id a -d ../c -H 3500 -- go run .\n```\n{{% /codetab %}}\n{{< /tabs >}}\n');
    expect(planExec(other, ws)[0]!.steps).toEqual([{ kind: 'dapr-run', line: 6, written: 'dapr run --app-id a -d ../c -H 3500 -- go run .', appId: 'a', appCommand: 'go run .', replaced: ['-d', '-H'] }]);
  });
  it('checks golden lines in order and keeps output tails short', () => {
    expect(missingGoldenLines('a\nb\nc', 'a\nc\n')).toEqual([]);
    expect(missingGoldenLines('c\na', 'a\nc\n')).toEqual(['c']);
    expect(tailLines('1\n2\n\n3\n4\n5\n6\n7\n', 3)).toBe('5\n6\n7');
  });
});
