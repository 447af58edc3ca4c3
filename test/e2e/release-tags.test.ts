// The `--dapr` channels (latest, previous, rc, X.Y.x) through the real `parity run`: the release
// lists come from a loopback server answering as GitHub's releases API does, from the lists
// recorded in test/fixtures/github-releases/, and the archives from the same server, made from
// the real binaries. The pair a channel names is run end to end when its binaries exist here
// (CLI 1.16.5, daprd 1.18.2); otherwise the run must stop at the download of that very version.
// Every address the harness is given is a loopback one, and the server must see each list asked.
import { existsSync, readFileSync, } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DaprBinaries } from '../../harness/dapr/provision.ts';
import { platformSuffix, releaseBinaryPath } from '../../harness/dapr/release.ts';
import { realDapr } from '../helpers/dapr.ts';
import { endParityChildren, REPO_ROOT, runParity } from '../helpers/parity-child.ts';
import { startReleaseServer, type ReleaseServer } from '../helpers/release-server.ts';
import { closedLoopbackPort, countingLoopbackListener } from '../helpers/sockets.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

let dapr: DaprBinaries;
let server: ReleaseServer;
/** One release cache for the file: the end-to-end run fills it with the binaries that exist here. */
let cache: string;
cleanTempDirsAfterAll();

beforeAll(async () => {
  dapr = await realDapr();
  server = await startReleaseServer(dapr);
  cache = tempDir('parity-cache-');
});
afterAll(async () => {
  await endParityChildren();
  await server?.close();
});

const CLI_LIST = '/api/repos/dapr/cli/releases?per_page=100';
const RUNTIME_LIST = '/api/repos/dapr/dapr/releases?per_page=100';
const archive = (kind: 'cli' | 'runtime', version: string) =>
  kind === 'cli' ? `/ok/cli/v${version}/dapr_${platformSuffix()}.tar.gz` : `/ok/dapr/v${version}/daprd_${platformSuffix()}.tar.gz`;

/**
 * `parity run --dapr SPEC python/http` on the release path: binaries from the loopback server
 * into this file's cache, release lists from its API. PARITY_DAPR_FROM (dir: on a machine without
 * Go) and the version overrides are taken out of the child's environment.
 */
async function runWithChannels(spec: string, api = server.api, releaseUrl = server.base('ok')) {
  const before = server.requests.length;
  const reportDir = tempDir('parity-tags-report-');
  const r = await runParity(REPO_ROOT, ['--dapr', spec, '--timeout', '90', 'python/http'], {
    reportDir,
    globalArgs: ['--dapr-from', 'release', '--dapr-release-url', releaseUrl],
    env: {
      PARITY_DAPR_FROM: undefined, PARITY_DAPR_RELEASE_URL: undefined, PARITY_DAPR_CLI_VERSION: undefined, PARITY_DAPR_RUNTIME_VERSION: undefined,
      PARITY_GITHUB_API: api, PARITY_CACHE_DIR: cache,
    },
  });
  return { r, reportDir, requests: server.requests.slice(before) };
}

/** Every URL the harness printed is a loopback one: it was given no other. */
function expectLoopbackOnly(text: string): void {
  const hosts = [...text.matchAll(/\bhttps?:\/\/([^/\s:]+)/g)].map((m) => m[1]);
  expect(hosts.filter((h) => h !== '127.0.0.1' && h !== 'localhost')).toEqual([]);
}

