// The security options' pure parts: the Dapr config built from scopes, the API token and its
// redaction, the loopback flags and daprd wrapper, the run's settings from flags and manifest,
// and the once-per-tree notice of the commands a samples.yaml runs.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { daprConfigYaml, onlyKeyScopes } from '../../../harness/dapr/config.ts';
import { MINIMAL_CONFIG } from '../../../harness/dapr/home.ts';
import { daprdLoopbackFlags, daprdWrapperScript } from '../../../harness/dapr/loopback-flags.ts';
import { daprRunArgs } from '../../../harness/run/dapr-args.ts';
import { normalizeLines } from '../../../harness/output/normalize.ts';
import { applyRedactions } from '../../../harness/output/normalize.ts';
import { API_TOKEN_PLACEHOLDER, apiTokenRedaction, newApiToken } from '../../../harness/security/api-token.ts';
import { describeSecurity, secretStoresIn, securitySettings } from '../../../harness/security/options.ts';
import { announceTreeCommands, commandsNotice, treeCommands, treeKey } from '../../../harness/security/tree-commands.ts';
import { parseManifest } from '../../../harness/samples/manifest.ts';
import { InputError } from '../../../harness/input-error.ts';

const scratch: string[] = [];
afterAll(() => { for (const d of scratch) rmSync(d, { recursive: true, force: true }); });
function tmp(prefix: string): string {
  const d = mkdtempSync(path.join(os.tmpdir(), prefix));
  scratch.push(d);
  return d;
}

describe('daprConfigYaml', () => {
  it('is the minimal config with no options', () => {
    expect(daprConfigYaml()).toBe('apiVersion: dapr.io/v1alpha1\nkind: Configuration\nmetadata:\n  name: daprConfig\nspec: {}\n');
    expect(MINIMAL_CONFIG).toBe(daprConfigYaml());
  });

  it('writes secret scopes under spec.secrets.scopes, leaving out absent lists', () => {
    const text = daprConfigYaml({ secretScopes: [
      { storeName: 'localsecretstore', defaultAccess: 'deny', allowedSecrets: ['secret'] },
      { storeName: 'other', defaultAccess: 'allow', deniedSecrets: ['a', 'b'] },
      { storeName: 'closed', defaultAccess: 'deny' },
    ] });
    expect(YAML.parse(text)).toEqual({
      apiVersion: 'dapr.io/v1alpha1', kind: 'Configuration', metadata: { name: 'daprConfig' },
      spec: { secrets: { scopes: [
        { storeName: 'localsecretstore', defaultAccess: 'deny', allowedSecrets: ['secret'] },
        { storeName: 'other', defaultAccess: 'allow', deniedSecrets: ['a', 'b'] },
        { storeName: 'closed', defaultAccess: 'deny' },
      ] } },
    });
  });

  it('an empty scope list is no scoping', () => {
    expect(daprConfigYaml({ secretScopes: [] })).toBe(MINIMAL_CONFIG);
  });

  it('onlyKeyScopes denies by default and allows the one key, per store', () => {
    expect(onlyKeyScopes(['a', 'b'], 'secret')).toEqual([
      { storeName: 'a', defaultAccess: 'deny', allowedSecrets: ['secret'] },
      { storeName: 'b', defaultAccess: 'deny', allowedSecrets: ['secret'] },
    ]);
  });
});

describe('API token', () => {
  it('is 64 hex characters, fresh each time', () => {
    const a = newApiToken();
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(newApiToken()).not.toBe(a);
  });

  it('its redaction replaces every occurrence, literally', () => {
    const token = 'a.b+c';
    const rule = apiTokenRedaction(token);
    expect(applyRedactions(`x a.b+c y a.b+c\naXb+c`, [rule])).toBe(`x ${API_TOKEN_PLACEHOLDER} y ${API_TOKEN_PLACEHOLDER}\naXb+c`);
    // And through the normalizer, as any redaction does.
    expect(normalizeLines([`token is ${token}`], [rule])).toBe(`token is ${API_TOKEN_PLACEHOLDER}\n`);
  });
});

