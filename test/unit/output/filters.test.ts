// Line filters, the stability check behind --update, and which secrets file a sample reads.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { stabilityVerdict } from '../../../harness/golden/stability.ts';
import { DEFAULT_FILTERS, FilterError, filterLines, sampleFilters } from '../../../harness/output/filters.ts';
import { checkParity } from '../../../harness/parity/check.ts';
import { localSecretsFiles, secretsFileFor } from '../../../harness/parity/secrets-file.ts';
import type { SampleResult } from '../../../harness/model.ts';

cleanTempDirsAfterAll();

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
    ['nuget-warning', '/src/order-processor/Program.csproj : warning NU1603: Program depends on X (>= 1.0.0) but X 1.0.0 was not found.', 'Program.csproj said: warning NU1603'],
    ['http-access-log', '127.0.0.1 - - [04/Sep/2023 11:15:19] "POST /orders HTTP/1.1" 200 -', '127.0.0.1 said "POST /orders HTTP/1.1" 200'],
    ['spring-boot-log', '2026-12-07T18:35:59.520Z  INFO 27863 --- [           main] o.s.b.w.embedded.tomcat.TomcatWebServer  : Tomcat initialized with port 6001 (http)', '2026-12-07T18:38:35.123Z  INFO 29655 --- [nio-8080-exec-5] c.s.c.OrderProcessingServiceController   : Subscriber received: 1'],
    ['jvm-options', 'Picked up JAVA_TOOL_OPTIONS: -Xmx1g', 'Picked up the secret'],
    ['go-sdk-subscription-end', 'dapr configuration subscribe finished.', 'dapr configuration subscribe finished: orderId1'],
    ['dev-server-banner', " * Serving Flask app 'app'", 'Serving Flask app orders'],
    ['python-warning', '/s/app.py:29: UserWarning: The Encrypt API is an Alpha version and is subject to change.', 'app.py: Warning: mine'],
    ['durabletask-go-log', 'INFO: 2026/12/07 20:40:00 starting background processor', 'INFO: the app said 2026/12/07'],
  ];
  for (const [name, chatter, app] of cases) {
    it(`${name} drops "${chatter}" and keeps "${app}"`, () => {
      expect(drop([chatter, app, 'Fetched Secret: x'])).toEqual({ kept: [app, 'Fetched Secret: x'], dropped: { [name]: 1 } });
    });
  }
  // A filter added without an example here fails this, rather than going untested.
  it('every default filter has a drop/keep example above or a test of its own', () => {
    const ownTests = ['npm-lifecycle-command', 'python-warning-source', 'java-util-logging', 'java-util-logging-record'];
    const covered = new Set([...cases.map(([name]) => name), ...ownTests]);
    expect(DEFAULT_FILTERS.map((f) => f.name).filter((n) => !covered.has(n))).toEqual([]);
  });
  it('java.util.logging\'s records go whole, their stack traces too, and nothing after them', () => {
    const record = ['Jan 02, 2026 9:01:02 PM com.example.Worker run', 'SEVERE: a channel was left open', '    Close it', 'java.lang.RuntimeException: opened here', '\tat com.example.Worker.run(Worker.java:1)', ''];
    expect(drop(['Started', ...record, 'Jan 02, 2026 9:01:03 PM com.example.Worker run', 'INFO: work item', 'there are 3 left', '    indented by the app']))
      .toEqual({ kept: ['Started', 'there are 3 left', '    indented by the app'], dropped: { 'java-util-logging': 2, 'java-util-logging-record': 6 } });
    // A level's line alone is the app's.
    expect(drop(['INFO: mine'])).toEqual({ kept: ['INFO: mine'], dropped: {} });
  });
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

