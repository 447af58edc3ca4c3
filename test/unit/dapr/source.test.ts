import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvisionError } from '../../../harness/dapr/provision.ts';
import { DEFAULT_RELEASE_URL, platformSuffix, releaseAssetUrl } from '../../../harness/dapr/release.ts';
import { chooseDaprFrom, parseDaprFrom } from '../../../harness/dapr/source.ts';

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
