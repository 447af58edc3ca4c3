// The scenario form of a manifest entry: what a valid one resolves to, and the one line each
// mistake gets, naming the entry and the field.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ManifestError, parseManifest, selectSamples } from '../../../harness/samples/manifest.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

function tree(): string {
  const root = tempDir('parity-scenario-entry-');
  mkdirSync(path.join(root, 'pub_sub', 'go', 'http'), { recursive: true });
  mkdirSync(path.join(root, 'go', 'http'), { recursive: true });
  return root;
}

const scenario = (over: Record<string, unknown> = {}) => ({
  id: 'pub_sub/go/http', block: 'pub_sub', language: 'go', variant: 'http', dir: 'pub_sub/go/http', toolchains: ['go'],
  steps: [
    { install: 'go build .', cwd: 'sub', inputs: ['sub/go.mod'] },
    { sh: 'redis-cli -p "$REDIS_PORT" SET a 1', expect: { lines: ['OK'] }, note: 'mapped' },
    { run: { file: 'dapr.yaml' }, apps: { sub: { role: 'server', unordered: true, expect: { lines: ['got 1'], mode: 'substring' } }, pub: {} }, background: true, line: 40, name: 'Run both' },
    { wait: { app: 'sub', line: 'got 1' }, timeoutSeconds: 5 },
    { stop: true },
    { run: { appId: 'sub', command: 'go run .', cwd: 'sub', resources: '../../components', appPort: 6001 }, apps: { sub: { role: 'job' } } },
  ],
  services: ['redis'],
  ...over,
});

function parse(entries: unknown[], top: Record<string, unknown> = {}) {
  const root = tree();
  return { root, m: parseManifest(JSON.stringify({ samples: entries, ...top }), path.join(root, 'samples.yaml')) };
}

function errorOf(entries: unknown[], top: Record<string, unknown> = {}): string {
  try {
    parse(entries, top);
  } catch (err) {
    expect(err).toBeInstanceOf(ManifestError);
    return (err as Error).message.replace(/^[^:]+: /, '');
  }
  throw new Error('no error');
}

