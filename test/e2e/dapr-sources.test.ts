// Every way of getting the Dapr binaries (`--dapr-from`), on real binaries: release archives served
// from a loopback server (made from the binaries the project provisioned itself), a folder, the
// installed Dapr, the build cache, and auto's fallbacks. Also what a bad download does: a wrong
// checksum, an unreachable host, a missing release, a connection dropped mid-archive.
import { existsSync, mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execa } from 'execa';
import { PINS, resolveVersions } from '../../harness/dapr/pins.ts';
import { findCached, ProvisionError, type DaprBinaries } from '../../harness/dapr/provision.ts';
import { releaseBinaryPath } from '../../harness/dapr/release.ts';
import { resolveDapr } from '../../harness/dapr/source.ts';
import { realDapr } from '../helpers/dapr.ts';
import { startReleaseServer, type ReleaseServer } from '../helpers/release-server.ts';
import { REPO_ROOT, runParity } from '../helpers/parity-child.ts';
import { closedLoopbackPort, countingLoopbackListener } from '../helpers/sockets.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

let dapr: DaprBinaries;
let server: ReleaseServer;
cleanTempDirsAfterAll();

beforeAll(async () => {
  dapr = await realDapr();
  server = await startReleaseServer(dapr);
});
afterAll(async () => {
  await server?.close();
});

