// redis for one sample: Debian's redis-server on a private loopback port, nothing persisted, ready
// when it answers PING. Thin edge: the process and the socket.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { LOOPBACK, allocatePorts } from '../processes/ports.ts';
import { serviceToken } from '../processes/supervise.ts';
import { resolveOnPath } from '../samples/toolchains.ts';
import { exitedMidRunLine, exitHow, onFreshPorts, PortTakenError, portTakenLine, ServiceStartError, takenPortIn, watchExit, type RunningService, type ServiceAvailability } from './service.ts';

export const REDIS_HINT = 'apt-get install redis-server redis-tools';
const READY_TIMEOUT_MS = 10_000;

/** Whether redis-server and redis-cli (which seed and verify steps call) are here. */
export async function redisAvailability(): Promise<ServiceAvailability> {
  const server = resolveOnPath('redis-server');
  const cli = resolveOnPath('redis-cli');
  if (!server || !cli) return { kind: 'redis', missing: `${!server ? 'redis-server' : 'redis-cli'} not found (${REDIS_HINT})` };
  // By name: redis-server is a link to redis-check-rdb, which behaves by the name it is called as.
  const r = await execa('redis-server', ['--version'], { reject: false });
  return { kind: 'redis', version: /v=(\S+)/.exec(String(r.stdout))?.[1] ?? 'unknown' };
}

/** One PING over a fresh connection: true on +PONG. */
export function redisPing(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: LOOPBACK, port });
    let got = '';
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('error', () => done(false));
    // A peer that closes without an answer (another program on the port): no timeout fires after a close.
    socket.on('close', () => done(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (d) => {
      got += d.toString();
      if (got.includes('\r\n')) done(got.startsWith('+PONG'));
    });
  });
}

function readLog(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** The last line of a redis log, without its `pid:role date time level` prefix. Pure. */
export function redisLastWords(log: string): string {
  return (log.trim().split('\n').at(-1) ?? '').replace(/^\d+:[A-Z] \d+ \w+ \d+ [\d:.]+ [*#.-] /, '').trim();
}

function lastWords(logFile: string): string {
  return redisLastWords(readLog(logFile));
}

/** Starts the sample's redis on `port`, or on a picked port (a fresh one if another process takes it first). */
export function startRedis(o: { logDir: string; dataDir: string; port?: number }): Promise<RunningService> {
  return onFreshPorts(o.port !== undefined, async () => startRedisOnce(o, o.port ?? (await allocatePorts(1))[0]!));
}

async function startRedisOnce(o: { logDir: string; dataDir: string }, port: number): Promise<RunningService> {
  const logFile = path.join(o.logDir, 'redis.log');
  const host = `${LOOPBACK}:${port}`;
  const svc = serviceToken();
  const started = Date.now();
  const child = execa('redis-server', [
    '--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no',
    '--dir', o.dataDir, '--logfile', logFile, '--daemonize', 'no',
    // Rewriting its process title overwrites the environment in /proc/<pid>/environ, where the run
    // token is: the sweep, Ctrl-C's teardown and the reaper could then never find it.
    '--set-proc-title', 'no',
  ], { env: svc.env, extendEnv: true, reject: false, stdin: 'ignore', stdout: 'ignore', stderr: 'pipe', cleanup: false });
  let exit: string | undefined;
  const exited = child.then((r) => (exit = exitHow(r)));
  while (!(await redisPing(port))) {
    if (exit || Date.now() - started > READY_TIMEOUT_MS) {
      await svc.stop();
      await exited;
      const words = lastWords(logFile) || String((await child).stderr).trim().split('\n').pop() || '';
      if (takenPortIn(readLog(logFile)) === port) throw new PortTakenError(portTakenLine('redis', port, logFile));
      throw new ServiceStartError(`redis-server on ${host}: ${exit ? `${exit} before it answered: ${words}` : `no answer to PING within ${READY_TIMEOUT_MS / 1000} s`} (log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  // Gone while the sample runs (killed, crashed): its runs are ended with this line as the cause.
  const watch = watchExit(exited, (how) => exitedMidRunLine({ name: 'redis', host, how, words: lastWords(logFile), logFile }));
  return {
    kind: 'redis', host, port, logFile, readyMs: Date.now() - started,
    env: { REDIS_HOST: LOOPBACK, REDIS_PORT: String(port) },
    down: watch.down,
    stop: async () => {
      watch.stopping();
      child.kill('SIGTERM');
      await svc.stop();
    },
  };
}

/**
 * The keys of `keys` no client of the redis on `port` listens to for keyspace events: a
 * configuration store's subscription subscribes to `__keyspace@0__:<key>` per key, or to a pattern
 * for all keys (then none is missing). Asked with redis-cli; all missing when it cannot answer.
 */
export async function keyspaceUnsubscribed(port: number, keys: readonly string[]): Promise<string[]> {
  const ask = (...args: string[]) => execa('redis-cli', ['-h', LOOPBACK, '-p', String(port), ...args], { reject: false, timeout: 5_000 });
  const pat = await ask('PUBSUB', 'NUMPAT');
  if (pat.exitCode !== 0) return [...keys];
  if (Number(pat.stdout.trim()) > 0) return [];
  const sub = await ask('PUBSUB', 'NUMSUB', ...keys.map((k) => `__keyspace@0__:${k}`));
  if (sub.exitCode !== 0) return [...keys];
  // Alternating lines: the channel, then its number of subscribers.
  const counts = sub.stdout.trim().split('\n');
  return keys.filter((_, i) => !(Number(counts[2 * i + 1]) > 0));
}
