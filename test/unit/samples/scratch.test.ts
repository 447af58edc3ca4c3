// The scratch copy a scenario runs in: a mirror of the tree's folders in the cache, reused while
// the files are unchanged, overlays applied there only; and pruning the copies nobody will use.
import { existsSync, mkdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { prepareScratch, pruneScratch, scratchRoot } from '../../../harness/samples/scratch.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

let saved: string | undefined;
beforeEach(() => {
  // A cache of this test's own: pruning must not reach the copies other tests are using.
  saved = process.env.PARITY_CACHE_DIR;
  process.env.PARITY_CACHE_DIR = tempDir('parity-scratch-cache-');
});
afterEach(() => {
  if (saved === undefined) delete process.env.PARITY_CACHE_DIR;
  else process.env.PARITY_CACHE_DIR = saved;
});

function tree(): string {
  const root = tempDir('parity-scratch-tree-');
  mkdirSync(path.join(root, 'pub_sub/go/http/node_modules'), { recursive: true });
  mkdirSync(path.join(root, 'components'), { recursive: true });
  writeFileSync(path.join(root, 'pub_sub/go/http/main.go'), 'package main // v1.17.0\n');
  writeFileSync(path.join(root, 'pub_sub/go/http/node_modules/x.js'), 'generated');
  writeFileSync(path.join(root, 'components/redis.yaml'), 'kind: Component\n');
  return root;
}

const prepare = (root: string, overlays: { file: string; replace: string; with: string; reason: string }[] = []) => prepareScratch({
  treeRoot: root, sampleId: 'pub_sub/go/http', sampleDir: path.join(root, 'pub_sub/go/http'),
  dirs: [path.join(root, 'pub_sub/go/http'), path.join(root, 'components')], overlays,
});

describe('a scratch copy', () => {
  it('mirrors the sample and the folders it reaches, generated folders left out, and copies again only what changed', () => {
    const root = tree();
    const c = prepare(root);
    expect(c.dir).toBe(path.join(c.root, 'pub_sub/go/http'));
    expect(readFileSync(path.join(c.root, 'components/redis.yaml'), 'utf8')).toBe('kind: Component\n');
    expect(existsSync(path.join(c.dir, 'node_modules'))).toBe(false);
    expect(c.copied).toBe(2);
    expect(prepare(root).copied).toBe(0);
  });
  it('applies an overlay to the copy only, and refuses one that no longer fits', () => {
    const root = tree();
    const c = prepare(root, [{ file: 'main.go', replace: 'v1.17.0', with: 'v1.17.1', reason: 'r' }]);
    expect(readFileSync(path.join(c.dir, 'main.go'), 'utf8')).toBe('package main // v1.17.1\n');
    expect(readFileSync(path.join(root, 'pub_sub/go/http/main.go'), 'utf8')).toBe('package main // v1.17.0\n');
    expect(() => prepare(root, [{ file: 'main.go', replace: 'v9', with: 'v10', reason: 'r' }])).toThrow(/no longer holds "v9"/);
  });
});

describe('pruning scratch copies', () => {
  it('removes every copy of a tree that is gone, and a copy unused for 14 days; keeps the rest', () => {
    const kept = tree();
    const gone = tree();
    const old = tree();
    for (const r of [kept, gone, old]) prepare(r);
    rmSync(gone, { recursive: true, force: true });
    const oldCopy = scratchRoot(old, 'pub_sub/go/http');
    const longAgo = new Date(Date.now() - 15 * 24 * 3600 * 1000);
    utimesSync(path.join(oldCopy, '.parity-scratch.json'), longAgo, longAgo);
    expect(pruneScratch()).toBe(2);
    expect(existsSync(path.dirname(scratchRoot(gone, 'pub_sub/go/http')))).toBe(false);
    expect(existsSync(oldCopy)).toBe(false);
    expect(existsSync(scratchRoot(kept, 'pub_sub/go/http'))).toBe(true);
    expect(pruneScratch()).toBe(0);
  });
});
