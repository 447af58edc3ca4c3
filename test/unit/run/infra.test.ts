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

describe('infraCause, its one-line cause', () => {
  const failed = { exitCode: 1, timedOut: false };
  it('names daprd\'s fatal message for a port clash, cut at 160 characters', () => {
    const s = run(['time="t" level=fatal msg="listen tcp 127.0.0.1:3500: bind: address already in use" scope=dapr.runtime']);
    expect(infraCause(failed, s)).toBe('a port was taken between pick and bind (listen tcp 127.0.0.1:3500: bind: address already in use)');
    const long = run([`time="t" level=fatal msg="could not listen on any endpoint ${'x'.repeat(200)}" scope=s`]);
    expect(infraCause(failed, long)).toBe(`a port was taken between pick and bind (could not listen on any endpoint ${'x'.repeat(160 - 33)})`);
  });
  it('finds the clash on any daprd line, not only the fatal one', () => {
    const s = run(['time="t" level=info msg="listen tcp 127.0.0.1:1: bind: address already in use" scope=x', 'time="t" level=info msg="ok" scope=x']);
    expect(infraCause(failed, s)).toBe('a port was taken between pick and bind (address already in use)');
  });
  it('quotes the CLI\'s port line without its icon when daprd said nothing', () => {
    expect(infraCause(failed, run(['⚠\uFE0F  Port 3500 is not available']))).toBe('a port was taken between pick and bind (Port 3500 is not available)');
    expect(infraCause(failed, run(['ℹ️  Starting Dapr', '❌  Port 50001 is not available']))).toBe('a port was taken between pick and bind (Port 50001 is not available)');
  });
  it('quotes the CLI\'s not-ready line without its icon', () => {
    expect(infraCause(failed, run(['⚠\uFE0F  Dapr sidecar might not be responding']))).toBe('sidecar not ready in time (Dapr sidecar might not be responding)');
  });
});

describe('daprdFatal', () => {
  it('is the last error line\'s message, past later lines that are not errors', () => {
    expect(daprdFatal(run(['time="t" level=error msg="the cause" scope=s', 'time="t" level=info msg="shutting down" scope=s']))).toBe('the cause');
    expect(daprdFatal(run(['time="t" level=info msg="fine" scope=s']))).toBeUndefined();
  });
});

describe('exitReason, the app\'s last line and the CLI\'s error', () => {
  it('drops only a line that is `exit status N` as a whole, trailing white space aside', () => {
    expect(exitReason(1, run(['== APP == real', '== APP == exit status 12  ']))).toBe('dapr run exited 1; the app printed: real');
    expect(exitReason(1, run(['== APP == go: exit status 2']))).toBe('dapr run exited 1; the app printed: go: exit status 2');
    expect(exitReason(1, run(['== APP == exit status 2 (after retry)']))).toBe('dapr run exited 1; the app printed: exit status 2 (after retry)');
  });
  it('quotes the CLI\'s first ❌ line without its icon, past its other lines', () => {
    expect(exitReason(1, run(['ℹ️  Starting Dapr with id x', '❌  fork/exec /x/daprd: permission denied', '❌  second']))).toBe('dapr run exited 1; the dapr CLI said: fork/exec /x/daprd: permission denied');
  });
});
