import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCliLine, isDaprdLine } from '../../../harness/output/dapr-lines.ts';
import { shapeForCli, splitDaprOutput } from '../../../harness/output/split.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, '..', '..', 'fixtures', 'dapr-output', name), 'utf8');

describe('splitDaprOutput on recorded CLI 1.16.5 output', () => {
  it('keeps only the == APP == lines of a prefixed single-app run as app output', () => {
    const s = splitDaprOutput(fixture('cli-1.16.5-python-sdk.all.txt'), 'prefixed');
    expect(s.shape).toBe('prefixed');
    expect(s.app).toEqual(["Fetched Secret: {'secret': 'YourPasskeyHere'}"]);
    expect(s.cli).toContain("✅  You're up and running! Both Dapr and your app logs will appear here.");
    expect(s.cli).toContain('✅  Exited Dapr successfully');
    expect(s.cli).toContain('terminated signal received: shutting down');
    expect(s.daprd.length).toBeGreaterThan(40);
    expect(s.daprd.every((l) => l.startsWith('time="'))).toBe(true);
    expect(s.other).toEqual(['']); // the blank line the CLI prints after "You're up and running!"
  });

  it('detects the prefixed shape without a version hint', () => {
    expect(splitDaprOutput(fixture('cli-1.16.5-javascript-sdk.all.txt')).app).toEqual(['Fetched Secret: {"secret":"YourPasskeyHere"}']);
  });

  it('tells JSON CLI status lines from JSON daprd lines (--log-as-json)', () => {
    const s = splitDaprOutput(fixture('cli-1.16.5-log-as-json.stdout.txt'), 'prefixed');
    expect(s.app).toEqual(['Fetched Secret: {"secret":"YourPasskeyHere"}']);
    expect(s.cli.some((l) => l.includes('"status":"success"'))).toBe(true);
    expect(s.daprd.every((l) => l.includes('"scope":"dapr.'))).toBe(true);
    expect(s.other).toEqual([]);
  });

  it('splits a multi-app run by app id', () => {
    const s = splitDaprOutput(fixture('cli-1.16.5-multi-app.stdout.txt'));
    expect(s.shape).toBe('multi-app');
    expect(s.appById).toEqual({ 'order-processor': ['Fetched Secret: {"secret":"YourPasskeyHere"}', 'second line'] });
    expect(s.cli[0]).toBe('ℹ️  Validating config and starting app "order-processor"');
  });

  it('puts a dying daprd on the daprd side and the CLI report on the CLI side', () => {
    const s = splitDaprOutput(fixture('cli-1.16.5-daprd-component-error.all.txt'), 'prefixed');
    expect(s.app).toEqual(['hi']); // the app ran on after daprd died
    expect(s.daprd.some((l) => l.includes('level=error') && l.includes('secretstores.does.not.exist'))).toBe(true);
    expect(s.cli).toContain('❌  The daprd process exited with error code: exit status 1');
  });
});

// The recorded CLI 1.18 output is tested case by case in cli-1.18-output.test.ts.
describe('splitDaprOutput on the unprefixed (CLI ≥ 1.17) shape', () => {
  it('keeps app lines that look like nothing the CLI prints, in order, with blank lines', () => {
    const text = ['ℹ️  Starting Dapr with id a. HTTP Port: 1. gRPC Port: 2', 'first', '', 'time="x" level=info msg="m" scope=s', '  second  ', '✅  Exited App successfully'].join('\n');
    expect(splitDaprOutput(text, 'unprefixed').app).toEqual(['first', '', '  second  ']);
  });

  it('does not mistake app JSON for daprd JSON', () => {
    expect(splitDaprOutput('{"secret":"YourPasskeyHere"}\n', 'unprefixed').app).toEqual(['{"secret":"YourPasskeyHere"}']);
  });
});

describe('line classifiers', () => {
  it.each([
    ['time="2026-11-29T05:11:04Z" level=info msg="x" app_id=a', true],
    ['INFO[0000] Starting Dapr Runtime -- version 1.15.11  app_id=a', true],
    ['{"app_id":"a","level":"info","msg":"m","scope":"dapr.runtime","time":"t"}', true],
    ['Fetched Secret: x', false],
  ])('isDaprdLine(%j) is %s', (line, want) => expect(isDaprdLine(line)).toBe(want));

  it.each([
    ['ℹ️  Checking if Dapr sidecar is listening on HTTP port 1', true],
    ['⚠  Could not update sidecar metadata', true],
    ['❌  The App process exited with error code: exit status 1', true],
    ['Flag --components-path has been deprecated, use resources-path', true],
    ['✅ no two spaces but still a status line', true],
    ['Fetched Secret: {"secret":"YourPasskeyHere"}', false],
  ])('isCliLine(%j) is %s', (line, want) => expect(isCliLine(line)).toBe(want));

  it('maps CLI versions to their single-app shape', () => {
    expect(shapeForCli('1.16.5')).toBe('prefixed');
    expect(shapeForCli('1.17.0')).toBe('unprefixed');
    expect(shapeForCli('v1.18.0')).toBe('unprefixed');
    expect(shapeForCli('2.0.0')).toBe('unprefixed');
    expect(shapeForCli('edge')).toBeUndefined();
  });
});
