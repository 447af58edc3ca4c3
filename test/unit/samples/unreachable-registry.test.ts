// The install outputs here were recorded from the real installers on this project's samples, with
// the registry pointed at a closed loopback port (refused), at a name that does not resolve
// (no-dns), or left reachable with a version or package that does not exist (missing).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { unreachableCell, unreachableReason, unreachableRegistry } from '../../../harness/samples/unreachable-registry.ts';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/install-output');
const recorded = (name: string) => readFileSync(path.join(FIXTURES, `${name}.log`), 'utf8');

describe('unreachableRegistry: the registry could not be reached at all', () => {
  it.each([
    ['pip-refused', 'the Python package index (PyPI, or PIP_INDEX_URL)', "after connection broken by 'NewConnectionError"],
    ['pip-no-dns', 'the Python package index (PyPI, or PIP_INDEX_URL)', 'Name or service not known'],
    ['maven-refused', 'the Maven repository http://127.0.0.1:9/maven2', 'Could not transfer artifact org.apache.maven.plugins:maven-resources-plugin:pom:2.6'],
    ['npm-refused', 'the npm registry http://127.0.0.1:9', 'request to http://127.0.0.1:9/yargs-parser failed'],
    ['npm-no-dns', 'the npm registry http://registry.invalid', 'getaddrinfo ENOTFOUND'],
    ['go-refused', 'the Go module proxy http://127.0.0.1:9', 'connect: connection refused'],
    ['go-no-dns', 'the Go module proxy http://proxy.invalid', 'no such host'],
  ])('%s → %s', (name, registry, shown) => {
    const found = unreachableRegistry(recorded(name));
    expect(found?.registry).toBe(registry);
    expect(found?.evidence).toContain(shown);
    expect(found?.evidence.length).toBeLessThanOrEqual(200);
  });
});

describe('unreachableRegistry: the registry answered, so the failure is the sample\'s', () => {
  it.each(['pip-missing-version', 'maven-missing-version', 'npm-missing-package', 'go-missing-version'])('%s', (name) => {
    expect(unreachableRegistry(recorded(name))).toBeUndefined();
  });

  it.each([
    ['a compile error', 'main.go:3:1: syntax error: non-declaration statement outside function body'],
    ['a refused connection that no installer reported', 'dial tcp 127.0.0.1:9: connect: connection refused'],
    ['a request line without a connection failure', 'npm error request to https://registry.npmjs.org/x failed, reason: certificate has expired'],
    ['a Maven 403', 'Could not transfer artifact a:b:pom:1 from/to central (https://repo.maven.apache.org/maven2): status code: 403, reason phrase: Forbidden'],
    ['a Go proxy 404', 'x@v1.0.0: reading https://proxy.golang.org/x/@v/v1.0.0.zip: 404 Not Found'],
    ['nothing', ''],
  ])('%s', (_what, output) => {
    expect(unreachableRegistry(output)).toBeUndefined();
  });
});

describe('unreachableRegistry: where it reads', () => {
  it('finds the cause up to three lines below the request line, and no further', () => {
    const at = (gap: number) => ['npm error request to https://r.example/x failed, reason:', ...Array(gap).fill('npm error'), 'npm error connect ECONNREFUSED 127.0.0.1:443'].join('\n');
    expect(unreachableRegistry(at(2))?.registry).toBe('the npm registry https://r.example');
    expect(unreachableRegistry(at(3))).toBeUndefined();
  });

  it('reads CRLF output, and names a NuGet feed with its URL', () => {
    const out = 'error : Unable to load the service index for source https://api.nuget.org/v3/index.json.\r\nerror :   Connection refused (api.nuget.org:443)\r\n';
    expect(unreachableRegistry(out)).toEqual({
      registry: 'the NuGet feed https://api.nuget.org/v3/index.json',
      evidence: 'Unable to load the service index for source https://api.nuget.org/v3/index.json.',
    });
  });

  it('names the registry without an address when the URL does not parse', () => {
    expect(unreachableRegistry('Get "http://[bad": dial tcp: lookup x: no such host')?.registry).toBe('the Go module proxy');
  });

  it('shortens a long line to 200 characters, ending in an ellipsis', () => {
    const line = `Get "https://proxy.example/${'a'.repeat(300)}": dial tcp: i/o timeout`;
    const found = unreachableRegistry(line)!;
    expect(found.evidence).toHaveLength(200);
    expect(found.evidence.endsWith('…')).toBe(true);
    expect(found.evidence.startsWith('Get "https://proxy.example/aaa')).toBe(true);
  });

  it('keeps a 200-character line whole', () => {
    const head = 'Get "https://p.example/';
    const tail = '": dial tcp: i/o timeout';
    const line = head + 'a'.repeat(200 - head.length - tail.length) + tail;
    expect(unreachableRegistry(line)!.evidence).toBe(line);
  });

  it('gives a reason that names the registry and the evidence', () => {
    expect(unreachableReason({ registry: 'the npm registry https://r.example', evidence: 'connect ECONNREFUSED' }))
      .toBe('its install needs the npm registry https://r.example, which cannot be reached from this machine (connect ECONNREFUSED)');
  });
});

describe('unreachableRegistry: each signature\'s edges', () => {
  it('takes Java\'s UnknownHostException as no DNS', () => {
    const out = 'Could not transfer artifact a:b:pom:1 from/to central (https://repo.example/maven2): java.net.UnknownHostException: repo.example';
    expect(unreachableRegistry(out)?.registry).toBe('the Maven repository https://repo.example/maven2');
  });
  it('names an npm registry without an address when its URL does not parse', () => {
    expect(unreachableRegistry('npm error request to http://[bad failed, reason: connect ECONNREFUSED')?.registry).toBe('the npm registry');
  });
  it('reads a NuGet source over http, with or without the closing full stop', () => {
    const out = 'error : Unable to load the service index for source http://127.0.0.1:9/v3/index.json\nerror :   Connection refused (127.0.0.1:9)';
    expect(unreachableRegistry(out)).toEqual({ registry: 'the NuGet feed http://127.0.0.1:9/v3/index.json', evidence: 'Unable to load the service index for source http://127.0.0.1:9/v3/index.json' });
  });
  it('reads a cause split over two lines as one sentence', () => {
    expect(unreachableRegistry('npm error request to https://r.example/x failed, reason: no route\nto host')?.registry).toBe('the npm registry https://r.example');
  });
  it('drops white space after the evidence', () => {
    expect(unreachableRegistry('npm error request to https://r.example/x failed, reason: connect ECONNREFUSED 1.2.3.4:443   ')?.evidence)
      .toBe('request to https://r.example/x failed, reason: connect ECONNREFUSED 1.2.3.4:443');
  });
});

describe('unreachableCell', () => {
  it('shortens a skip reason to "<registry> unreachable", --strict or not', () => {
    const reason = unreachableReason({ registry: 'the npm registry https://r.example', evidence: 'x' });
    expect(unreachableCell(reason)).toBe('the npm registry https://r.example unreachable');
    expect(unreachableCell(`--strict: ${reason}`)).toBe('the npm registry https://r.example unreachable');
  });
  it('is undefined for any other reason, even one that quotes such a reason', () => {
    expect(unreachableCell('no go toolchain')).toBeUndefined();
    expect(unreachableCell(`because ${unreachableReason({ registry: 'r', evidence: 'x' })}`)).toBeUndefined();
  });
});
