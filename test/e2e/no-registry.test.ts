// A machine without PyPI or Maven Central: the Python SDK and Java SDK samples cannot install, so
// they are reported skipped with the registry and the installer's own words, while a sample that
// needs no registry still runs and passes. The real installers run against a closed loopback port:
// pip through PIP_INDEX_URL, Maven through a user home whose settings mirror everything there (and
// whose empty local repository holds nothing to build from).
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execPage } from '../../harness/docs/exec.ts';
import { parsePage } from '../../harness/docs/parse.ts';
import { loadWorkspace } from '../../harness/docs/workspace.ts';
import { loadManifest } from '../../harness/samples/manifest.ts';
import { realDapr } from '../helpers/dapr.ts';
import { endParityChildren, REPO_ROOT, runParity } from '../helpers/parity-child.ts';
import { closedLoopbackPort } from '../helpers/sockets.ts';
import { copyRepoTree } from '../helpers/repo-copy.ts';

const scratch: string[] = [];
let tree: string;
let env: Record<string, string | undefined>;
let closedPort: number;


beforeAll(async () => {
  await realDapr();
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'parity-noreg-'));
  scratch.push(tmp);
  tree = copyRepoTree('', path.join(tmp, 'tree'));
  closedPort = await closedLoopbackPort();
  const mavenHome = path.join(tmp, 'maven-home');
  mkdirSync(path.join(mavenHome, '.m2'), { recursive: true });
  writeFileSync(path.join(mavenHome, '.m2', 'settings.xml'),
    `<settings><mirrors><mirror><id>unreachable</id><mirrorOf>*</mirrorOf><url>http://127.0.0.1:${closedPort}/maven2</url></mirror></mirrors></settings>\n`);
  env = {
    PIP_INDEX_URL: `http://127.0.0.1:${closedPort}/simple`,
    // This machine's pip config also reads a local wheel folder; without a registry there is none.
    PIP_FIND_LINKS: '',
    // pip prints why it could not connect only while it retries; one retry keeps the test short.
    PIP_RETRIES: '1',
    MAVEN_OPTS: `-Duser.home=${mavenHome}`,
  };
});
afterAll(async () => {
  await endParityChildren();
  for (const d of scratch) rmSync(d, { recursive: true, force: true });
});

describe('no PyPI, no Maven Central', () => {
  it('run: the Python and Java SDK samples are skipped with the registry named; python/http (no registry needed) still passes; exit 0', async () => {
    const r = await runParity(tree, ['python/sdk', 'java/sdk', 'python/http'], { env, reportDir: path.join(tree, 'report') });
    expect(r.code, r.describe()).toBe(0);
    const byId = Object.fromEntries(r.report!.samples.map((s) => [s.id, s]));
    expect(byId['python/sdk']!.status, r.describe()).toBe('skipped');
    expect(byId['python/sdk']!.reason).toMatch(/^its install needs the Python package index \(PyPI, or PIP_INDEX_URL\), which cannot be reached from this machine \(after connection broken by 'NewConnectionError.*Connection refused/);
    expect(byId['java/sdk']!.status, r.describe()).toBe('skipped');
    expect(byId['java/sdk']!.reason).toContain(`its install needs the Maven repository http://127.0.0.1:${closedPort}/maven2, which cannot be reached from this machine (Could not transfer artifact`);
    expect(byId['python/http']!.status, r.describe()).toMatch(/^(passed|flaky)$/);
    // The skip is on the console too, and the install log keeps what the installer printed.
    expect(r.stderr).toMatch(/○ python\/sdk\s+skipped in [\d.]+s — its install needs the Python package index/);
    expect(byId['python/sdk']!.logFile).toBeTruthy();
    expect(r.leftovers).toEqual([]);
  }, 600_000);

  it('run --strict: the same sample fails, saying why, exit 1', async () => {
    const r = await runParity(tree, ['python/sdk', '--strict'], { env, reportDir: path.join(tree, 'report-strict') });
    expect(r.code, r.describe()).toBe(1);
    const [python] = r.report!.samples;
    expect(python!.status).toBe('failed');
    expect(python!.reason).toMatch(/^--strict: its install needs the Python package index/);
  }, 300_000);

  it('a registry that answers "not found" is still a failure: the sample asks for what is not there', async () => {
    // A package index on loopback that has nothing: pip gets its 404s and fails without retrying.
    const server = http.createServer((_req, res) => res.writeHead(404).end('not here\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as net.AddressInfo;
      const r = await runParity(tree, ['python/sdk'], { env: { ...env, PIP_INDEX_URL: `http://127.0.0.1:${port}/simple` }, reportDir: path.join(tree, 'report-missing') });
      expect(r.code, r.describe()).toBe(1);
      const [python] = r.report!.samples;
      expect(python!.status).toBe('failed');
      expect(python!.reason).toMatch(/^install step ".*pip install.*" failed \(exit 1\):\n/);
      expect(python!.reason).toContain('No matching distribution found for dapr==');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }, 300_000);
});

describe('docs --exec without PyPI', () => {
  // Never reached: the tab's install is skipped before any dapr run.
  const NO_DAPR = { cli: { path: '/nonexistent/dapr', version: '1.16.5' }, daprd: { path: '/nonexistent/daprd', version: '1.18.2' }, source: 'built' as const };
  let docsTree: string;
  beforeAll(() => {
    docsTree = path.join(scratch[0]!, 'docs-tree');
    cpSync(path.join(REPO_ROOT, 'test', 'fixtures', 'docs', 'tree'), docsTree, { recursive: true });
  });

  it('skips a tab whose manifest install cannot reach its registry, naming it (skipped, not passed)', async () => {
    // The real venv and pip, with the index on a loopback port nothing listens on.
    const saved = { PIP_INDEX_URL: process.env.PIP_INDEX_URL, PIP_FIND_LINKS: process.env.PIP_FIND_LINKS, PIP_RETRIES: process.env.PIP_RETRIES };
    Object.assign(process.env, { PIP_INDEX_URL: env.PIP_INDEX_URL, PIP_FIND_LINKS: '', PIP_RETRIES: '1' });
    try {
      const python = parsePage('---\ntitle: t\n---\n\n{{< tabs "Python" >}}\n\n{{% codetab %}}\n\n```bash\npip3 install -r requirements.txt\n```\n\n{{% /codetab %}}\n\n{{< /tabs >}}\n');
      const findings = await execPage(python, loadWorkspace(loadManifest(docsTree)), { log: () => {}, dapr: async () => NO_DAPR });
      expect(findings.map((f) => [f.id, f.severity, f.language])).toEqual([['exec-skipped', 'info', 'python']]);
      expect(findings[0]!.message).toMatch(/^the python tab's commands were not run \(skipped, not passed\): python\/sdk: its install needs the Python package index \(PyPI, or PIP_INDEX_URL\), which cannot be reached/);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  }, 120_000);

});
