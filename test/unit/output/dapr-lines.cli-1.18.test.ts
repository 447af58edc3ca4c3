// The real output of dapr CLI 1.18.0 with daprd 1.18.2 (test/fixtures/dapr-output/cli-1.18.0/,
// see its README), through the splitter and the failure classification, case by case.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeLines } from '../../../harness/output/normalize.ts';
import { shapeForCli, splitDaprOutput, type SplitOutput } from '../../../harness/output/split.ts';
import { daprdExitSeen } from '../../../harness/output/dapr-lines.ts';
import { daprdFatal, infraCause } from '../../../harness/run/infra.ts';

const dir = path.join(import.meta.dirname, '..', '..', 'fixtures', 'dapr-output', 'cli-1.18.0');

interface Recorded { stdout: string; stderr: string; exitCode: number; split: SplitOutput }

/** One recorded case, split the way the runner splits a run (stdout, then stderr). */
function recorded(name: string): Recorded {
  const read = (ext: string) => readFileSync(path.join(dir, `${name}.${ext}`), 'utf8');
  const stdout = read('stdout');
  const stderr = read('stderr');
  const exitCode = Number(/^exit (\d+)$/m.exec(read('exit'))![1]);
  return { stdout, stderr, exitCode, split: splitDaprOutput(`${stdout}\n${stderr}`, shapeForCli('1.18.0')) };
}

const facts = (r: Recorded) => ({ exitCode: r.exitCode, timedOut: false });

describe('recorded CLI 1.18 output: successful single-app runs', () => {
  it.each([
    ['python-sdk', "Fetched Secret: {'secret': 'YourPasskeyHere'}"],
    ['go-http', 'Fetched Secret: {"secret":"YourPasskeyHere"}'],
  ])('%s: the bare app line is the app\'s, daprd\'s logfmt and the CLI\'s status lines are not', (name, line) => {
    const r = recorded(name);
    expect(r.exitCode).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.split.shape).toBe('unprefixed');
    expect(r.split.app.filter((l) => l !== '')).toEqual([line]);
    expect(normalizeLines(r.split.app)).toBe(`${line}\n`);
    expect(r.split.daprd.length).toBe(55);
    expect(r.split.daprd.every((l) => /^time="[^"]+" level=\w+ msg=".*" app_id=order-processor /.test(l))).toBe(true);
    expect(r.split.cli[0]).toBe('ℹ️  Starting Dapr with id order-processor. HTTP Port: 3500. gRPC Port: 50001');
    expect(r.split.cli).toContain("✅  You're up and running! Both Dapr and your app logs will appear here.");
    expect(r.split.cli).toContain('terminated signal received: shutting down');
    expect(r.split.cli.filter((l) => l === '✅  Exited App successfully')).toHaveLength(2);
    expect(r.split.other).toEqual([]);
    expect(infraCause(facts(r), r.split)).toBeUndefined();
    expect(daprdFatal(r.split)).toBeUndefined();
    expect(daprdExitSeen(r.stdout + r.stderr)).toBe(false);
  });
});

