// Every rule samples.yaml must follow, one entry per rule, with the exact line a person sees;
// and every default and path a valid entry resolves to.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { DEFAULT_FILTERS } from '../../../harness/output/filters.ts';
import { loadManifest, ManifestError, manifestFieldPaths, parseManifest, selectSamples } from '../../../harness/samples/manifest.ts';

// The defaults, in order (a filter may appear twice: one pattern per kind of line it drops).
const DEFAULT_FILTER_NAMES = DEFAULT_FILTERS.map((f) => f.name);
const KNOWN_FILTERS = [...new Set(DEFAULT_FILTER_NAMES)].join(', ');

cleanTempDirsAfterAll();

function tree(): string {
  const root = tempDir('parity-manifest-rules-');
  mkdirSync(path.join(root, 'samples', 'go', 'http'), { recursive: true });
  writeFileSync(path.join(root, 'samples', 'a-file'), 'x');
  return root;
}

const entry = (over: Record<string, unknown> = {}) => ({
  id: 'go/http', language: 'go', variant: 'http', dir: 'samples/go/http', toolchains: ['go'], run: 'go run .', source: 'main.go', ...over,
});
const top = (over: Record<string, unknown> = {}) => ({ components: 'components', secrets: 'secrets.json', samples: [entry()], ...over });

function errorOf(doc: unknown): string {
  const root = tree();
  const file = path.join(root, 'samples.yaml');
  try {
    parseManifest(typeof doc === 'string' ? doc : JSON.stringify(doc), file);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    expect((err as Error).name).toBe('ManifestError');
    const where = path.relative(process.cwd(), file);
    expect((err as Error).message.startsWith(`${where}: `)).toBe(true);
    return (err as Error).message.slice(where.length + 2);
  }
  throw new Error('no error');
}