describe('a scenario entry', () => {
  it('resolves to its steps, apps, goldens and services; the shared components and secrets are not needed', () => {
    const { root, m } = parse([scenario()]);
    const s = m.samples[0]!;
    expect(s).toMatchObject({ id: 'pub_sub/go/http', block: 'pub_sub', dir: path.join(root, 'pub_sub/go/http'), appId: 'sub', install: [] });
    expect(s.scenario!.services).toEqual(['redis']);
    const [install, sh, run, wait, stop, single] = s.scenario!.steps;
    expect(install).toEqual({ kind: 'install', name: 'go build .', install: { run: 'cd "sub" && go build .', inputs: ['sub/go.mod'], outputs: [] } });
    expect(sh).toEqual({ kind: 'sh', name: 'redis-cli -p "$REDIS_PORT" SET a 1', run: 'redis-cli -p "$REDIS_PORT" SET a 1', cwd: '.', expect: { lines: ['OK'], order: 'sequential', mode: 'exact' }, note: 'mapped' });
    expect(run).toMatchObject({ kind: 'run', name: 'Run both', line: 40, background: true, timeoutMs: 300_000, launch: { kind: 'file', file: 'dapr.yaml' } });
    expect(run?.kind === 'run' && run.apps).toEqual([
      { appId: 'sub', role: 'server', unordered: true, golden: path.join(root, 'expected/pub_sub/go-http/sub.txt'), expect: { lines: ['got 1'], order: 'sequential', mode: 'substring' } },
      { appId: 'pub', role: 'job', unordered: false, golden: path.join(root, 'expected/pub_sub/go-http/pub.txt') },
    ]);
    expect(wait).toEqual({ kind: 'wait', name: 'wait for "got 1" from sub', app: 'sub', match: 'got 1', timeoutMs: 5000 });
    expect(stop).toEqual({ kind: 'stop', name: 'end the background run' });
    // The same app's second run has a golden of its own.
    expect(single).toMatchObject({ kind: 'run', launch: { kind: 'app', appId: 'sub', command: 'go run .', cwd: 'sub', resources: '../../components', appPort: 6001 }, apps: [{ golden: path.join(root, 'expected/pub_sub/go-http/sub-2.txt') }] });
  });

  it('carries the Python its code needs, and refuses a version that is not one', () => {
    expect(parse([scenario({ python: { min: '3.12', why: 'app.py:3: f-string' } })]).m.samples[0]!.python).toEqual({ min: '3.12', why: 'app.py:3: f-string' });
    expect(errorOf([scenario({ python: { min: 'latest' } })])).toMatch(/python\.min.*3\.12/);
  });
  it('carries its recorded divergences, each a fact and why, and refuses one without a reason', () => {
    const { m } = parse([scenario({ divergences: [{ fact: 'published', why: 'its loop stops at 9' }] })]);
    expect(m.samples[0]!.scenario!.divergences).toEqual([{ fact: 'published', why: 'its loop stops at 9' }]);
    expect(parse([scenario()]).m.samples[0]!.scenario!.divergences).toEqual([]);
    expect(errorOf([scenario({ divergences: [{ fact: 'published' }] })])).toMatch(/divergences\.0\.why/);
  });
  it('is selected by its block, as by its id, language or variant', () => {
    const { m } = parse([scenario(), scenario({ id: 'other/go/http', block: 'other' })]);
    expect(selectSamples(m.samples, ['pub_sub']).map((s) => s.id)).toEqual(['pub_sub/go/http']);
    expect(selectSamples(m.samples, ['go']).map((s) => s.id)).toEqual(['pub_sub/go/http', 'other/go/http']);
    expect(() => selectSamples(m.samples, ['nope'])).toThrow('unknown sample filter "nope": use a sample id (pub_sub/go/http, other/go/http), a block, a language or a variant');
  });

  it.each([
    [{ id: 'go/http' }, 'sample "go/http": field "id": must look like <block>/<language>/<variant>'],
    [{ id: 'state/go/http' }, 'sample "state/go/http": field "id" must be "pub_sub/go/http" (block/language/variant)'],
    [{ dir: 'nowhere' }, 'sample "pub_sub/go/http": field "dir": folder nowhere does not exist'],
    [{ steps: [] }, 'sample "pub_sub/go/http": field "steps": lists no step'],
    [{ steps: [{ sh: 'x', stop: true }] }, 'sample "pub_sub/go/http": field "steps.0": a step holds exactly one of install, sh, run, wait, stop, http, dapr'],
    [{ steps: [{ nap: 3 }] }, 'sample "pub_sub/go/http": field "steps.0": a step holds exactly one of install, sh, run, wait, stop, http, dapr'],
    [{ steps: [{ sh: 'x', sleep: 3 }] }, 'sample "pub_sub/go/http": unknown field(s) "sleep"'],
    [{ steps: [{ run: { file: 'd.yaml' }, apps: {} }] }, 'sample "pub_sub/go/http": field "steps.0.apps": lists no app'],
    [{ steps: [{ run: { file: 'd.yaml' }, apps: { a: { role: 'daemon' } } }] }, 'sample "pub_sub/go/http": field "steps.0.apps.a.role": "daemon" is not one of job, server'],
    [{ steps: [{ run: { appId: 'a', command: 'x' }, apps: { b: {} } }] }, 'sample "pub_sub/go/http": field "steps.0.apps.b": the run starts only "a"'],
    [{ steps: [{ run: { file: 'd.yaml' }, apps: { a: { golden: 'g.txt' }, b: { golden: 'g.txt' } } }] }, 'sample "pub_sub/go/http": two apps share the golden g.txt'],
    [{ services: ['kafka'] }, 'sample "pub_sub/go/http": field "services.0": "kafka" is not one of redis, postgres, placement, scheduler'],
    [{ redact: [{ pattern: '(', replacement: 'x' }] }, /^sample "pub_sub\/go\/http": field "redact\.0\.pattern": not a regular expression: /],
    [{ steps: [{ http: { url: 'localhost:1/x' } }] }, 'sample "pub_sub/go/http": field "steps.0.http.url": must start with http:// or https://'],
    [{ steps: [{ http: { url: 'http://x/', method: 'get' } }] }, 'sample "pub_sub/go/http": field "steps.0.http.method": must be an HTTP method in capitals'],
    [{ steps: [{ dapr: 'stop --app-id a' }] }, 'sample "pub_sub/go/http": field "steps.0.dapr": must be an invoke or publish command'],
    [{ steps: [{ http: { url: 'http://x/' }, capture: { 'a-b': 'id' } }] }, /^sample "pub_sub\/go\/http": field "steps\.0\.capture/],
  ])('refuses %j', (over, message) => {
    const got = errorOf([scenario(over)]);
    if (typeof message === 'string') expect(got).toBe(message);
    else expect(got).toMatch(message);
  });

  it('resolves request steps: an HTTP request with a capture, a polled one, a dapr invoke', () => {
    const { m } = parse([scenario({ steps: [
      { http: { method: 'POST', url: 'http://localhost:5111/start', headers: { 'Content-Type': 'application/json' }, body: '{}' }, capture: { instanceId: 'instanceID' }, name: 'Start' },
      { http: { url: 'http://localhost:5111/status' }, until: { field: 'runtimeStatus', equals: 'COMPLETED' }, timeoutSeconds: 30 },
      { dapr: 'invoke --app-id a --method m', status: 200 },
    ] })]);
    expect(m.samples[0]!.scenario!.steps).toEqual([
      { kind: 'request', name: 'Start', request: { kind: 'http', method: 'POST', url: 'http://localhost:5111/start', headers: { 'Content-Type': 'application/json' }, body: '{}' }, capture: { instanceId: 'instanceID' }, timeoutMs: 60_000 },
      { kind: 'request', name: 'GET http://localhost:5111/status', request: { kind: 'http', method: 'GET', url: 'http://localhost:5111/status', headers: {} }, capture: {}, until: { field: 'runtimeStatus', equals: 'COMPLETED', everyMs: 1000 }, timeoutMs: 30_000 },
      { kind: 'request', name: 'dapr invoke --app-id a --method m', request: { kind: 'dapr', args: 'invoke --app-id a --method m', cwd: '.' }, capture: {}, status: 200, timeoutMs: 60_000 },
    ]);
  });

  it('refuses a duplicate id, and a one-app entry beside it without the shared components or secrets', () => {
    expect(errorOf([scenario(), scenario()])).toBe('sample "pub_sub/go/http": duplicate id (each id must be unique)');
    const oneApp = { id: 'go/http', language: 'go', variant: 'http', dir: 'go/http', toolchains: ['go'], run: 'go run .', source: 'main.go' };
    expect(errorOf([scenario(), oneApp])).toBe('field "components" is missing');
    expect(errorOf([oneApp], { components: 'c' })).toBe('field "secrets" is missing');
    expect(parse([scenario(), oneApp], { components: 'c', secrets: 's.json' }).m.samples.map((s) => s.id)).toEqual(['pub_sub/go/http', 'go/http']);
  });
});
