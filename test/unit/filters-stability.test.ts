// Line filters, the stability check behind --update, and which secrets file a sample reads.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { stabilityVerdict } from '../../harness/golden/stability.ts';
import { DEFAULT_FILTERS, filterLines, sampleFilters } from '../../harness/output/filters.ts';
import { checkParity } from '../../harness/parity/check.ts';
import { localSecretsFiles, secretsFileFor } from '../../harness/parity/secrets-file.ts';
import type { SampleResult } from '../../harness/model.ts';

const drop = (lines: string[]) => filterLines(lines, DEFAULT_FILTERS);

describe('default line filters', () => {
  // Each filter, with a line it must drop and one like it that it must keep.
  const cases: [string, string, string][] = [
    ['go-download', 'go: downloading github.com/dapr/go-sdk v1.15.0', 'go: the app said this'],
    ['npm-lifecycle', '> order-processor@1.0.0 start', 'order-processor@1.0.0 start'],
    ['npm-notice', 'npm notice New major version of npm available!', 'npm is great'],
    ['pip-notice', '[notice] A new release of pip is available: 23.2 -> 24.0', 'notice: nothing'],
    ['maven-transfer', 'Downloading from central: https://repo.maven.apache.org/x.pom', 'Downloading the secret'],
    ['dotnet-build', '  Determining projects to restore...', 'Determining the secret'],
    ['jvm-options', 'Picked up JAVA_TOOL_OPTIONS: -Xmx1g', 'Picked up the secret'],
  ];
  for (const [name, chatter, app] of cases) {
    it(`${name} drops "${chatter}" and keeps "${app}"`, () => {
      expect(drop([chatter, app, 'Fetched Secret: x'])).toEqual({ kept: [app, 'Fetched Secret: x'], dropped: { [name]: 1 } });
    });
  }
  it('npm\'s command line goes only right under its banner', () => {
    expect(drop(['', '> order-processor@1.0.0 start', '> node index.js', '', 'Fetched Secret: x', '> node index.js']))
      .toEqual({ kept: ['', '', 'Fetched Secret: x', '> node index.js'], dropped: { 'npm-lifecycle': 1, 'npm-lifecycle-command': 1 } });
  });
  it('a sample adds its own patterns and turns defaults off; bad names and patterns are errors', () => {
    const f = sampleFilters({ ignore: ['^DEBUG '], keep: ['go-download'] });
    expect(filterLines(['DEBUG x', 'go: downloading m v1'], f)).toEqual({ kept: ['go: downloading m v1'], dropped: { 'ignore[0]': 1 } });
    expect(() => sampleFilters({ keep: ['nope'] })).toThrow(/"nope" is not a line filter/);
    expect(() => sampleFilters({ ignore: ['('] })).toThrow(/ignore pattern "\(" is not a regular expression/);
  });
});

describe('stabilityVerdict', () => {
  it('equal runs are stable', () => {
    expect(stabilityVerdict(['a\n', 'a\n', 'a\n'], 'g.txt')).toEqual({ stable: true });
  });
  it('a value that changes in place gets a redaction; a line one run prints gets a filter', () => {
    const v = stabilityVerdict(['took 12 ticks\nFetched Secret: x\n', 'took 15 ticks\nFetched Secret: x\nwarming cache\n'], 'expected/g.txt');
    expect(v.stable).toBe(false);
    if (v.stable) return;
    expect(v.diff).toContain('-took 12 ticks');
    expect(v.diff).toContain('+took 15 ticks');
    expect(v.diff).toContain('+++ run 2');
    expect(v.suggestions).toEqual([
      'redact: [{ pattern: "took [\\\\d.,:]+", replacement: "[VALUE]" }]   # "took 12 ticks" vs "took 15 ticks"',
      'ignore: ["^warming cache"]   # "warming cache" is printed by one run only',
    ]);
  });
});

describe('the secrets file a sample reads', () => {
  it('reads secretsFile from local-file secret stores only', () => {
    expect(localSecretsFiles([
      { kind: 'Component', spec: { type: 'secretstores.local.file', metadata: [{ name: 'nestedSeparator', value: ':' }, { name: 'secretsFile', value: 'secrets.json' }] } },
      { kind: 'Component', spec: { type: 'state.redis', metadata: [{ name: 'secretsFile', value: 'no.json' }] } },
      { kind: 'Configuration', spec: {} },
      null,
    ])).toEqual(['secrets.json']);
  });
  it('resolves it against the sample folder; falls back to the tree\'s; an explicit one wins', () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'parity-secrets-'));
    const comp = path.join(root, 'components');
    const app = path.join(root, 'go', 'http');
    mkdirSync(comp);
    mkdirSync(app, { recursive: true });
    writeFileSync(path.join(comp, 'store.yaml'), 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: s\nspec:\n  type: secretstores.local.file\n  version: v1\n  metadata:\n    - name: secretsFile\n      value: secrets.json\n');
    const manifest = { components: comp, secrets: path.join(root, 'secrets.json') };
    expect(secretsFileFor({ dir: app }, manifest)).toBe(manifest.secrets);
    writeFileSync(path.join(app, 'secrets.json'), '{"secret":"mine"}');
    expect(secretsFileFor({ dir: app }, manifest)).toBe(path.join(app, 'secrets.json'));
    expect(secretsFileFor({ dir: app, secrets: '/x/own.json' }, manifest)).toBe('/x/own.json');
  });
  it('parity compares each sample with its own file, naming it', () => {
    const r = (id: string, secret: string, secretsFile: string): SampleResult => ({ id, language: 'go', variant: 'http', status: 'passed', durationMs: 1, attempts: 1, output: 'x\n', parsedSecret: { secret }, secretsFile });
    const p = checkParity([r('go/http', 'mine', 'go/http/secrets.json'), r('go/sdk', 'root', 'secrets.json'), r('py/sdk', 'root', 'py/secrets.json')],
      { secret: 'root' }, { 'go/http/secrets.json': { secret: 'mine' }, 'secrets.json': { secret: 'root' }, 'py/secrets.json': { secret: 'other' } });
    expect(p.problems).toEqual(['py/sdk: returned {"secret":"root"}, py/secrets.json holds {"secret":"other"}']);
  });
});
