import { mkdirSync, } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { loadManifest, parseManifest, selectSamples } from '../../../harness/samples/manifest.ts';

cleanTempDirsAfterAll();

function tree(): string {
  const root = tempDir('parity-manifest-');
  mkdirSync(path.join(root, 'samples', 'go', 'http'), { recursive: true });
  mkdirSync(path.join(root, 'samples', 'go', 'sdk'), { recursive: true });
  return root;
}

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'go/http', language: 'go', variant: 'http', dir: 'samples/go/http', toolchains: ['go'], run: 'go run .', source: 'main.go', ...over,
});

const yaml = (samples: unknown[], extra = '') => `components: components\nsecrets: secrets.json\n${extra}samples: ${JSON.stringify(samples)}\n`;

describe('parseManifest', () => {
  it('resolves paths and fills defaults', () => {
    const root = tree();
    const m = parseManifest(yaml([entry()]), path.join(root, 'samples.yaml'));
    expect(m.components).toBe(path.join(root, 'components'));
    expect(m.samples[0]).toMatchObject({
      id: 'go/http', appId: 'order-processor', timeoutMs: 120_000, dir: path.join(root, 'samples/go/http'),
      golden: path.join(root, 'expected/go-http.txt'), source: path.join(root, 'samples/go/http/main.go'), install: [], pathPrepend: [],
    });
  });

  it.each([
    [[entry({ run: undefined })], 'sample "go/http": field "run" is missing'],
    [[entry(), entry()], 'sample "go/http": duplicate id'],
    [[entry({ language: 'cobol' })], 'field "language": "cobol" is not one of python, javascript, csharp, java, go'],
    [[entry({ dir: 'samples/nope' })], 'field "dir": folder samples/nope does not exist'],
    [[entry({ id: 'go/sdk' })], 'field "id" must be "go/http"'],
    [[entry({ colour: 'blue' })], 'unknown field(s) "colour"'],
    [[{ ...entry(), id: undefined }], 'sample #1: field "id" is missing'],
  ])('names the file, the entry and the field: %j', (samples, message) => {
    const root = tree();
    expect(() => parseManifest(yaml(samples), path.join(root, 'samples.yaml'))).toThrow(message);
  });

  it('rejects YAML that does not parse, with the file name', () => {
    const root = tree();
    expect(() => parseManifest('samples: [', path.join(root, 'samples.yaml'))).toThrow(/samples\.yaml: not valid YAML/);
  });

  it('explains a missing manifest', () => {
    expect(() => loadManifest(tree())).toThrow(/no sample manifest here/);
  });
});

describe('selectSamples', () => {
  const root = tree();
  const m = parseManifest(yaml([entry(), entry({ id: 'go/sdk', variant: 'sdk', dir: 'samples/go/sdk' })]), path.join(root, 'samples.yaml'));

  it('ORs ids, languages and variants; none selects all', () => {
    expect(selectSamples(m.samples, []).map((s) => s.id)).toEqual(['go/http', 'go/sdk']);
    expect(selectSamples(m.samples, ['sdk']).map((s) => s.id)).toEqual(['go/sdk']);
    expect(selectSamples(m.samples, ['go/http', 'sdk']).map((s) => s.id)).toEqual(['go/http', 'go/sdk']);
    expect(selectSamples(m.samples, ['go']).length).toBe(2);
  });

  it('refuses an unknown filter instead of running nothing', () => {
    expect(() => selectSamples(m.samples, ['rust'])).toThrow('unknown sample filter "rust"');
  });

  it('the real manifest loads and lists the ten samples', () => {
    const real = loadManifest(path.join(import.meta.dirname, '..', '..', '..'));
    expect(real.samples.map((s) => s.id).sort()).toEqual([
      'csharp/http', 'csharp/sdk', 'go/http', 'go/sdk', 'java/http', 'java/sdk', 'javascript/http', 'javascript/sdk', 'python/http', 'python/sdk',
    ]);
  });
});
