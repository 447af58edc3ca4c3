// The checks of a page against a tree take any text the parser does: arbitrary pages built from
// the tokens they give meaning to (tabs in both dialects, links into the repository, cd and dapr
// run commands, fences) never make them throw, and every finding is catalogued and on a page line.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect } from 'vitest';
import { FINDING_IDS } from '../../../../harness/docs/finding-ids.ts';
import { parsePage } from '../../../../harness/docs/parse.ts';
import { planTreeExec } from '../../../../harness/docs/tree/exec-plan.ts';
import { checkTreePage } from '../../../../harness/docs/tree/tree-checks.ts';
import { loadTreeWorkspace } from '../../../../harness/docs/tree/tree-workspace.ts';
import { loadManifest } from '../../../../harness/samples/manifest.ts';
import { writeDocsTree } from '../../../helpers/docs-tree.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'parity-docs-tree-prop-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeDocsTree(root);
const ws = loadTreeWorkspace(loadManifest(root));

const TOKENS = [
  '{{< tabs "Python" "Go" >}}', '{{< /tabs >}}', '{{% codetab %}}', '{{% /codetab %}}', '{{< tabpane >}}', '{{< /tabpane >}}', '{{% tab header="Go" %}}', '{{% /tab %}}',
  '{{% alert %}}', '{{% /alert %}}', '```bash\n', '```\n', '```yaml\n', '```python\n', '\n', '\n\n', '# h\n', 'output:\n',
  '[l](https://github.com/dapr/quickstarts/tree/master/orders/python/sdk)', '[l](https://github.com/dapr/quickstarts/blob/x/orders/go/sdk/tally/main.go#L1)', '[l](https://github.com/dapr/quickstarts/a%ZZ/b)', '[l](https://github.com/dapr/quickstarts)',
  'cd orders/python/sdk\n', 'cd ..\n', 'cd ../../..\n', 'cd tally\n', 'cd $HOME\n', 'cd\n', 'git clone x\n', 'dapr run -f .\n', 'dapr run -f\n', 'dapr run --app-id tally-go -- go run .\n', 'dapr run --app-id\n', '--resources-path ../x ',
  'pip3 install -r requirements.txt\n', 'go build .\n', 'The `dapr.yaml` file:\n', 'version: 1\n', 'apps:\n', '  - appID: x\n', 'a: [\n', '== APP - tally-py == counted 1\n', '== APP == x\n', 'counted 2\n',
];

describe('checks against a tree, on arbitrary pages', () => {
  test.prop([fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 8 })), { maxLength: 80 })], { numRuns: 300 })('never throw; every finding is catalogued, on a line of the page', (parts) => {
    const text = parts.join('');
    const doc = parsePage(text);
    const lines = text.split('\n').length;
    for (const f of checkTreePage(doc, ws)) {
      expect(FINDING_IDS[f.id], f.id).toBeDefined();
      expect(f.line).toBeGreaterThanOrEqual(1);
      expect(f.line).toBeLessThanOrEqual(lines);
    }
    expect(() => planTreeExec(doc, ws)).not.toThrow();
  });
});