describe('recorded CLI 1.18 output: failures', () => {
  it('failing-app: app stdout and stderr both reach the app side; exit 1; not infrastructure, no daprd cause', () => {
    const r = recorded('failing-app');
    expect(r.exitCode).toBe(1);
    expect(r.split.app.filter((l) => l !== '')).toEqual(['to stdout', 'to stderr']);
    expect(r.split.cli).toContain('❌  The App process exited with error code: 3');
    expect(r.split.cli).toContain('❌  Error exiting App: app exited with status 3');
    expect(r.split.cli).toContain('✅  Exited Dapr successfully');
    expect(infraCause(facts(r), r.split)).toBeUndefined();
    expect(daprdFatal(r.split)).toBeUndefined();
    expect(daprdExitSeen(r.stdout + r.stderr)).toBe(false);
  });

  it('daprd-fatal: daprd\'s fatal line is the cause, and the "not listening" warnings after it are not infrastructure', () => {
    const r = recorded('daprd-fatal');
    expect(r.exitCode).toBe(1);
    expect(daprdFatal(r.split)).toBe('Fatal error from runtime: error loading configuration: stat /home/user/.dapr/config.yaml: no such file or directory');
    expect(r.split.cli).toContain('⚠  Dapr sidecar is not listening on HTTP port: dial tcp 127.0.0.1:3500: connect: connection refused');
    expect(infraCause(facts(r), r.split)).toBeUndefined();
    // The app still ran (the CLI started it although its sidecar was dead).
    expect(r.split.app.filter((l) => l !== '')).toEqual(['to stdout', 'to stderr']);
    expect(r.split.cli).toContain('❌  The daprd process exited with error code: exit status 1');
    expect(daprdExitSeen(r.stderr)).toBe(true);
    expect(daprdExitSeen(r.stdout)).toBe(true); // daprd's own fatal line, on the CLI's stdout
  });

  it('daprd-fatal-component: the component error is the cause; the CLI that then waits on is caught by the daprd-exit watch', () => {
    const r = recorded('daprd-fatal-component');
    expect(r.exitCode).toBe(124); // ended by `timeout`: this CLI did not exit by itself
    expect(daprdFatal(r.split)).toMatch(/^Fatal error from runtime: process component localsecretstore error: .*open \.\.\/\.\.\/\.\.\/secrets\.json: no such file or directory$/);
    expect(r.split.daprd.filter((l) => l.includes('level=error'))).toHaveLength(1);
    expect(infraCause({ exitCode: 1, timedOut: false }, r.split)).toBeUndefined();
    // Both the CLI's report (stderr) and daprd's fatal line (stdout) start the watch.
    expect(daprdExitSeen(r.stderr)).toBe(true);
    expect(daprdExitSeen(r.stdout)).toBe(true);
  });

  it('the watch matches the CLI 1.16 recording too, and never an app line that merely mentions it', () => {
    const old = readFileSync(path.join(dir, '..', 'cli-1.16.5-daprd-component-error.all.txt'), 'utf8');
    expect(daprdExitSeen(old)).toBe(true);
    expect(daprdExitSeen('== APP == The daprd process exited with error code: 1\n')).toBe(false);
    expect(daprdExitSeen('my log: level=fatal msg="x"\n')).toBe(false);
    expect(daprdExitSeen('{"level":"fatal","msg":"m","scope":"dapr.runtime","time":"t"}\n')).toBe(true); // --log-as-json
    expect(daprdExitSeen('{"level":"fatal","msg":"an app\'s own JSON log"}\n')).toBe(false);
  });
});

describe('recorded CLI 1.18 output: multi-app run', () => {
  it('app lines by app id; the CLI\'s emoji-less exit and shutdown lines are the CLI\'s, not stray output', () => {
    const r = recorded('multi-app');
    expect(r.exitCode).toBe(124);
    const split = splitDaprOutput(`${r.stdout}\n${r.stderr}`); // a run file: the shape is detected
    expect(split.shape).toBe('multi-app');
    expect(Object.keys(split.appById)).toEqual(['go-http', 'python-http']);
    expect(split.appById['go-http']![0]).toMatch(/^could not reach the Dapr sidecar at http:\/\/localhost:38621\//);
    expect(split.appById['python-http']).toEqual(["Failed to get secret 'secret' from 'localsecretstore': <urlopen error [Errno 111] Connection refused>"]);
    expect(split.daprd).toEqual([]); // daprd logs went to files
    expect(split.cli.filter((l) => l === 'The App process exited with error code: exit status 1')).toHaveLength(2);
    expect(split.cli.filter((l) => l === 'termination signal received: shutting down')).toHaveLength(2);
    expect(split.cli.filter((l) => l === 'Error exiting App: exit status 1')).toHaveLength(2);
    expect(split.other.filter((l) => l !== '')).toEqual([]);
  });
});
