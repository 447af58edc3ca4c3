import { describe, expect, it } from 'vitest';
import { splitDaprOutput } from '../../../harness/output/split.ts';
import { daprdFatal, exitReason, infraCause } from '../../../harness/run/infra.ts';
import { splitCommand } from '../../../harness/run/app-argv.ts';
import { lostOutputCause } from '../../../harness/run/infra.ts';

const run = (lines: string[]) => splitDaprOutput(lines.join('\n'), 'prefixed');

describe('infraCause', () => {
  it('calls a port clash infrastructure', () => {
    const s = run(['time="t" level=fatal msg="Fatal error from runtime: failed to start HTTP server: could not listen on any endpoint" scope=dapr.runtime']);
    expect(infraCause({ exitCode: 1, timedOut: false }, s)).toMatch(/^a port was taken between pick and bind/);
  });
  it('calls a sidecar that never answered infrastructure', () => {
    const s = run(['⚠  Dapr sidecar is not listening on HTTP port: timeout']);
    expect(infraCause({ exitCode: 1, timedOut: false }, s)).toBe('sidecar not ready in time (Dapr sidecar is not listening on HTTP port: timeout)');
  });
  it('never calls a component error, an app error, a pass or a timeout infrastructure', () => {
    const comp = run(['time="t" level=error msg="Failed to init component localsecretstore (secretstores.x/v1)" scope=s']);
    expect(infraCause({ exitCode: 1, timedOut: false }, comp)).toBeUndefined();
    expect(infraCause({ exitCode: 1, timedOut: false }, run(['== APP == boom']))).toBeUndefined();
    expect(infraCause({ exitCode: 0, timedOut: false }, run(['⚠  Dapr sidecar is not listening on HTTP port']))).toBeUndefined();
    expect(infraCause({ exitCode: undefined, timedOut: true }, run(['⚠  Dapr sidecar is not listening on HTTP port']))).toBeUndefined();
  });
  it('extracts daprd\'s last error message, logfmt or JSON', () => {
    expect(daprdFatal(run(['time="t" level=error msg="first" scope=s', 'time="t" level=fatal msg="say \\"why\\"" scope=s']))).toBe('say "why"');
    expect(daprdFatal(run(['{"level":"fatal","msg":"json why","scope":"dapr.runtime","time":"t"}']))).toBe('json why');
  });
});

describe('splitCommand', () => {
  it('splits like a shell without running one', () => {
    expect(splitCommand('java -jar target/order-processor.jar')).toEqual(['java', '-jar', 'target/order-processor.jar']);
    expect(splitCommand(`sh -c 'sleep 1; echo "a b"'`)).toEqual(['sh', '-c', 'sleep 1; echo "a b"']);
  });
  it('refuses shell operators with what to do instead', () => {
    expect(() => splitCommand('npm ci && npm start')).toThrow(/wrap it as sh -c/);
  });
});

describe('lostOutputCause', () => {
  const golden = 'Fetched Secret: {"secret":"YourPasskeyHere"}\n';
  it('calls a strict prefix of the golden, under a prefixing CLI, the CLI\'s output race', () => {
    expect(lostOutputCause('prefixed', '', golden)).toMatch(/output race/);
    expect(lostOutputCause('prefixed', 'a\n', 'a\nb\n')).toMatch(/output race/);
  });
  it('never for a match, a different output, a missing golden or a newer CLI', () => {
    expect(lostOutputCause('prefixed', golden, golden)).toBeUndefined();
    expect(lostOutputCause('prefixed', 'Fetched Secret: other\n', golden)).toBeUndefined();
    expect(lostOutputCause('prefixed', '', undefined)).toBeUndefined();
    expect(lostOutputCause('unprefixed', '', golden)).toBeUndefined();
  });
});

describe('exitReason', () => {
  it('quotes the app\'s last line, skipping `go run`\'s own `exit status N` after it', () => {
    const s = run(['== APP == getting secret "secret" from "localsecretstore" failed: 401 Unauthorized invalid api token', '== APP == exit status 1']);
    expect(exitReason(1, s)).toBe('dapr run exited 1; the app printed: getting secret "secret" from "localsecretstore" failed: 401 Unauthorized invalid api token');
  });
  it('an app whose only line is `exit status 1` printed nothing of its own', () => {
    expect(exitReason(1, run(['== APP == exit status 1']))).toBe('dapr run exited 1; no output from the app');
  });
});
