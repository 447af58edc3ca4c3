import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PINS, resolveVersions, resolveVersionsWithOrigin, type PinSource } from '../../../harness/dapr/pins.ts';
import { ProvisionError } from '../../../harness/dapr/provision.ts';
import { binName, DEFAULT_RELEASE_URL, platformSuffix, releaseAssetUrl, releaseBinaryPath, type DaprKind } from '../../../harness/dapr/release.ts';
import { chooseDaprFrom, describeDaprSource, parseDaprFrom, resolveDapr } from '../../../harness/dapr/source.ts';

describe('parseDaprFrom', () => {
  it.each(['auto', 'release', 'build', 'installed'])('takes %s', (k) => expect(parseDaprFrom(k)).toEqual({ kind: k }));
  it('resolves dir:PATH against the working folder', () => {
    expect(parseDaprFrom('dir:bin/dapr', '/work')).toEqual({ kind: 'dir', path: path.resolve('/work/bin/dapr') });
    expect(parseDaprFrom('dir:/opt/dapr', '/work')).toEqual({ kind: 'dir', path: '/opt/dapr' });
  });
  it('refuses anything else with the accepted forms, on one line', () => {
    expect(() => parseDaprFrom('github')).toThrow(ProvisionError);
    expect(() => parseDaprFrom('github')).toThrow(/^--dapr-from "github" is not one of auto .*dir:PATH or installed$/);
    expect(() => parseDaprFrom('dir:')).toThrow(/needs a folder/);
  });
});

describe('chooseDaprFrom', () => {
  it('defaults to auto, and treats --use-installed-dapr as --dapr-from installed', () => {
    expect(chooseDaprFrom({})).toEqual({ kind: 'auto' });
    expect(chooseDaprFrom({ useInstalledDapr: true })).toEqual({ kind: 'installed' });
    expect(chooseDaprFrom({ daprFrom: 'auto', useInstalledDapr: true })).toEqual({ kind: 'installed' });
    expect(chooseDaprFrom({ daprFrom: 'release' })).toEqual({ kind: 'release' });
  });
  it('refuses the alias next to another source typed on the same command line', () => {
    expect(() => chooseDaprFrom({ daprFrom: 'release', useInstalledDapr: true, daprFromExplicit: true })).toThrow(/cannot go with --dapr-from release/);
  });
  it('lets the alias win over PARITY_DAPR_FROM from the environment', () => {
    expect(chooseDaprFrom({ daprFrom: 'dir:/opt/dapr', useInstalledDapr: true, daprFromExplicit: false })).toEqual({ kind: 'installed' });
  });
});

describe('release archive names and checksums', () => {
  it('maps Node platforms to the archive suffix Dapr publishes', () => {
    expect(platformSuffix('linux', 'x64')).toBe('linux_amd64');
    expect(platformSuffix('darwin', 'arm64')).toBe('darwin_arm64');
    expect(platformSuffix('linux', 'arm64')).toBe('linux_arm64');
    expect(() => platformSuffix('win32', 'x64')).toThrow(/no Dapr release archive for win32\/x64/);
  });
  it('builds the GitHub URLs users download from today', () => {
    expect(releaseAssetUrl(DEFAULT_RELEASE_URL, 'cli', '1.18.0', 'linux_amd64')).toBe('https://github.com/dapr/cli/releases/download/v1.18.0/dapr_linux_amd64.tar.gz');
    expect(releaseAssetUrl(DEFAULT_RELEASE_URL, 'runtime', 'v1.18.2', 'darwin_arm64')).toBe('https://github.com/dapr/dapr/releases/download/v1.18.2/daprd_darwin_arm64.tar.gz');
  });
  it('appends {repo}/v{version}/ to a plain mirror root', () => {
    expect(releaseAssetUrl('http://mirror.local/dapr', 'runtime', '1.18.2', 'linux_amd64')).toBe('http://mirror.local/dapr/dapr/v1.18.2/daprd_linux_amd64.tar.gz');
    expect(releaseAssetUrl('http://m/{version}/{repo}', 'cli', '1.16.5', 'linux_amd64')).toBe('http://m/1.16.5/cli/dapr_linux_amd64.tar.gz');
  });
});