describe('parseManifest refuses, naming the entry and the field', () => {
  it.each([
    // the file as a whole
    ['hello', 'field "(top level)": Expected object, received string'],
    [top({ components: undefined }), 'field "components" is missing'],
    [top({ secrets: '' }), 'field "secrets": String must contain at least 1 character(s)'],
    [top({ samples: [] }), 'field "samples": lists no sample'],
    [top({ extra: 1 }), 'unknown field(s) "extra"'],
    [top({ defaults: { appId: '' } }), 'field "defaults.appId": String must contain at least 1 character(s)'],
    [top({ defaults: { timeoutSeconds: 0 } }), 'field "defaults.timeoutSeconds": Number must be greater than 0'],
    [top({ defaults: { colour: 'x' } }), 'unknown field(s) "colour"'],
    // one entry
    [top({ samples: [null] }), 'sample #1: field "(top level)": Expected object, received null'],
    [top({ samples: [entry(), { ...entry(), id: 7 }] }), 'sample #2: field "id": Expected string, received number'],
    [top({ samples: [entry({ id: 'Go/http' })] }), 'sample "Go/http": field "id": must look like <language>/<variant>'],
    [top({ samples: [entry({ id: 'x go/http' })] }), 'sample "x go/http": field "id": must look like <language>/<variant>'],
    [top({ samples: [entry({ id: 'go/http x' })] }), 'sample "go/http x": field "id": must look like <language>/<variant>'],
    [top({ samples: [entry({ id: 'go/' })] }), 'sample "go/": field "id": must look like <language>/<variant>'],
    [top({ samples: [entry({ id: '/http' })] }), 'sample "/http": field "id": must look like <language>/<variant>'],
    [top({ samples: [entry({ variant: 'grpc' })] }), 'sample "go/http": field "variant": "grpc" is not one of sdk, http'],
    [top({ samples: [entry({ dir: '' })] }), 'sample "go/http": field "dir": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ appId: '' })] }), 'sample "go/http": field "appId": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ toolchains: [] })] }), 'sample "go/http": field "toolchains": Array must contain at least 1 element(s)'],
    [top({ samples: [entry({ toolchains: ['rustc'] })] }), 'sample "go/http": field "toolchains.0": "rustc" is not one of node, python3, java, mvn, go, dotnet, openssl'],
    [top({ samples: [entry({ install: [{ run: '' }] })] }), 'sample "go/http": field "install.0.run": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ install: [{ run: 'x', inputs: [''] }] })] }), 'sample "go/http": field "install.0.inputs.0": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ install: [{ run: 'x', outputs: [''] }] })] }), 'sample "go/http": field "install.0.outputs.0": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ install: [{ run: 'x', when: 'always' }] })] }), 'sample "go/http": unknown field(s) "when"'],
    [top({ samples: [entry({ path: [''] })] }), 'sample "go/http": field "path.0": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ run: '' })] }), 'sample "go/http": field "run": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ source: '' })] }), 'sample "go/http": field "source": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ golden: '' })] }), 'sample "go/http": field "golden": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ timeoutSeconds: -1 })] }), 'sample "go/http": field "timeoutSeconds": Number must be greater than 0'],
    [top({ samples: [entry({ env: { A: 1 } })] }), 'sample "go/http": field "env.A": Expected string, received number'],
    [top({ samples: [entry({ a: 1, b: 2 })] }), 'sample "go/http": unknown field(s) "a", "b"'],
    [top({ samples: [entry(), entry()] }), 'sample "go/http": duplicate id (each id must be unique)'],
    [top({ samples: [entry({ id: 'go/sdk' })] }), 'sample "go/sdk": field "id" must be "go/http" (language/variant)'],
    [top({ samples: [entry({ dir: 'samples/a-file' })] }), 'sample "go/http": field "dir": folder samples/a-file does not exist'],
    [top({ samples: [entry({ dir: 'samples/none' })] }), 'sample "go/http": field "dir": folder samples/none does not exist'],
    [top({ samples: [entry({ expect: { lines: [] } })] }), 'sample "go/http": field "expect.lines": lists no line'],
    [top({ samples: [entry({ expect: { lines: ['a'], mode: 'regex' } })] }), 'sample "go/http": field "expect.mode": "regex" is not one of exact, substring'],
    [top({ secretScopes: [{ storeName: 's', defaultAccess: 'allow', allowedSecrets: [''] }] }), 'field "secretScopes.0.allowedSecrets.0": String must contain at least 1 character(s)'],
    [top({ secretScopes: [{ storeName: 's', defaultAccess: 'deny', deniedSecrets: [''] }] }), 'field "secretScopes.0.deniedSecrets.0": String must contain at least 1 character(s)'],
    [top({ samples: [entry({ ignore: ['('] })] }), 'sample "go/http": field "ignore": ignore pattern "(" is not a regular expression: Invalid regular expression: /(/: Unterminated group'],
    [top({ samples: [entry({ filtersOff: ['nope'] })] }), `sample "go/http": field "filtersOff": "nope" is not a line filter (known: ${KNOWN_FILTERS})`],
    [top({ samples: [entry({ filtersOff: ['ignore'] })] }), `sample "go/http": field "filtersOff": "ignore" is not a line filter (known: ${KNOWN_FILTERS})`],
    [top({ samples: [entry({ redact: [{ pattern: 'a', replacement: '' }, { pattern: '(', replacement: 'x' }] })] }), 'sample "go/http": field "redact.1.pattern": not a regular expression: Invalid regular expression: /(/g: Unterminated group'],
    ['samples: [\nfoo: bar', 'not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:'],
  ])('%j', (doc, message) => expect(errorOf(doc)).toEqual(message));
});