describe('parity run --dapr with release channels, against a recorded release list', () => {
  it('1.16.x@latest resolves to CLI 1.16.5 and daprd 1.18.2 (not the 1.18.3 draft, not the 1.19 RC), downloads exactly those and runs python/http on them', async () => {
    const { r, reportDir, requests } = await runWithChannels('1.16.x@latest');
    expect(r.code, r.describe()).toBe(0);
    // One pair: the report is that pair's own (no matrix table), with its versions.
    expect(r.report!.dapr).toEqual({ cli: '1.16.5', runtime: '1.18.2' });
    expect(r.report!.samples.map((s) => [s.id, s.status])).toEqual([['python/http', 'passed']]);
    expect(r.stderr).toContain('1 Dapr version pair(s): 1.16.5@1.18.2;');
    // Each list asked once, then exactly the two archives (checksum first) of the versions the lists named.
    // Both lists (asked at once, in either order), then exactly the two archives of the versions they named, checksum first.
    expect(requests.slice(0, 2).sort()).toEqual([CLI_LIST, RUNTIME_LIST]);
    expect(requests.slice(2)).toEqual([
      `${archive('cli', '1.16.5')}.sha256`, archive('cli', '1.16.5'),
      `${archive('runtime', '1.18.2')}.sha256`, archive('runtime', '1.18.2'),
    ]);
    expect(r.stderr).toMatch(/\[dapr\] downloading daprd 1\.18\.2 from http:\/\/127\.0\.0\.1:\d+\/ok\/dapr\/v1\.18\.2\/daprd_\w+\.tar\.gz/);
    expect(r.stderr).toContain('── dapr CLI 1.16.5, daprd 1.18.2 (release)');
    // The sidecar that served the sample is the downloaded 1.18.2: its own log line says so.
    expect(readFileSync(path.join(reportDir, '1.16.5@1.18.2', 'logs', 'python-http', 'run.log'), 'utf8')).toMatch(/Starting Dapr Runtime -- version 1\.18\.2 .*ver=1\.18\.2/);
    expect(existsSync(releaseBinaryPath(cache, 'cli', '1.16.5'))).toBe(true);
    expect(existsSync(releaseBinaryPath(cache, 'runtime', '1.18.2'))).toBe(true);
    expectLoopbackOnly(r.stderr + r.stdout);
    expect(r.leftovers).toEqual([]);
  }, 240_000);

  // Versions the recorded lists name but this machine has no binary of: the run asks the server
  // for exactly that archive (its checksum first), gets a 404, and stops with one line.
  it.each([
    ['1.16.5@previous', 'runtime', '1.17.6', [RUNTIME_LIST]],
    ['1.16.5@rc', 'runtime', '1.19.0-rc.2', [RUNTIME_LIST]],
    ['1.16.5@1.17.x', 'runtime', '1.17.6', [RUNTIME_LIST]],
    ['latest@1.18.2', 'cli', '1.18.1', [CLI_LIST]],
    ['previous@1.18.2', 'cli', '1.17.2', [CLI_LIST]],
    ['1.15.x@1.18.2', 'cli', '1.15.2', [CLI_LIST]],
  ] as const)('%s asks for the %s %s archive, and only the list it needs', async (spec, kind, version, lists) => {
    const { r, requests } = await runWithChannels(spec);
    const label = kind === 'cli' ? `dapr CLI ${version}` : `daprd ${version}`;
    expect(r.code, r.describe()).toBe(2);
    expect(r.errorLines).toEqual([expect.stringMatching(new RegExp(`^parity: ${label.replaceAll('.', '\\.')} checksum: no release v${version.replaceAll('.', '\\.')} at http://127\\.0\\.0\\.1:\\d+${archive(kind, version).replaceAll('.', '\\.')}\\.sha256 \\(HTTP 404\\)`))]);
    expect(requests.filter((q) => q.startsWith('/api/'))).toEqual(lists);
    // The CLI 1.16.5 the runtime cases need is in the cache already (or fetched once); then the version the channel named.
    expect(requests.filter((q) => q.startsWith('/ok/')).at(-1)).toBe(`${archive(kind, version)}.sha256`);
    expect(r.stderr).toContain(`1 Dapr version pair(s): ${kind === 'cli' ? `${version}@1.18.2` : `1.16.5@${version}`};`);
    expectLoopbackOnly(r.stderr + r.stdout);
    expect(r.leftovers).toEqual([]);
  }, 120_000);

  it('rc for the CLI, whose list has no release candidate newer than its latest, is one line, before any download', async () => {
    const { r, requests } = await runWithChannels('rc@1.18.2');
    expect(r.code, r.describe()).toBe(2);
    expect(r.errorLines).toEqual(['parity: --dapr "rc@1.18.2": no cli release matches rc']);
    expect(requests).toEqual([CLI_LIST]);
  }, 60_000);

  it('with the releases API unreachable, latest is refused on one line and nothing is downloaded', async () => {
    const port = await closedLoopbackPort();
    // Where archives would come from: a listener that only counts connections.
    const counter = await countingLoopbackListener();
    try {
      const { r, requests } = await runWithChannels('1.16.5@latest', `http://127.0.0.1:${port}`, `http://127.0.0.1:${counter.port}/{repo}/v{version}/`);
      expect(r.code, r.describe()).toBe(2);
      expect(r.errorLines).toEqual(['parity: --dapr "1.16.5@latest": "latest" needs the list of Dapr releases from GitHub, which this machine cannot reach; give an exact version or X.Y.x']);
      expect(requests).toEqual([]);
      expect(counter.connections()).toBe(0);
    } finally {
      await counter.close();
    }
  }, 60_000);
});