/** Every file under a folder (relative paths), to show what a failed download left. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => !d.isDirectory()).map((d) => path.relative(dir, path.join(d.parentPath, d.name)));
}

const versions = () => ({ cli: dapr.cli.version, runtime: dapr.daprd.version });

describe('--dapr-from release', () => {
  let cache: string;

  it('downloads both archives, checks them against the published sha256, unpacks them into the cache', async () => {
    cache = tempDir('parity-cache-');
    const lines: string[] = [];
    const b = await resolveDapr({ from: 'release', versions: versions(), cacheRoot: cache, releaseUrl: server.base('ok'), progress: (l) => lines.push(l) });
    expect(b.source).toBe('release');
    expect(b.cli).toEqual({ path: releaseBinaryPath(cache, 'cli', dapr.cli.version), version: dapr.cli.version });
    expect(b.daprd).toEqual({ path: releaseBinaryPath(cache, 'runtime', dapr.daprd.version), version: dapr.daprd.version });
    expect((await execa(b.cli.path, ['version'])).stdout).toContain(`CLI version: ${dapr.cli.version}`);
    expect((await execa(b.daprd.path, ['--version'])).stdout.trim()).toBe(dapr.daprd.version);
    expect(lines.filter((l) => l.includes('matches the published one'))).toHaveLength(2);
    expect(lines.some((l) => l.includes(`${server.archives.cli.sha256.slice(0, 12)}…`))).toBe(true);
    // Only the two binaries are kept: no archive, no temp folder.
    expect(filesUnder(path.join(cache, 'dapr')).sort()).toEqual([
      path.join('release', 'cli', dapr.cli.version, 'dapr'),
      path.join('release', 'runtime', dapr.daprd.version, 'daprd'),
    ]);
  }, 180_000);

  it('with the cache warm, neither release nor auto touches the network', async () => {
    const before = server.requests.length;
    for (const from of ['release', 'auto'] as const) {
      const b = await resolveDapr({ from, versions: versions(), cacheRoot: cache, releaseUrl: server.base('ok'), progress: () => {} });
      expect(b.source).toBe('release');
    }
    expect(server.requests.length).toBe(before);
    // A second loopback listener that only counts connections: a cache that missed would
    // connect here, whatever it then asked for.
    const counter = await countingLoopbackListener();
    try {
      const b = await resolveDapr({ from: 'auto', versions: versions(), cacheRoot: cache, releaseUrl: `http://127.0.0.1:${counter.port}/{repo}/v{version}/`, progress: () => {} });
      expect(b.source).toBe('release');
      expect(b.cli).toEqual({ path: releaseBinaryPath(cache, 'cli', dapr.cli.version), version: dapr.cli.version });
      expect(b.daprd).toEqual({ path: releaseBinaryPath(cache, 'runtime', dapr.daprd.version), version: dapr.daprd.version });
      expect(counter.connections()).toBe(0);
    } finally {
      await counter.close();
    }
    expect(server.requests.length).toBe(before);
  });

  it('refuses a checksum mismatch, naming both sums, and caches nothing', async () => {
    const c = tempDir('parity-cache-');
    const err = await resolveDapr({ from: 'release', versions: versions(), cacheRoot: c, releaseUrl: server.base('badsum'), progress: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    const msg = (err as Error).message;
    expect(msg).toMatch(/checksum mismatch .*: published sha256 [0-9a-f]{64}, downloaded [0-9a-f]{64}; nothing was kept$/);
    expect(msg).toContain(`downloaded ${server.archives.cli.sha256}`);
    expect(msg.split('\n')).toHaveLength(1);
    expect(filesUnder(c)).toEqual([]);
  }, 60_000);

  it('fails within seconds, on one line, when the host cannot be reached', async () => {
    const c = tempDir('parity-cache-');
    const port = await closedLoopbackPort();
    const started = Date.now();
    const err = await resolveDapr({ from: 'release', versions: versions(), cacheRoot: c, releaseUrl: `http://127.0.0.1:${port}/{repo}/v{version}/`, progress: () => {} }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((err as Error).message).toMatch(new RegExp(`^cannot download the checksum of dapr CLI ${dapr.cli.version}: 127\\.0\\.0\\.1:${port} unreachable \\(ECONNREFUSED.*\\); URL http://127\\.0\\.0\\.1:${port}/cli/v`));
    expect((err as Error).message.split('\n')).toHaveLength(1);
    expect(filesUnder(c)).toEqual([]);
  });

  it('a host that accepts but never answers is given up on after the answer timeout', async () => {
    const held: import('node:net').Socket[] = [];
    const silent = createServer((sock) => { held.push(sock); }); // takes the connection, says nothing
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as { port: number }).port;
    try {
      const started = Date.now();
      const err = await resolveDapr({ from: 'release', versions: versions(), cacheRoot: tempDir('parity-cache-'), releaseUrl: `http://127.0.0.1:${port}/`, answerTimeoutMs: 1_500, progress: () => {} }).catch((e: unknown) => e);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect((err as Error).message).toMatch(/unreachable \(no answer in 2s\)/);
    } finally {
      for (const sock of held) sock.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    }
  });

  it('a version with no release names the version and the URL', async () => {
    const c = tempDir('parity-cache-');
    const err = await resolveDapr({ from: 'release', versions: { cli: '9.9.9', runtime: dapr.daprd.version }, cacheRoot: c, releaseUrl: server.base('ok'), progress: () => {} }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^dapr CLI 9\.9\.9 checksum: no release v9\.9\.9 at http:\/\/127\.0\.0\.1:\d+\/ok\/cli\/v9\.9\.9\/dapr_\w+\.tar\.gz\.sha256 \(HTTP 404\)/);
    expect(filesUnder(c)).toEqual([]);
  });

  it('a connection dropped halfway through the archive leaves no partial file in the cache', async () => {
    const c = tempDir('parity-cache-');
    const err = await resolveDapr({ from: 'release', versions: versions(), cacheRoot: c, releaseUrl: server.base('drop'), progress: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as Error).message).toMatch(/^download of dapr CLI [\d.]+ broke off after [\d.]+ of [\d.]+ MB \(.+\); nothing was kept/);
    expect(filesUnder(c)).toEqual([]);
  }, 60_000);
});

describe('--dapr-from dir:PATH', () => {
  it('uses the folder\'s dapr and daprd where they are, with the versions they report', async () => {
    const dir = tempDir('parity-dir-');
    symlinkSync(dapr.cli.path, path.join(dir, 'dapr'));
    symlinkSync(dapr.daprd.path, path.join(dir, 'daprd'));
    const lines: string[] = [];
    const b = await resolveDapr({ from: `dir:${dir}`, versions: { cli: '0.0.1', runtime: '0.0.2' }, progress: (l) => lines.push(l) });
    expect(b).toEqual({ cli: { path: path.join(dir, 'dapr'), version: dapr.cli.version }, daprd: { path: path.join(dir, 'daprd'), version: dapr.daprd.version }, source: 'dir' });
    expect(lines).toEqual([`[dapr] using dapr CLI ${dapr.cli.version} and daprd ${dapr.daprd.version} from ${dir}`]);
  });

  it('a folder without daprd, or with a file that is not executable, is one line saying which', async () => {
    const dir = tempDir('parity-dir-');
    symlinkSync(dapr.cli.path, path.join(dir, 'dapr'));
    await expect(resolveDapr({ from: `dir:${dir}`, versions: versions() })).rejects.toThrow(`--dapr-from dir:${dir}: no daprd in ${dir} (the folder must hold both dapr and daprd)`);
    writeFileSync(path.join(dir, 'daprd'), 'not a binary');
    await expect(resolveDapr({ from: `dir:${dir}`, versions: versions() })).rejects.toThrow(/daprd is not executable \(chmod \+x it\)$/);
    await expect(resolveDapr({ from: 'dir:/nonexistent/dapr', versions: versions() })).rejects.toThrow('--dapr-from dir:/nonexistent/dapr: /nonexistent/dapr is not a folder');
  });
});

describe('--dapr-from build and auto', () => {
  // A test never starts a Dapr build (11 minutes on 2 cores): the build path is exercised when the
  // project's build cache is warm (`npm test` provisions first), and, without Go, by its refusal.
  const hasGo = async () => (await execa('go', ['version'], { reject: false })).exitCode === 0;
  const buildCached = () => !!findCached(versions());

  it('build returns the project\'s own build, or without Go says so on one line', async () => {
    // Decided before the attempt starts, so its rejection always has a handler waiting.
    const [cached, go] = [buildCached(), await hasGo()];
    if (!cached && go) throw new Error('the build cache is cold: run `npx parity provision` first (this test never starts a build)');
    const attempt = resolveDapr({ from: 'build', versions: versions(), progress: () => {} });
    if (cached) {
      const b = await attempt;
      expect(b.source).toBe('built');
      expect((await execa(b.daprd.path, ['--version'])).stdout.trim()).toBe(dapr.daprd.version);
    } else if (!go) {
      await expect(attempt).rejects.toThrow(/^go is not on PATH: install Go/);
    }
  }, 60_000);

  it('auto with nothing cached and no reachable archive falls back to the build, saying why on one line', async () => {
    const port = await closedLoopbackPort();
    const lines: string[] = [];
    const [cached, go] = [buildCached(), await hasGo()];
    if (!cached && go) throw new Error('the build cache is cold: run `npx parity provision` first (this test never starts a build)');
    const attempt = resolveDapr({ from: 'auto', versions: versions(), cacheRoot: tempDir('parity-cache-'), releaseUrl: `http://127.0.0.1:${port}/`, progress: (l) => lines.push(l) });
    if (cached) {
      const b = await attempt;
      expect(b.source).toBe('built');
      const fallback = lines.filter((l) => l.startsWith('[dapr] auto:'));
      expect(fallback).toHaveLength(1);
      expect(fallback[0]).toMatch(/^\[dapr\] auto: no release archive \(cannot download .*ECONNREFUSED.*\); building from Go modules instead$/);
    } else if (!go) {
      await expect(attempt).rejects.toThrow(/the release download failed \(.*ECONNREFUSED.*\) and so did the build \(go is not on PATH/);
    }
  }, 60_000);

  it('auto with each source\'s pins: the current release unreachable, it builds the build pins and says which and why', async (ctx) => {
    if (!findCached(PINS.build)) {
      // Without Go there is no build cache; with Go, `npm test` provisions it first.
      console.info(`build pins CLI ${PINS.build.cli} / daprd ${PINS.build.runtime} not built here: test skipped`);
      ctx.skip(`the build pins are not built here (no Go)`);
    }
    const port = await closedLoopbackPort();
    const lines: string[] = [];
    const b = await resolveDapr({ from: 'auto', versions: (s) => resolveVersions({}, s), cacheRoot: tempDir('parity-cache-'), releaseUrl: `http://127.0.0.1:${port}/`, progress: (l) => lines.push(l) });
    expect([b.cli.version, b.daprd.version, b.source]).toEqual([PINS.build.cli, PINS.build.runtime, 'built']);
    expect(lines.filter((l) => l.startsWith('[dapr] auto:'))).toEqual([
      expect.stringMatching(new RegExp(`^\\[dapr\\] auto: no release archive \\(cannot download .*dapr CLI ${PINS.release.cli}.*ECONNREFUSED.*\\); building CLI ${PINS.build.cli} / daprd ${PINS.build.runtime} from Go modules instead \\(the build pins: the newest whose modules the Go proxy serves whole\\)$`)),
    ]);
  }, 60_000);

  it('when both the archive and the build fail, one error names both reasons', async () => {
    const port = await closedLoopbackPort();
    // A version no proxy serves: the build fails at its first step, in seconds.
    const err = await resolveDapr({ from: 'auto', versions: { cli: '0.0.1-parity-none', runtime: dapr.daprd.version }, cacheRoot: tempDir('parity-cache-'), releaseUrl: `http://127.0.0.1:${port}/`, progress: () => {} }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as Error).message).toMatch(/^no Dapr CLI 0\.0\.1-parity-none \/ daprd [\d.]+: the release download failed \(.*ECONNREFUSED.*\) and so did the build \((cannot get github\.com\/dapr\/cli@v0\.0\.1-parity-none|could not download|go is not on PATH).*\); try --dapr-from dir:PATH$/);
  }, 120_000);
});

describe('the parity command line', () => {
  it('--dapr-from installed and its alias --use-installed-dapr find dapr on PATH and daprd in the Dapr home', async () => {
    const bin = tempDir('parity-path-');
    symlinkSync(dapr.cli.path, path.join(bin, 'dapr'));
    const home = tempDir('parity-home-');
    mkdirSync(path.join(home, '.dapr', 'bin'), { recursive: true });
    symlinkSync(dapr.daprd.path, path.join(home, '.dapr', 'bin', 'daprd'));
    const env = { PATH: `${bin}${path.delimiter}${process.env.PATH}`, DAPR_RUNTIME_PATH: home, PARITY_DAPR_FROM: 'dir:/nonexistent' }; // the flags beat the environment
    for (const globalArgs of [['--dapr-from', 'installed'], ['--use-installed-dapr']]) {
      const r = await runParity(REPO_ROOT, ['python'], { command: 'doctor', globalArgs, env });
      expect(r.stdout, r.describe()).toContain(`dapr CLI   ${dapr.cli.version}  ${path.join(bin, 'dapr')}`);
      expect(r.stdout).toContain(`daprd      ${dapr.daprd.version}  ${path.join(home, '.dapr', 'bin', 'daprd')}`);
    }
  }, 60_000);

  it('provision --dapr-from dir: prints the folder\'s binaries; PARITY_DAPR_FROM does the same', async () => {
    const dir = tempDir('parity-dir-');
    symlinkSync(dapr.cli.path, path.join(dir, 'dapr'));
    symlinkSync(dapr.daprd.path, path.join(dir, 'daprd'));
    const want = `dapr CLI ${dapr.cli.version}: ${path.join(dir, 'dapr')}\ndaprd ${dapr.daprd.version}: ${path.join(dir, 'daprd')}\n`;
    const a = await runParity(REPO_ROOT, [], { command: 'provision', globalArgs: ['--dapr-from', `dir:${dir}`] });
    expect(a.code, a.describe()).toBe(0);
    expect(a.stdout).toBe(want);
    const b = await runParity(REPO_ROOT, [], { command: 'provision', env: { PARITY_DAPR_FROM: `dir:${dir}` } });
    expect(b.stdout, b.describe()).toBe(want);
  }, 60_000);

  it('an unknown source, or the alias with another source, is exit 2 and one line', async () => {
    const a = await runParity(REPO_ROOT, [], { command: 'provision', globalArgs: ['--dapr-from', 'github'] });
    expect(a.code).toBe(2);
    expect(a.errorLines).toEqual(['parity: --dapr-from github: is not one of auto, release, build, installed, dir:PATH']);
    const b = await runParity(REPO_ROOT, [], { command: 'provision', globalArgs: ['--use-installed-dapr', '--dapr-from', 'build'] });
    expect(b.code).toBe(2);
    expect(b.errorLines).toEqual(['parity: --use-installed-dapr means --dapr-from installed; it cannot go with --dapr-from build']);
  }, 60_000);
});