describe('parseManifest resolves a valid entry', () => {
  it('takes defaults from the file, paths from the root and the sample folder', () => {
    const root = tree();
    const file = path.join(root, 'samples.yaml');
    const m = parseManifest(JSON.stringify(top({ defaults: { appId: 'shop', timeoutSeconds: 5 } })), file);
    const dir = path.join(root, 'samples/go/http');
    // line filters and sample redactions have their own tests; here only the fields this file resolves
    const samples = m.samples.map(({ filters: _filters, redactions: _redactions, ...rest }) => rest);
    expect({ ...m, samples }).toEqual({
      root, file, components: path.join(root, 'components'), secrets: path.join(root, 'secrets.json'),
      samples: [{
        id: 'go/http', language: 'go', variant: 'http', dir, appId: 'shop', toolchains: ['go'], install: [], pathPrepend: [],
        run: 'go run .', golden: path.join(root, 'expected/go-http.txt'), timeoutMs: 5000, source: path.join(dir, 'main.go'), env: {},
      }],
    });
  });

  it('lets an entry override the defaults and resolves its own paths', () => {
    const root = tree();
    const dir = path.join(root, 'samples/go/http');
    const m = parseManifest(JSON.stringify(top({ samples: [entry({
      appId: 'mine', timeoutSeconds: 1.5, golden: 'gold/x.txt', path: ['.venv/bin'], env: { A: 'b' },
      install: [{ run: 'make', inputs: ['go.mod'] }, { run: 'gen', outputs: ['out'] }],
    })] })), path.join(root, 'samples.yaml'));
    expect(m.samples[0]).toMatchObject({
      appId: 'mine', timeoutMs: 1500, golden: path.join(root, 'gold/x.txt'), pathPrepend: [path.join(dir, '.venv/bin')], env: { A: 'b' },
      install: [{ run: 'make', inputs: ['go.mod'], outputs: [] }, { run: 'gen', inputs: [], outputs: ['out'] }],
    });
  });

  it('gives a toolchain\'s quieting variables to the samples that name it, under their own env', () => {
    const root = tree();
    const env = (e: Record<string, unknown>) => parseManifest(JSON.stringify(top({ samples: [entry(e)] })), path.join(root, 'samples.yaml')).samples[0]!.env;
    const dotnet = { DOTNET_NOLOGO: '1', DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_GENERATE_ASPNET_CERTIFICATE: 'false', DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE: '1' };
    expect(env({ toolchains: ['dotnet'] })).toEqual(dotnet);
    expect(env({ toolchains: ['go', 'dotnet'], env: { DOTNET_NOLOGO: '0', A: 'b' } })).toEqual({ ...dotnet, DOTNET_NOLOGO: '0', A: 'b' });
    expect(env({ toolchains: ['go'] })).toEqual({});
  });

  it('reads expect with its defaults, and its values as given', () => {
    const root = tree();
    const read = (expect: unknown) => parseManifest(JSON.stringify(top({ samples: [entry({ expect })] })), path.join(root, 'samples.yaml')).samples[0]!.expect;
    expect(read({ lines: ['a', 'b'] })).toEqual({ lines: ['a', 'b'], order: 'sequential', mode: 'exact' });
    expect(read({ lines: ['a'], order: 'none', mode: 'exact' })).toEqual({ lines: ['a'], order: 'none', mode: 'exact' });
    expect(read({ lines: ['a'], order: 'sequential', mode: 'substring' })).toEqual({ lines: ['a'], order: 'sequential', mode: 'substring' });
  });

  it('without ignore, filtersOff or redact: the default line filters and no redaction', () => {
    const root = tree();
    const [sample] = parseManifest(JSON.stringify(top()), path.join(root, 'samples.yaml')).samples;
    expect(sample!.filters.map((f) => f.name)).toEqual(DEFAULT_FILTER_NAMES);
    expect(sample!.redactions).toEqual([]);
  });

  it('turns the entry\'s ignore, filtersOff and redact into its line filters and redactions', () => {
    const root = tree();
    const [sample] = parseManifest(JSON.stringify(top({ samples: [entry({
      ignore: ['^x'], filtersOff: ['go-download'], redact: [{ pattern: 'a+', replacement: 'A' }, { pattern: 'b', replacement: '' }],
    })] })), path.join(root, 'samples.yaml')).samples;
    expect(sample!.filters.map((f) => f.name)).toEqual([...DEFAULT_FILTER_NAMES.filter((n) => n !== 'go-download'), 'ignore[0]']);
    expect(sample!.redactions).toEqual([{ name: 'redact[0]', pattern: /a+/g, replacement: 'A' }, { name: 'redact[1]', pattern: /b/g, replacement: '' }]);
  });

  it('uses order-processor and 120 s when the file sets no defaults, or only one of them', () => {
    const root = tree();
    const file = path.join(root, 'samples.yaml');
    expect(parseManifest(JSON.stringify(top()), file).samples[0]).toMatchObject({ appId: 'order-processor', timeoutMs: 120_000 });
    expect(parseManifest(JSON.stringify(top({ defaults: { appId: 'shop' } })), file).samples[0]).toMatchObject({ appId: 'shop', timeoutMs: 120_000 });
    expect(parseManifest(JSON.stringify(top({ defaults: { timeoutSeconds: 9 } })), file).samples[0]).toMatchObject({ appId: 'order-processor', timeoutMs: 9000 });
  });
});

