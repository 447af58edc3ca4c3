// The test run's own cache (test/global/run-isolation.ts): a real `parity run` in a test keeps
// its cache entries (the parsed manifest, the seen-tree stamp) in the run's cache, which goes
// with the run, and none in the user's; it still finds the provisioned Dapr binaries through it.
import { appendFileSync, existsSync, readdirSync, readFileSync, readlinkSync, realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCacheFile } from '../../harness/files/parse-cache.ts';
import { seenTreesDir, treeKey } from '../../harness/security/tree-commands.ts';
import { realDapr } from '../helpers/dapr.ts';
import { faultSuite } from '../helpers/fault-suite.ts';
import { HTTP_SECRET_APP, makeFaultTree } from '../helpers/fault-tree.ts';
import { runParity } from '../helpers/parity-child.ts';

faultSuite();

/** The parse-cache entry of `text` in `cache`, whatever parser kind the manifest loader names. */
function parsedEntry(cache: string, text: string): string | undefined {
  const dir = path.join(cache, 'parsed');
  if (!existsSync(dir)) return undefined;
  return readdirSync(dir).map((f) => path.join(dir, f)).find((f) => parseCacheFile(path.basename(f).replace(/-[0-9a-f]{32}\.json$/, ''), text) === f);
}

describe('the test run\'s cache', () => {
  it('is the run\'s own, in its temp folder; a parity run caches there, not in the user\'s cache, and uses the shared Dapr binaries', async () => {
    const cache = process.env.PARITY_CACHE_DIR!;
    expect(cache, 'no PARITY_CACHE_DIR: the test run writes into the user\'s cache').toBeTruthy();
    expect(path.dirname(cache)).toBe(os.tmpdir());
    const shared = path.dirname(readlinkSync(path.join(cache, 'dapr')));
    expect(shared).not.toBe(cache);

    const tree = makeFaultTree({ samples: [{ run: 'python3 app.py', files: { 'app.py': HTTP_SECRET_APP } }] });
    // A manifest text of this tree alone, so its parse-cache entry can be no other run's.
    appendFileSync(tree.path('samples.yaml'), `# ${tree.root}\n`);
    const r = await runParity(tree.root, ['--timeout', '30']);
    expect(r.code, r.describe()).toBe(0);
    const dapr = await realDapr();
    expect(r.stderr).toContain(`dapr CLI ${dapr.cli.version}, daprd ${dapr.daprd.version}`);
    expect(realpathSync(dapr.daprd.path).startsWith(realpathSync(path.join(shared, 'dapr')) + path.sep), dapr.daprd.path).toBe(true);

    const text = readFileSync(tree.path('samples.yaml'), 'utf8');
    const stamp = `${treeKey(tree.root, text)}.json`;
    expect(seenTreesDir()).toBe(path.join(cache, 'seen-trees'));
    expect(existsSync(path.join(cache, 'seen-trees', stamp)), 'the run\'s seen-tree stamp').toBe(true);
    expect(existsSync(path.join(shared, 'seen-trees', stamp)), 'a seen-tree stamp in the user\'s cache').toBe(false);
    const parsed = parsedEntry(cache, text);
    expect(parsed, 'the run\'s parsed manifest').toBeDefined();
    expect(existsSync(path.join(shared, 'parsed', path.basename(parsed!))), 'a parsed manifest in the user\'s cache').toBe(false);
  }, 120_000);
});
