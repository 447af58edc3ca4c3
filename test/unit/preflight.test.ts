// The files a run reads from the tree (samples.yaml, the secrets file, component YAML) must be
// regular files: a folder would throw EISDIR (a crash), a named pipe would block the read forever.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readPage } from '../../harness/docs/read-page.ts';
import { InputError } from '../../harness/input-error.ts';
import { checkComponents, checkSecretsFile } from '../../harness/preflight.ts';
import { loadManifest, ManifestError } from '../../harness/samples/manifest.ts';

const linux = process.platform === 'linux';

describe('files read from the tree are regular files', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-input-files-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const dir = (name: string) => {
    const d = path.join(root, name);
    mkdirSync(d);
    return d;
  };

  it('samples.yaml as a folder is one clear error, not EISDIR', () => {
    const d = dir('folder-manifest');
    mkdirSync(path.join(d, 'samples.yaml'));
    expect(() => loadManifest(d)).toThrow(new ManifestError(`${path.join(d, 'samples.yaml')}: not a regular file (--root must point at a folder with samples.yaml)`));
  });

  it.runIf(linux)('samples.yaml and the secrets file as named pipes are refused without reading (which would block)', () => {
    const d = dir('fifo');
    execFileSync('mkfifo', [path.join(d, 'samples.yaml'), path.join(d, 'secrets.json')]);
    expect(() => loadManifest(d)).toThrow(ManifestError);
    expect(() => checkSecretsFile(path.join(d, 'secrets.json'))).toThrow(new InputError(`secrets file ${path.join(d, 'secrets.json')} is not a regular file`));
  });

  it.runIf(linux)('a components folder reads only its regular .yaml files', () => {
    const d = dir('components');
    execFileSync('mkfifo', [path.join(d, 'pipe.yaml')]);
    mkdirSync(path.join(d, 'folder.yaml'));
    expect(() => checkComponents(d)).toThrow(`components folder ${d} holds no component (.yaml) file`);
    writeFileSync(path.join(d, 'store.yaml'), 'kind: Component\nmetadata:\n  name: s\n');
    expect(() => checkComponents(d)).not.toThrow();
  });

  it.runIf(linux)('a docs page that is a pipe or a device is refused without reading', async () => {
    const d = dir('pages');
    execFileSync('mkfifo', [path.join(d, 'page.md')]);
    expect(await readPage(path.join(d, 'page.md'))).toEqual({ ok: false, reason: 'is not a regular file, not a markdown page' });
    expect(await readPage('/dev/zero')).toEqual({ ok: false, reason: 'is not a regular file, not a markdown page' });
  });
});