describe('loadManifest and selectSamples', () => {
  it('names the missing manifest file and the flag to fix', () => {
    const root = tree();
    expect(() => loadManifest(root)).toThrow(new ManifestError(`${path.join(root, 'samples.yaml')}: no sample manifest here (--root must point at a folder with samples.yaml)`));
  });

  it('reads samples.yaml under the root', () => {
    const root = tree();
    writeFileSync(path.join(root, 'samples.yaml'), JSON.stringify(top()));
    expect(loadManifest(root).samples.map((s) => s.id)).toEqual(['go/http']);
  });

  it('lists the ids in the refusal of an unknown filter', () => {
    const root = tree();
    mkdirSync(path.join(root, 'samples/go/sdk'));
    const m = parseManifest(JSON.stringify(top({ samples: [entry(), entry({ id: 'go/sdk', variant: 'sdk', dir: 'samples/go/sdk' })] })), path.join(root, 'samples.yaml'));
    expect(() => selectSamples(m.samples, ['go', 'rust'])).toThrow(new ManifestError('unknown sample filter "rust": use a sample id (go/http, go/sdk), a language or a variant'));
    expect(selectSamples(m.samples, ['go/sdk']).map((s) => s.id)).toEqual(['go/sdk']);
    expect(selectSamples(m.samples, ['http']).map((s) => s.id)).toEqual(['go/http']);
    expect(selectSamples(m.samples, [])).toBe(m.samples);
  });
});

describe('ManifestError and YAML limits', () => {
  it('keeps a message on one line, whatever line breaks a value holds', () => {
    const err = new ManifestError('sample "a\nb\rc\u2028d\u2029e": bad');
    expect(err.message).toBe('sample "a\\nb\\rc\\u2028d\\u2029e": bad');
    expect(err.name).toBe('ManifestError');
  });

  it('refuses aliases that expand to more than 100 nodes, naming the line of the first alias', () => {
    const root = tree();
    const file = path.join(root, 'samples.yaml');
    const row = (name: string, item: string) => `${name}: &${name} [${Array(10).fill(item).join(', ')}]`;
    const text = ['components: components', row('a', 'x'), row('b', '*a'), row('c', '*b'), row('d', '*c'), ''].join('\n');
    expect(() => parseManifest(text, file)).toThrow(new ManifestError(`${path.relative(process.cwd(), file)}:3: YAML aliases expand to more than 100 nodes (Excessive alias count indicates a resource exhaustion attack); write the entries out instead of nesting aliases`));
  });

  it('takes a few aliases, and names an alias without its anchor as not valid YAML', () => {
    const root = tree();
    const file = path.join(root, 'samples.yaml');
    expect(parseManifest(`components: &c components\nsecrets: *c\nsamples: [${JSON.stringify(entry())}]\n`, file).secrets).toBe(path.join(root, 'components'));
    expect(() => parseManifest('components: *nope\n', file)).toThrow(new ManifestError(`${path.relative(process.cwd(), file)}: not valid YAML: Unresolved alias (the anchor must be set before the alias): nope`));
  });
});

