// `parity docs --exec` on pages against a tree of building blocks: a page's tab is run by the
// same scenario engine as `parity run`, with real dapr, daprd and redis, and judged against the
// goldens `parity run --update` recorded. A page that runs the sample as its README does agrees
// (exec-ok); one that runs `dapr run -f .` from the app's folder fails, saying why. The tree and
// the pages are the tests' own (test/helpers/scenario-tree.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PagesReport } from '../../harness/docs/pages-report.ts';
import { redisAvailability } from '../../harness/services/redis.ts';
import { pickTestPort } from '../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../helpers/parity-child.ts';
import { writeScenarioTree } from '../helpers/scenario-tree.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const redis = await redisAvailability();
const root = tempDir('parity-docs-tree-exec-');
const pages = tempDir('parity-docs-tree-pages-');

const page = (cd: string) => `---
title: "Keys and values"
---

{{< tabs "JavaScript" >}}
{{% codetab %}}
\`\`\`bash
cd ${cd}
dapr run -f .
\`\`\`
{{% /codetab %}}
{{< /tabs >}}
`;

describe.skipIf(Boolean(redis.missing))(`parity docs --exec against a tree${redis.missing ? ` (skipped: ${redis.missing})` : ''}`, () => {
  beforeAll(async () => {
    writeScenarioTree(root, { subscriberPort: await pickTestPort() });
    execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
    const recorded = await startParity(root, ['--update', 'state_management/javascript/http']).done;
    expect(recorded.code, recorded.describe()).toBe(0);
    mkdirSync(pages, { recursive: true });
    writeFileSync(path.join(pages, 'as-readme.md'), page('state_management/javascript/http'));
    writeFileSync(path.join(pages, 'from-app-folder.md'), page('state_management/javascript/http/writer'));
  }, 5 * 60_000);

  it('runs each page\'s tab through the scenario engine: agreeing with parity run\'s goldens, or failing with the reason; nothing is left', async () => {
    const r = await startParity(root, [pages, '--exec', '--json'], { command: 'docs' }).done;
    expect(r.code, r.describe()).toBe(1);
    expect(r.leftovers, r.describe()).toEqual([]);
    const report = JSON.parse(r.stdout) as PagesReport;
    const exec = (name: string) => report.pages.find((p) => p.page.endsWith(name))!.findings.filter((f) => f.id.startsWith('exec-'));
    const ok = exec('as-readme.md');
    expect(ok.map((f) => f.id), r.describe()).toEqual(['exec-ok']);
    expect(ok[0]!.message).toContain('key-writer (expected/state_management/javascript-http/key-writer.txt)');
    const failed = exec('from-app-folder.md');
    expect(failed.map((f) => f.id), r.describe()).toEqual(['exec-failed']);
    expect(failed[0]!.message).toContain('`dapr run -f .`');
    // The static check says the same of the second page, before anything runs.
    expect(report.pages.find((p) => p.page.endsWith('from-app-folder.md'))!.counts['run-file-missing']).toBe(1);
  }, 5 * 60_000);
});