describe('which pins each source uses, and what doctor says of them', () => {
  const roots: string[] = [];
  afterEach(() => { for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true }); });
  const cache = () => { const r = mkdtempSync(path.join(os.tmpdir(), 'parity-pins-')); roots.push(r); return r; };
  const put = (file: string) => { mkdirSync(path.dirname(file), { recursive: true }); writeFileSync(file, '#!/bin/sh\n'); chmodSync(file, 0o755); };
  const built = (root: string, kind: DaprKind, v: string) => put(path.join(root, 'dapr', kind, v, binName(kind)));
  const released = (root: string, kind: DaprKind, v: string) => put(releaseBinaryPath(root, kind, v));
  const pins = (s: PinSource) => resolveVersions({}, s);
  // A port nothing listens on: a download attempt fails at once instead of reaching the internet.
  const offline = 'http://127.0.0.1:9/{repo}/v{version}/';
  const doctor = (from: string, root: string, hasGo = true) =>
    describeDaprSource({ from: parseDaprFrom(from), versions: (s) => resolveVersionsWithOrigin({}, s), hasGo, goHint: 'install Go', cacheRoot: root, releaseUrl: offline });

  it('auto takes the current release from the cache, saying so', async () => {
    const root = cache();
    released(root, 'cli', PINS.release.cli);
    released(root, 'runtime', PINS.release.runtime);
    const b = await resolveDapr({ from: 'auto', versions: pins, cacheRoot: root, releaseUrl: offline, progress: () => {} });
    expect([b.cli.version, b.daprd.version, b.source]).toEqual(['1.18.0', '1.18.3', 'release']);
    expect((await doctor('auto', root)).lines[2]).toBe('versions   CLI 1.18.0 / daprd 1.18.3 (the release pins: the current release), from the cache (release archives)');
  });

  it('auto reuses the build pins built here earlier, without asking the network, and doctor says why', async () => {
    const root = cache();
    built(root, 'cli', PINS.build.cli);
    built(root, 'runtime', PINS.build.runtime);
    const b = await resolveDapr({ from: 'auto', versions: pins, cacheRoot: root, releaseUrl: offline, progress: () => {} });
    expect([b.cli.version, b.daprd.version, b.source]).toEqual(['1.16.5', '1.18.2', 'built']);
    expect((await doctor('auto', root)).lines[2]).toBe('versions   CLI 1.16.5 / daprd 1.18.2 (the build pins: the newest whose modules the Go proxy serves whole), built here earlier from Go modules; auto reuses them rather than download CLI 1.18.0 / daprd 1.18.3 (`--dapr-from release` gets those)');
  });

  it('auto does not let older release archives stand in for the current release', async () => {
    const root = cache();
    released(root, 'cli', PINS.build.cli);
    released(root, 'runtime', PINS.build.runtime);
    expect((await doctor('auto', root)).lines).toEqual([
      `dapr       not cached yet: a run downloads CLI 1.18.0 / daprd 1.18.3 (the release pins: the current release) from ${offline}, else it builds CLI 1.16.5 / daprd 1.18.2 (the build pins: the newest whose modules the Go proxy serves whole) from Go modules`,
    ]);
    expect((await doctor('auto', root, false)).ok).toBe(false);
  });

  it('release and build each name their own pins', async () => {
    const root = cache();
    expect((await doctor('release', root)).lines).toEqual([`dapr       CLI 1.18.0 / daprd 1.18.3 (the release pins: the current release) not downloaded yet: the first run fetches the release archives (${offline})`]);
    expect((await doctor('build', root)).lines[0]).toContain('dapr       CLI 1.16.5 / daprd 1.18.2 (the build pins: the newest whose modules the Go proxy serves whole) not built yet: the first run builds them');
    built(root, 'cli', PINS.build.cli);
    built(root, 'runtime', PINS.build.runtime);
    expect((await doctor('build', root)).lines[2]).toBe('versions   CLI 1.16.5 / daprd 1.18.2 (the build pins: the newest whose modules the Go proxy serves whole), built from Go modules');
    expect((await doctor('build', root, false)).ok).toBe(true);
  });
});