describe('manifestFieldPaths', () => {
  it('lists every field once, in the schemas\' order', () => {
    expect(manifestFieldPaths()).toEqual([
      'components', 'secrets', 'apiToken', 'secretScopes', 'secretScopes[].storeName', 'secretScopes[].defaultAccess',
      'secretScopes[].allowedSecrets', 'secretScopes[].deniedSecrets', 'defaults', 'defaults.appId', 'defaults.timeoutSeconds',
      'samples', 'samples[].id', 'samples[].language', 'samples[].variant', 'samples[].dir', 'samples[].appId', 'samples[].toolchains',
      'samples[].install', 'samples[].install[].run', 'samples[].install[].inputs', 'samples[].install[].outputs', 'samples[].path',
      'samples[].run', 'samples[].source', 'samples[].golden', 'samples[].timeoutSeconds', 'samples[].env', 'samples[].components',
      'samples[].secrets', 'samples[].expect', 'samples[].expect.lines', 'samples[].expect.order', 'samples[].expect.mode',
      'samples[].ignore', 'samples[].filtersOff', 'samples[].redact', 'samples[].redact[].pattern', 'samples[].redact[].replacement',
      // The scenario form's own fields, then each step kind's.
      'samples[].block', 'samples[].services', 'samples[].skip', 'samples[].overlays', 'samples[].overlays[].file',
      'samples[].overlays[].replace', 'samples[].overlays[].with', 'samples[].overlays[].reason', 'samples[].dropped',
      'samples[].dropped[].line', 'samples[].dropped[].what', 'samples[].dropped[].why', 'samples[].python', 'samples[].python.min', 'samples[].python.why', 'samples[].divergences', 'samples[].divergences[].fact', 'samples[].divergences[].why', 'samples[].steps',
      'samples[].steps[].install', 'samples[].steps[].cwd', 'samples[].steps[].inputs', 'samples[].steps[].outputs',
      'samples[].steps[].name', 'samples[].steps[].line', 'samples[].steps[].sh', 'samples[].steps[].expect',
      'samples[].steps[].expect.lines', 'samples[].steps[].expect.order', 'samples[].steps[].expect.mode', 'samples[].steps[].note',
      'samples[].steps[].run', 'samples[].steps[].run.file', 'samples[].steps[].run.appId', 'samples[].steps[].run.command',
      'samples[].steps[].run.cwd', 'samples[].steps[].run.resources', 'samples[].steps[].run.appPort', 'samples[].steps[].run.appProtocol',
      'samples[].steps[].apps', 'samples[].steps[].apps.<key>.role', 'samples[].steps[].apps.<key>.expect',
      'samples[].steps[].apps.<key>.expect.lines', 'samples[].steps[].apps.<key>.expect.order', 'samples[].steps[].apps.<key>.expect.mode',
      'samples[].steps[].apps.<key>.until', 'samples[].steps[].apps.<key>.until.lines', 'samples[].steps[].apps.<key>.until.order',
      'samples[].steps[].apps.<key>.until.mode', 'samples[].steps[].apps.<key>.golden', 'samples[].steps[].apps.<key>.unordered',
      'samples[].steps[].apps.<key>.after', 'samples[].steps[].apps.<key>.after.apps', 'samples[].steps[].apps.<key>.after.why',
      'samples[].steps[].background', 'samples[].steps[].timeoutSeconds', 'samples[].steps[].wait', 'samples[].steps[].wait.app',
      'samples[].steps[].wait.line', 'samples[].steps[].wait.subscribed', 'samples[].steps[].stop',
      'samples[].steps[].http', 'samples[].steps[].http.method', 'samples[].steps[].http.url', 'samples[].steps[].http.headers', 'samples[].steps[].http.body',
      'samples[].steps[].capture', 'samples[].steps[].until', 'samples[].steps[].until.field', 'samples[].steps[].until.equals', 'samples[].steps[].until.everySeconds',
      'samples[].steps[].status', 'samples[].steps[].dapr',
    ]);
  });
});