describe('loopback', () => {
  const help = [
    'Usage of daprd:',
    '      --dapr-internal-grpc-listen-address string   gRPC listen address for the Dapr Internal API',
    '      --dapr-internal-grpc-port string             gRPC port for the Dapr Internal API to listen on',
    '      --metrics-listen-address string              The address for the metrics server (default "0.0.0.0")',
  ].join('\n');

  it('adds the listen-address flags this daprd lists, bound to 127.0.0.1', () => {
    expect(daprdLoopbackFlags(help)).toEqual(['--metrics-listen-address', '127.0.0.1', '--dapr-internal-grpc-listen-address', '127.0.0.1']);
  });

  it('leaves out flags an older daprd does not list, and all of them when --help gave nothing', () => {
    expect(daprdLoopbackFlags(help.split('\n').slice(0, 3).join('\n'))).toEqual(['--dapr-internal-grpc-listen-address', '127.0.0.1']);
    expect(daprdLoopbackFlags('')).toEqual([]);
  });

  it('the wrapper execs the real daprd with the CLI\'s arguments first, quoting the path', () => {
    expect(daprdWrapperScript("/opt/it's here/daprd", ['--metrics-listen-address', '127.0.0.1']))
      .toMatch(/\nexec '\/opt\/it'\\''s here\/daprd' "\$@" '--metrics-listen-address' '127\.0\.0\.1'\n$/);
  });

  it('dapr run binds the Dapr APIs to loopback', () => {
    const argv = daprRunArgs({ runtimePath: '/h', appId: 'a', resourcesPath: 'c', appArgv: ['python3', 'app.py'] });
    const i = argv.indexOf('--dapr-listen-addresses');
    expect(argv[i + 1]).toBe('127.0.0.1');
    expect(i).toBeLessThan(argv.indexOf('--'));
  });
});

function manifestTree(components: Record<string, string>, extra = ''): string {
  const root = tmp('parity-sec-');
  mkdirSync(path.join(root, 'components'));
  mkdirSync(path.join(root, 'samples', 'go', 'http'), { recursive: true });
  for (const [n, c] of Object.entries(components)) writeFileSync(path.join(root, 'components', n), c);
  const sample = { id: 'go/http', language: 'go', variant: 'http', dir: 'samples/go/http', toolchains: ['go'], install: [{ run: 'go build .', inputs: ['main.go'] }], run: 'go run .', source: 'main.go' };
  writeFileSync(path.join(root, 'samples.yaml'), `components: components\nsecrets: secrets.json\n${extra}samples: ${JSON.stringify([sample])}\n`);
  return root;
}
const store = (name: string, type = 'secretstores.local.file') => `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: ${type}\n  version: v1\n`;
const load = (root: string) => parseManifest(readFileSync(path.join(root, 'samples.yaml'), 'utf8'), path.join(root, 'samples.yaml'));

describe('security settings', () => {
  it('secretStoresIn keeps secret-store components only, once each', () => {
    expect(secretStoresIn([
      { kind: 'Component', metadata: { name: 's1' }, spec: { type: 'secretstores.local.file' } },
      { kind: 'Component', metadata: { name: 'st' }, spec: { type: 'state.redis' } },
      { kind: 'Configuration', metadata: { name: 'c' }, spec: {} },
      { kind: 'Component', metadata: { name: 's1' }, spec: { type: 'secretstores.local.env' } },
      null,
    ])).toEqual(['s1']);
  });

  it('off by default: no token, no scopes', () => {
    const m = load(manifestTree({ 'a.yaml': store('localsecretstore') }));
    expect(securitySettings(m, { apiToken: false, scoped: false }, 'secret')).toEqual({});
  });

  it('--api-token or apiToken: true in the manifest makes a token', () => {
    const plain = load(manifestTree({ 'a.yaml': store('localsecretstore') }));
    expect(securitySettings(plain, { apiToken: true, scoped: false }, 'secret', () => 'T')).toEqual({ apiToken: 'T' });
    const byManifest = load(manifestTree({ 'a.yaml': store('localsecretstore') }, 'apiToken: true\n'));
    expect(byManifest.apiToken).toBe(true);
    expect(securitySettings(byManifest, { apiToken: false, scoped: false }, 'secret', () => 'T')).toEqual({ apiToken: 'T' });
  });

  it('--scoped allows only the key on every secret store of the components folder, over the manifest\'s scopes', () => {
    const m = load(manifestTree({ 'a.yaml': `${store('one')}---\n${store('cache', 'state.in-memory')}`, 'b.yml': store('two') },
      'secretScopes:\n  - storeName: one\n    defaultAccess: allow\n'));
    expect(securitySettings(m, { apiToken: false, scoped: false }, 'secret').secretScopes).toEqual([{ storeName: 'one', defaultAccess: 'allow' }]);
    expect(securitySettings(m, { apiToken: false, scoped: true }, 'secret').secretScopes).toEqual(onlyKeyScopes(['one', 'two'], 'secret'));
  });

  it('--scoped also covers the stores of a sample\'s own components folder', () => {
    const root = manifestTree({ 'a.yaml': store('shared') });
    mkdirSync(path.join(root, 'own'));
    writeFileSync(path.join(root, 'own', 'x.yaml'), store('mine'));
    const text = readFileSync(path.join(root, 'samples.yaml'), 'utf8').replace('"source":"main.go"', '"source":"main.go","components":"own"');
    const m = parseManifest(text, path.join(root, 'samples.yaml'));
    expect(securitySettings(m, { apiToken: false, scoped: true }, 'secret').secretScopes).toEqual(onlyKeyScopes(['shared', 'mine'], 'secret'));
  });

  it('--scoped with no secret store is refused, not run unscoped', () => {
    const m = load(manifestTree({ 'a.yaml': store('cache', 'state.in-memory') }));
    expect(() => securitySettings(m, { apiToken: false, scoped: true }, 'secret')).toThrow(InputError);
    expect(() => securitySettings(m, { apiToken: false, scoped: true }, 'secret')).toThrow(/--scoped: components folder .* defines no secret store/);
  });

  it('the manifest refuses a scope with an unknown access or field', () => {
    const root = manifestTree({ 'a.yaml': store('s') });
    const file = path.join(root, 'samples.yaml');
    const text = (scopes: string) => `components: components\nsecrets: secrets.json\nsecretScopes:\n${scopes}samples: [{"id":"go/http","language":"go","variant":"http","dir":"samples/go/http","toolchains":["go"],"run":"go run .","source":"main.go"}]\n`;
    expect(() => parseManifest(text('  - storeName: s\n    defaultAccess: maybe\n'), file)).toThrow(/secretScopes\.0\.defaultAccess.*allow, deny/);
    expect(() => parseManifest(text('  - storeName: s\n    defaultAccess: deny\n    allowed: [x]\n'), file)).toThrow(/unknown field\(s\) "allowed"/);
  });

  it('describeSecurity says what is on, and never the token', () => {
    expect(describeSecurity({})).toEqual([]);
    const lines = describeSecurity({ apiToken: 'abc123', secretScopes: [{ storeName: 's', defaultAccess: 'deny', allowedSecrets: ['secret'] }, { storeName: 't', defaultAccess: 'allow', deniedSecrets: ['x'] }] });
    expect(lines.join('\n')).not.toContain('abc123');
    expect(lines[1]).toBe('secret scopes: s: default deny, allow [secret]; t: default allow, deny [x]');
  });
});

describe('a tree\'s commands, shown once', () => {
  it('lists install steps and run commands in order, with their folder', () => {
    const m = load(manifestTree({ 'a.yaml': store('s') }));
    expect(treeCommands(m)).toEqual(['go/http: (in samples/go/http) go build .', 'go/http: (in samples/go/http) dapr run … -- go run .']);
    expect(commandsNotice(m)[0]).toContain('running a tree runs its code');
  });

  it('the key changes with the tree\'s path and with the manifest\'s content', () => {
    expect(treeKey('/a', 'x')).toBe(treeKey('/a/', 'x'));
    expect(treeKey('/a', 'x')).not.toBe(treeKey('/b', 'x'));
    expect(treeKey('/a', 'x')).not.toBe(treeKey('/a', 'y'));
  });

  it('prints on the first run of a tree, not on the second, and again once its manifest changes', async () => {
    const root = manifestTree({ 'a.yaml': store('s') });
    const cache = path.join(tmp('parity-seen-'), 'seen-trees');
    const lines: string[] = [];
    expect(await announceTreeCommands(load(root), (l) => lines.push(l), cache)).toBe(true);
    expect(lines.slice(2)).toEqual(treeCommands(load(root)).map((c) => `  ${c}`));
    expect(readdirSync(cache)).toHaveLength(1);
    expect(await announceTreeCommands(load(root), (l) => lines.push(l), cache)).toBe(false);
    writeFileSync(path.join(root, 'samples.yaml'), `# edited\n${readFileSync(path.join(root, 'samples.yaml'), 'utf8')}`);
    expect(await announceTreeCommands(load(root), () => undefined, cache)).toBe(true);
    expect(existsSync(cache) && readdirSync(cache)).toHaveLength(2);
  });
});
