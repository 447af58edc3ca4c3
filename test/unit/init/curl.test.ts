// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is the manifest's placeholder syntax, written as text
import { describe, expect, it } from 'vitest';
import { parseCurl, placePorts } from '../../../harness/init/curl.ts';
import { shellWords } from '../../../harness/docs/shell.ts';

const curl = (text: string) => parseCurl(shellWords(text));

describe('parseCurl', () => {
  it('reads the method, URL, headers and body', () => {
    expect(curl(`curl -X POST http://localhost:5111/start/abc -H "Content-Type: application/json" -d '{"a": 1}'`)).toEqual({
      ok: true, ignored: [],
      request: { method: 'POST', url: 'http://localhost:5111/start/abc', headers: { 'Content-Type': 'application/json' }, body: '{"a": 1}' },
    });
  });
  it('sends data as a form POST unless told otherwise, a bare GET otherwise, and says the output flags it drops', () => {
    expect(curl('curl -s -d x=1 localhost:3500/v1.0/state')).toEqual({
      ok: true, ignored: ['-s'], request: { method: 'POST', url: 'http://localhost:3500/v1.0/state', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'x=1' },
    });
    expect(curl('curl -i --request get http://127.0.0.1:8080/status')).toEqual({ ok: true, ignored: ['-i'], request: { method: 'GET', url: 'http://127.0.0.1:8080/status', headers: {} } });
    expect(curl(`curl --json '{"b":2}' http://localhost:1/x`)).toMatchObject({ ok: true, request: { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: '{"b":2}' } });
  });
  it('refuses what it cannot carry over, saying what', () => {
    expect(curl('curl -F f=@a.txt http://x/')).toEqual({ ok: false, why: 'curl flag -F is not understood' });
    expect(curl('curl -d @body.json http://x/')).toEqual({ ok: false, why: '-d @body.json reads a file: not carried over' });
    expect(curl('curl -H nocolon http://x/')).toEqual({ ok: false, why: 'header "nocolon" is not "Name: value"' });
    expect(curl('curl -X')).toEqual({ ok: false, why: '-X without a value' });
    expect(curl('curl -s')).toEqual({ ok: false, why: 'no URL' });
  });
});

describe('placePorts', () => {
  const chosen = new Map([[3500, 'daprHttpPort:order-processor']]);
  it('puts the placeholder of a port the harness chooses, and keeps any other', () => {
    expect(placePorts('http://localhost:3500/v1.0/workflows/dapr/x/start', chosen)).toEqual({
      url: 'http://localhost:${daprHttpPort:order-processor}/v1.0/workflows/dapr/x/start', placeholder: '${daprHttpPort:order-processor}',
    });
    expect(placePorts('http://127.0.0.1:3500', chosen).url).toBe('http://127.0.0.1:${daprHttpPort:order-processor}');
    expect(placePorts('http://localhost:8080/x', chosen)).toEqual({ url: 'http://localhost:8080/x' });
    expect(placePorts('http://example.com:3500/x', chosen)).toEqual({ url: 'http://example.com:3500/x' });
  });
});
