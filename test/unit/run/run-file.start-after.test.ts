// A recorded start order in the harness's run file: the waiting app's command wrapped (sh, the
// harness's node waiting on the other sidecar's HTTP port, then the original argv exec'd). The
// wrapper is run for real here on its give-up path, against a port nothing listens on: its ready
// path needs a real sidecar, which test/e2e/start-after.test.ts gives it.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { GAVE_UP_MARK, harnessRunFile, RunFileError, waitThenExec } from '../../../harness/run/run-file.ts';
import { closedLoopbackPort } from '../../helpers/sockets.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

const ports = [{ http: 1001, grpc: 1002, internalGrpc: 1003, metrics: 1004 }, { http: 2001, grpc: 2002, internalGrpc: 2003, metrics: 2004 }];
const RUN_FILE = 'version: 1\napps:\n  - appID: server\n    appDirPath: ./server/\n    appPort: 9001\n    command: ["java", "-jar", "s.jar"]\n  - appID: job\n    appDirPath: ./job/\n    command: ["node", "index.js", "a b", "$HOME", "it\'s", "*"]\n';
const wait = { node: '/opt/node/bin/node', capSeconds: 60 };

describe('the harness run file of an app that starts after another', () => {
  it('wraps only the waiting app\'s command: sh, the node wait on the other sidecar\'s HTTP port, then the original argv unchanged', () => {
    const r = harnessRunFile(RUN_FILE, { runFileDir: '/t/s', ports, after: { job: ['server'] }, wait });
    const doc = YAML.parse(r.yaml);
    expect(doc.apps[0].command).toEqual(['java', '-jar', 's.jar']);
    const cmd: string[] = doc.apps[1].command;
    expect(cmd.slice(0, 4)).toEqual(['/bin/sh', '-c', '"$1" -e "$2" "$$" "$3" "$4" "$5"; shift 5; exec "$@"', 'parity-wait']);
    expect(cmd[4]).toBe('/opt/node/bin/node');
    expect(cmd[5]).toContain("'/v1.0/healthz'");
    expect(cmd[5]).toContain('r.status === 204');
    // The cap, the waiting app's id, the waited app with its sidecar's HTTP port (the one chosen for it), then the argv as the sample wrote it.
    expect(cmd.slice(6)).toEqual(['60', 'job', 'server=1001', 'node', 'index.js', 'a b', '$HOME', "it's", '*']);
    expect(r.apps[1]!.waitsFor).toEqual([{ appId: 'server', daprHttpPort: 1001 }]);
    expect(r.apps[0]!.waitsFor).toBeUndefined();
  });
  it('waits on the port the sample fixes for the other sidecar, and on several in the order named', () => {
    const text = 'version: 1\napps:\n  - appID: a\n    daprHTTPPort: 3601\n    command: ["a"]\n  - appID: b\n    command: ["b"]\n  - appID: c\n    command: ["c"]\n';
    const doc = YAML.parse(harnessRunFile(text, { runFileDir: '/t', ports: [...ports, { http: 3001, grpc: 3002, internalGrpc: 3003, metrics: 3004 }], after: { c: ['b', 'a'] }, wait }).yaml);
    expect(doc.apps[2].command.slice(6)).toEqual(['60', 'c', 'b=2001 a=3601', 'c']);
  });
  it('is unchanged without a start order', () => {
    expect(YAML.parse(harnessRunFile(RUN_FILE, { runFileDir: '/t/s', ports }).yaml).apps[1].command).toEqual(['node', 'index.js', 'a b', '$HOME', "it's", '*']);
  });
  it('refuses a wait on an app the file does not start, on the app itself, or on a sidecar whose port nobody knows', () => {
    expect(() => harnessRunFile(RUN_FILE, { runFileDir: '/t', ports, after: { job: ['other'] }, wait })).toThrow(/job is to wait for other, which is not another app of the file \(it has server, job\)/);
    expect(() => harnessRunFile(RUN_FILE, { runFileDir: '/t', ports, after: { job: ['job'] }, wait })).toThrow(RunFileError);
    expect(() => harnessRunFile(RUN_FILE, { runFileDir: '/t', ports, after: { other: ['server'] }, wait })).toThrow(/starts no app other/);
    expect(() => harnessRunFile(RUN_FILE, { runFileDir: '/t', ports: [], after: { job: ['server'] }, wait })).toThrow(/neither fixed nor chosen/);
  });

  it('run for real: past its cap it says it gave up and execs the app with every argument as written, in the pid the CLI holds', async () => {
    const closed = await closedLoopbackPort();
    const argv = ['/bin/sh', '-c', 'echo "pid=$$"; for a in "$@"; do printf "[%s]\\n" "$a"; done', 'app', 'a b', '$HOME', "it's", '"q"', '*', '', '--x=1;echo no'];
    const cmd = waitThenExec(argv, [{ appId: 'server', daprHttpPort: closed }], { node: process.execPath, capSeconds: 0.5, appId: 'job' });
    const child = spawn(cmd[0]!, cmd.slice(1), { cwd: tempDir('parity-start-after-') });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(out).toBe([
      `${GAVE_UP_MARK} 0.5 s for server's sidecar to be ready (GET /v1.0/healthz answering 204); starting job anyway`,
      `pid=${child.pid}`,
      '[a b]', '[$HOME]', "[it's]", '["q"]', '[*]', '[]', '[--x=1;echo no]', '',
    ].join('\n'));
  });
  it('run for real: the wait ends with its shell when the CLI kills the app\'s pid before it is ready, leaving no process behind', async () => {
    const closed = await closedLoopbackPort();
    const cmd = waitThenExec(['sleep', '30'], [{ appId: 'server', daprHttpPort: closed }], { node: process.execPath, capSeconds: 30, appId: 'job' });
    const child = spawn(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
    const childrenOf = (pid: number) => readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    let waiter: number | undefined;
    // As soon as the shell has started it: before node runs a line of the wait, the hardest moment to be killed.
    for (let i = 0; i < 500 && !waiter; i++) {
      await new Promise((r) => setTimeout(r, 10));
      waiter = childrenOf(child.pid!)[0];
    }
    expect(waiter).toBeGreaterThan(0);
    child.kill('SIGKILL');
    let gone = false;
    for (let i = 0; i < 30 && !gone; i++) {
      await new Promise((r) => setTimeout(r, 100));
      gone = !existsSync(`/proc/${waiter}`) || /^State:\s+Z/m.test(readFileSync(`/proc/${waiter}/status`, 'utf8'));
    }
    expect(gone).toBe(true);
  });
});