describe('default line filters: where each one stops', () => {
  // Toolchain chatter begins a line: the same words later in an app's line are the app's.
  it.each([
    'app: go: downloading github.com/dapr/go-sdk v1.15.0',
    'x > order-processor@1.0.0 start',
    '> order-processor@1.0.0 start now',
    'the npm notice said hello',
    'a [notice] from the app',
    'app: Downloading from central: https://repo.maven.apache.org/x.pom',
    'the app: Build succeeded.',
    'the JVM Picked up JAVA_TOOL_OPTIONS: -Xmx1g',
    'app: 127.0.0.1 - - [04/Sep/2023 11:15:19] "GET / HTTP/1.1" 200 -',
    '127.0.0.1 - - [04/Sep/2023 11:15:19] "FETCH / HTTP/1.1" 200 -',
    '10.0.0.1 - - [04/Sep/2023 11:15:19] "GET / HTTP/1.1" 200 -',
  ])('keeps "%s"', (line) => {
    expect(drop([line])).toEqual({ kept: [line], dropped: {} });
  });
  it.each([
    ['dotnet-build', '  Restored /src/order-processor/order-processor.csproj (in 212 ms).'],
    ['dotnet-build', '    12 Warning(s)'],
    ['dotnet-build', '    0 Error(s)'],
    ['dotnet-build', 'Time Elapsed 00:00:01.52'],
    ['dotnet-build', 'Build succeeded.'],
    ['dotnet-build', '  All projects are up-to-date for restore.'],
    ['go-download', 'go: finding module for package github.com/dapr/go-sdk/client'],
    ['go-download', 'go: extracting github.com/dapr/go-sdk v1.15.0'],
    ['maven-transfer', '[INFO] Downloaded from central: https://repo.maven.apache.org/x.jar (12 kB at 40 kB/s)'],
    ['npm-notice', 'npm WARN deprecated x@1.0.0'],
    ['jvm-options', 'Picked up _JAVA_OPTIONS: -Xmx1g'],
    ['dev-server-banner', ' * Debug mode: off'],
    ['dev-server-banner', 'WARNING: This is a development server. Do not use it in a production deployment. Use a production WSGI server instead.'],
    ['dev-server-banner', ' * Running on http://127.0.0.1:[PORT]'],
    ['dev-server-banner', 'Press CTRL+C to quit'],
    ['spring-boot-log', '2026-12-07T18:35:59+01:00 WARN 1 --- [nio-6001-exec-1] o.a.c.c.C.[Tomcat].[localhost].[/] : slow'],
    ['spring-boot-log', '2026-12-07T18:35:59.949Z  INFO 27863 --- [           main] c.s.OrderProcessingServiceApplication    : Started OrderProcessingServiceApplication in 1.763 seconds (process running for 2.455)'],
    ['spring-boot-log', '2026-12-07T18:35:58.631Z  INFO 27863 --- [           main] c.s.OrderProcessingServiceApplication    : Starting OrderProcessingServiceApplication v0.0.1-SNAPSHOT using Java 17.0.15 with PID 27863 (/x.jar started by root in /x)'],
    ['http-access-log', 'INFO:     127.0.0.1:52122 - "POST /orders HTTP/1.1" 200 OK'],
    ['python-warning', '/tmp/x/crypto-quickstart/app.py:80: DeprecationWarning: old'],
    ['http-access-log', '127.0.0.1 - - [TIMESTAMP] "GET /dapr/config HTTP/1.1" 404 -'],
  ])('%s drops "%s"', (name, line) => {
    expect(drop([line, 'Fetched Secret: x'])).toEqual({ kept: ['Fetched Secret: x'], dropped: { [name]: 1 } });
  });
  it('drops lines one after the other, and counts them', () => {
    expect(drop(['go: downloading a v1', 'go: downloading b v2', 'npm notice x', 'Fetched Secret: x']))
      .toEqual({ kept: ['Fetched Secret: x'], dropped: { 'go-download': 2, 'npm-notice': 1 } });
  });
  it('the command-line filter needs its banner right above it, not just any dropped line', () => {
    expect(drop(['> order-processor@1.0.0 start', 'see > this'])).toEqual({ kept: ['see > this'], dropped: { 'npm-lifecycle': 1 } });
    expect(drop(['npm notice x', '> node index.js'])).toEqual({ kept: ['> node index.js'], dropped: { 'npm-notice': 1 } });
  });
});

describe('sampleFilters', () => {
  const names = DEFAULT_FILTERS.map((f) => f.name);
  it('with nothing asked: the defaults, and nothing else', () => {
    expect(sampleFilters({}).map((f) => f.name)).toEqual(names);
    expect(sampleFilters({ ignore: [], keep: [] }).map((f) => f.name)).toEqual(names);
  });
  it('turns off exactly the defaults named, and appends the sample\'s own after them', () => {
    expect(sampleFilters({ keep: ['go-download', 'jvm-options'], ignore: ['^a', '^b'] }).map((f) => f.name))
      .toEqual([...names.filter((n) => n !== 'go-download' && n !== 'jvm-options'), 'ignore[0]', 'ignore[1]']);
  });
  it('an unknown name is a FilterError listing the known ones', () => {
    let err: unknown;
    try { sampleFilters({ keep: ['go-download', 'nope'] }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(FilterError);
    expect((err as Error).name).toBe('FilterError');
    expect((err as Error).message).toBe(`"nope" is not a line filter (known: ${[...new Set(names)].join(', ')})`);
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
    const root = tempDir('parity-secrets-');
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
    const r = (id: string, secret: string, secretsFile: string): SampleResult => ({ id, language: 'go', variant: 'http', status: 'passed', durationMs: 1, attempts: 1, output: 'x\n', filtered: {}, retries: [], parsedSecret: { secret }, secretsFile });
    const p = checkParity([r('go/http', 'mine', 'go/http/secrets.json'), r('go/sdk', 'root', 'secrets.json'), r('py/sdk', 'root', 'py/secrets.json')],
      { secret: 'root' }, { 'go/http/secrets.json': { secret: 'mine' }, 'secrets.json': { secret: 'root' }, 'py/secrets.json': { secret: 'other' } });
    expect(p.problems).toEqual(['py/sdk: returned {"secret":"root"}, py/secrets.json holds {"secret":"other"}']);
  });
});

describe('python-warning-source', () => {
  it('drops the indented source line only under a warning', () => {
    expect(filterLines(['/a/app.py:29: UserWarning: Alpha', '  resp = dapr.encrypt(', 'Encrypted', '  indented app line'], DEFAULT_FILTERS))
      .toEqual({ kept: ['Encrypted', '  indented app line'], dropped: { 'python-warning': 1, 'python-warning-source': 1 } });
  });
});
