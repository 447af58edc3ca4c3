// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is the manifest's placeholder syntax, written as text
import { describe, expect, it } from 'vitest';
import { cliResponseBody, daprTargetApp, jsonField, pollDecision, portsToAwait, statusOk, substitute } from '../../../harness/scenario/http-values.ts';

describe('substitute', () => {
  it('fills in named values and ports, and lists the names with none', () => {
    expect(substitute('http://localhost:${daprHttpPort:order-processor}/x/${instanceId}?q=${nope}', { 'daprHttpPort:order-processor': '4123', instanceId: 'abc' }))
      .toEqual({ text: 'http://localhost:4123/x/abc?q=${nope}', missing: ['nope'] });
    expect(substitute('$HOME and ${} stay', {})).toEqual({ text: '$HOME and ${} stay', missing: [] });
  });
});

describe('jsonField', () => {
  it('reads a dotted path, strings as they are and anything else as JSON', () => {
    expect(jsonField('{"instanceID":"a1"}', 'instanceID')).toEqual({ ok: true, value: 'a1' });
    expect(jsonField('{"p":{"items":[{"n":3}]}}', 'p.items.0.n')).toEqual({ ok: true, value: '3' });
    expect(jsonField('{"p":{"q":null}}', 'p.q')).toEqual({ ok: true, value: 'null' });
  });
  it('says why there is no value', () => {
    expect(jsonField('{"a":1}', 'b')).toEqual({ ok: false, why: 'the response has no field b: {"a":1}' });
    expect(jsonField('{"a":null}', 'a.b')).toMatchObject({ ok: false });
    expect(jsonField('Not found', 'a')).toEqual({ ok: false, why: 'the response is not JSON: Not found' });
  });
});

describe('pollDecision', () => {
  const until = { field: 'runtimeStatus', equals: 'COMPLETED' };
  const at = (elapsedMs: number) => ({ elapsedMs, capMs: 10_000 });
  it('is done when the field matches on an accepted status', () => {
    expect(pollDecision({ status: 200, body: '{"runtimeStatus":"COMPLETED"}' }, until, at(0))).toEqual({ kind: 'done' });
  });
  it('goes again while it does not, and gives up at the cap with what it last saw', () => {
    expect(pollDecision({ status: 200, body: '{"runtimeStatus":"RUNNING"}' }, until, at(9_999))).toEqual({ kind: 'again', saw: 'runtimeStatus = RUNNING' });
    expect(pollDecision({ status: 200, body: '{"runtimeStatus":"RUNNING"}' }, until, at(10_000))).toEqual({ kind: 'give-up', saw: 'runtimeStatus = RUNNING' });
    expect(pollDecision({ status: 404, body: 'no such instance' }, until, at(1))).toEqual({ kind: 'again', saw: 'HTTP 404: no such instance' });
    expect(pollDecision({ body: '', error: 'ECONNREFUSED' }, until, at(20_000))).toEqual({ kind: 'give-up', saw: 'ECONNREFUSED' });
    // A status the step names is the only one accepted.
    expect(pollDecision({ status: 200, body: '{"runtimeStatus":"COMPLETED"}' }, until, { ...at(1), status: 202 })).toMatchObject({ kind: 'again' });
  });
  it('accepts any 2xx unless the step names one', () => {
    expect([statusOk(204), statusOk(302), statusOk(undefined), statusOk(200, 201)]).toEqual([true, false, false, false]);
  });
});

describe('cliResponseBody', () => {
  it('keeps what the app answered and drops the CLI\'s own lines', () => {
    expect(cliResponseBody('{"id":"x1"}\n✅  App invoked successfully\n')).toBe('{"id":"x1"}');
  });
});

describe('portsToAwait', () => {
  const values = { 'daprHttpPort:poller': '4100', 'appPort:poller': '7001', 'daprHttpPort:caller': '4200', 'appPort:other': '7002' };
  it('waits for the URL\'s port and the app behind a sidecar: the sidecar\'s own app, or the one invoked', () => {
    expect(portsToAwait({ kind: 'http', url: 'http://localhost:4100/v1.0/state/s' }, values)).toEqual([{ host: '127.0.0.1', port: 4100 }, { host: '127.0.0.1', port: 7001 }]);
    expect(portsToAwait({ kind: 'http', url: 'http://localhost:4200/v1.0/invoke/other/method/x' }, values)).toEqual([{ host: '127.0.0.1', port: 4200 }, { host: '127.0.0.1', port: 7002 }]);
    expect(portsToAwait({ kind: 'http', url: 'http://127.0.0.1:7001/status' }, values)).toEqual([{ host: '127.0.0.1', port: 7001 }]);
    expect(portsToAwait({ kind: 'http', url: 'http://example.com/x' }, values)).toEqual([{ host: 'example.com', port: 80 }]);
  });
  it('waits for the sidecar and the app a dapr command addresses, when the scenario started it', () => {
    expect(portsToAwait({ kind: 'dapr', args: 'invoke --app-id poller --method end' }, values)).toEqual([{ host: '127.0.0.1', port: 4100 }, { host: '127.0.0.1', port: 7001 }]);
    expect(portsToAwait({ kind: 'dapr', args: 'publish --publish-app-id caller --pubsub p --topic t' }, values)).toEqual([{ host: '127.0.0.1', port: 4200 }]);
    expect(portsToAwait({ kind: 'dapr', args: 'invoke -a nobody --method x' }, values)).toEqual([]);
    expect(daprTargetApp('invoke --app-id=a1 --method m')).toBe('a1');
  });
});
