// `parity docs` against a whole quickstarts tree: pages the tests wrote, in Hugo's and Docsy's
// tab dialects, checked against a small tree the tests wrote (test/helpers/docs-tree.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkShape } from '../../../../harness/docs/checks/structure.ts';
import { parsePage } from '../../../../harness/docs/parse.ts';
import { repoLink } from '../../../../harness/docs/tree/page-samples.ts';
import { canonicalCommand, folder, isInstallCommand, splitCd } from '../../../../harness/docs/tree/readme-commands.ts';
import { checkTreePage } from '../../../../harness/docs/tree/tree-checks.ts';
import { isTreeManifest, loadTreeWorkspace } from '../../../../harness/docs/tree/tree-workspace.ts';
import { loadManifest } from '../../../../harness/samples/manifest.ts';
import { docsyPage, hugoPage, writeDocsTree } from '../../../helpers/docs-tree.ts';

const root = mkdtempSync(path.join(os.tmpdir(), 'parity-docs-tree-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
writeDocsTree(root);
const ws = loadTreeWorkspace(loadManifest(root));

const check = (page: string) => {
  const doc = parsePage(page);
  return [...checkShape(doc), ...checkTreePage(doc, ws)].map((f) => [f.severity, f.line, f.language, f.id] as const);
};

const DRIFT = [
  ['error', 59, 'go', 'tree-link-missing'],
  ['warning', 59, 'go', 'tree-link-malformed'],
  ['warning', 17, 'python', 'command-not-in-readme'],
  ['error', 19, 'python', 'run-file-missing'],
  ['error', 25, 'python', 'excerpt-not-in-tree'],
  ['error', 36, 'python', 'quoted-file-mismatch'],
  ['error', 44, 'python', 'output-content-drift'],
  ['error', 66, 'go', 'cd-path-missing'],
  ['info', 63, 'go', 'install-not-in-readme'],
  ['error', 64, 'go', 'resources-folder-missing'],
  ['error', 64, 'go', 'run-command-mismatch'],
  ['error', 65, 'go', 'app-id-unknown'],
  ['info', 71, 'go', 'output-not-checked'],
  ['info', 10, null, 'tree-sample-without-tab'],
];

describe('a page against a tree', () => {
  it('knows a manifest of building blocks from one quickstart\'s', () => {
    expect(isTreeManifest(ws.manifest)).toBe(true);
    expect(isTreeManifest({ ...ws.manifest, samples: ws.manifest.samples.map(({ block: _b, ...s }) => s) })).toBe(false);
  });

  it('finds nothing wrong on a page that follows the tree, and says which sample it has no tab for', () => {
    expect(check(hugoPage(false))).toEqual([
      ['info', 68, 'go', 'output-not-checked'],
      ['info', 10, null, 'tree-sample-without-tab'],
    ]);
  });

  it('finds each kind of drift on the Hugo page, at its line and in its tab', () => {
    expect(check(hugoPage(true))).toEqual(DRIFT);
  });

  it('reads the Docsy tabpane/tab page as the same tabs, with the same findings', () => {
    expect(check(docsyPage(true))).toEqual(DRIFT);
    expect(check(docsyPage(false))).toEqual(check(hugoPage(false)));
    expect(parsePage(docsyPage(true)).groups.map((g) => g.labels)).toEqual([['Python', 'Go'], ['Linux', 'Windows']]);
  });

  it('names the page line and the missing path of a dead link, and where a file of that name went', () => {
    const doc = parsePage('# x\n\n{{< tabs "Go" >}}\n{{% codetab %}}\nSee [it](https://github.com/dapr/quickstarts/blob/master/orders/go/sdk/main.go#L3).\n{{% /codetab %}}\n{{< /tabs >}}\n');
    const f = checkTreePage(doc, ws).find((x) => x.id === 'tree-link-missing')!;
    expect(f.line).toBe(5);
    expect(f.message).toContain('orders/go/sdk/main.go');
    expect(f.fix).toBe('link to orders/go/sdk/tally/main.go');
  });

  it('finds a YAML fragment anywhere in its file, and reports a file the tree does not hold', () => {
    const f = '```';
    const page = (body: string) => `{{< tabs "Python" >}}\n{{% codetab %}}\n${f}bash\ncd orders/python/sdk\n${f}\n\n${body}\n{{% /codetab %}}\n{{< /tabs >}}\n`;
    expect(check(page(`The \`ledger.yaml\` component says:\n\n${f}yaml\n  metadata:\n  - name: redisHost\n    value: localhost:6379\n${f}`))).not.toContainEqual(expect.arrayContaining(['quoted-file-mismatch']));
    expect(check(page(`The \`ledger.yaml\` component says:\n\n${f}yaml\n  - name: redisHost\n    value: localhost:6380\n${f}`)).map((x) => x[3])).toContain('quoted-file-mismatch');
    expect(check(page(`The \`missing.yaml\` component says:\n\n${f}yaml\na: 1\n${f}`)).map((x) => x[3])).toContain('quoted-file-missing');
    const renamed = checkTreePage(parsePage(page(`The \`ledgers.yaml\` component says:\n\n${f}yaml\na: 1\n${f}`)), ws).find((x) => x.id === 'quoted-file-missing')!;
    expect(renamed.message).toBe('the block shows ledgers.yaml, which neither orders/python/sdk nor the rest of orders/ holds (it has orders/components/ledger.yaml)');
  });

  it('says an index page (no sample named, no tabs) has nothing to be checked against', () => {
    expect(check('---\ntitle: "All"\n---\n\nSee the [docs](https://docs.dapr.io).\n')).toEqual([['info', 1, null, 'page-names-no-sample']]);
  });

  it('a tab for a language the block has no sample of is a warning', () => {
    expect(check('{{< tabs "Java" >}}\n{{% codetab %}}\n```bash\ncd orders/python/sdk\n```\n{{% /codetab %}}\n{{< /tabs >}}\n').map((x) => x[3])).toContain('tab-without-sample');
  });
});

describe('pure helpers of the tree checks', () => {
  it('reads links into the quickstarts repository', () => {
    expect(repoLink('https://github.com/dapr/quickstarts/tree/master/a/b')).toEqual({ kind: 'path', path: 'a/b' });
    expect(repoLink('https://github.com/dapr/quickstarts/blob/v1.14/a/b.go#L70')).toEqual({ kind: 'path', path: 'a/b.go' });
    expect(repoLink('https://github.com/dapr/quickstarts.git')).toEqual({ kind: 'path', path: '' });
    expect(repoLink('https://github.com/dapr/quickstarts/a/b.go')).toEqual({ kind: 'malformed', rest: '/a/b.go' });
    expect(repoLink('https://github.com/dapr/quickstarts/issues/4')).toBeUndefined();
    expect(repoLink('https://github.com/dapr/quickstarts-extra/tree/master/a')).toBeUndefined();
    expect(repoLink('https://docs.dapr.io')).toBeUndefined();
  });

  it('takes the folder out of a manifest install step, and compares folders and commands as a shell would', () => {
    expect(splitCd('cd "order processor" && npm ci')).toEqual({ sub: 'order processor', command: 'npm ci' });
    expect(splitCd('npm ci')).toEqual({ sub: '.', command: 'npm ci' });
    expect(folder('a/b/../c/')).toBe('a/c');
    expect(folder('./')).toBe('');
    expect(canonicalCommand(['npm', 'run', 'start'])).toEqual(['npm', 'start']);
    expect(canonicalCommand(['npm', 'run', 'build'])).toEqual(['npm', 'run', 'build']);
    expect(['pip3 install -r r.txt', 'python3 -m venv .venv', 'npm ci', 'dotnet build', 'go build .', 'mvn clean install'].map((c) => isInstallCommand(c.split(' ')))).toEqual([true, true, true, true, true, true]);
    expect(['go run .', 'dotnet run', 'npm start', 'python3 app.py'].map((c) => isInstallCommand(c.split(' ')))).toEqual([false, false, false, false]);
  });
});
