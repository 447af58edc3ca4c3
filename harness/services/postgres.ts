// PostgreSQL for one sample: Debian's server binaries, a cluster made once by initdb and kept in the
// harness cache, a fresh copy of it per sample in a private temp folder, on a private loopback port
// with its unix socket in that folder. initdb and the server refuse root: as root they run as the
// unprivileged `postgres` user (setpriv execs in place, so the pid is the postmaster's and the run
// token stays in its environment); otherwise as the harness's own user. Thin edge: processes, files.
import { execa } from 'execa';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { cacheRoot } from '../files/cache-root.ts';
import { tempPaths } from '../processes/active.ts';
import { LOOPBACK, allocatePorts } from '../processes/ports.ts';
import { recordTempPath } from '../processes/session.ts';
import { serviceToken } from '../processes/supervise.ts';
import { resolveOnPath } from '../samples/toolchains.ts';
import { ServiceStartError, type RunningService, type ServiceAvailability } from './service.ts';

export const POSTGRES_HINT = 'apt-get install postgresql';
const SERVER_ROOT = '/usr/lib/postgresql';
/** The cluster's superuser, as the images the READMEs start name theirs. */
export const POSTGRES_USER = 'postgres';
/** Who runs initdb and the server when the harness is root. */
const RUN_AS = 'postgres';
const READY_TIMEOUT_MS = 20_000;
/** Attempts at a fresh port when another process took the picked one before the server bound it. */
const PORT_ATTEMPTS = 3;

/** The newest installed server's bin folder (`/usr/lib/postgresql/<major>/bin`), if any. */
function serverBin(): string | undefined {
  let majors: string[];
  try {
    majors = readdirSync(SERVER_ROOT).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
  } catch {
    return undefined;
  }
  return majors.map((m) => path.join(SERVER_ROOT, m, 'bin')).find((b) => existsSync(path.join(b, 'initdb')) && existsSync(path.join(b, 'postgres')));
}

const isRoot = () => process.getuid?.() === 0;

/** Whether a user of that name exists (read from /etc/passwd: no process needed). */
function userExists(name: string): boolean {
  try {
    return readFileSync('/etc/passwd', 'utf8').split('\n').some((l) => l.split(':')[0] === name);
  } catch {
    return false;
  }
}

/**
 * The first folder of `dir`'s path the unprivileged user cannot pass through (no search
 * permission for others), if any: its private folders live there. Only others' bit counts, as
 * the user is neither the folder's owner nor, as a rule, in its group.
 */
export function untraversable(dir: string, mode: (p: string) => number): string | undefined {
  const parts: string[] = [];
  for (let d = path.resolve(dir); ; d = path.dirname(d)) {
    parts.unshift(d);
    if (path.dirname(d) === d) break;
  }
  return parts.find((p) => (mode(p) & 0o001) === 0);
}

/** The argv prefix that runs a command as the unprivileged user: empty when the harness is not root. */
function asUser(): string[] {
  return isRoot() ? ['setpriv', `--reuid=${RUN_AS}`, `--regid=${RUN_AS}`, '--init-groups', '--'] : [];
}

/** Whether the server, psql and (as root) a user to run it as are here. */
export async function postgresAvailability(): Promise<ServiceAvailability> {
  const bin = serverBin();
  if (!bin) return { kind: 'postgres', missing: `no PostgreSQL server in ${SERVER_ROOT}/<version>/bin (${POSTGRES_HINT})` };
  if (!resolveOnPath('psql')) return { kind: 'postgres', missing: `psql not found (${POSTGRES_HINT})` };
  if (isRoot() && !userExists(RUN_AS)) return { kind: 'postgres', missing: `the harness runs as root, which initdb refuses, and there is no \`${RUN_AS}\` user to run it as (${POSTGRES_HINT} makes one)` };
  const closed = isRoot() ? untraversable(os.tmpdir(), (p) => statSync(p).mode) : undefined;
  if (closed) return { kind: 'postgres', missing: `the temp folder's path is closed to the \`${RUN_AS}\` user the server runs as (${closed} has no search permission for others): set TMPDIR to a folder it can reach` };
  if (isRoot() && !resolveOnPath('setpriv')) return { kind: 'postgres', missing: 'setpriv (util-linux) not found: needed to run PostgreSQL as an unprivileged user' };
  const r = await execa(path.join(bin, 'postgres'), ['--version'], { reject: false });
  return { kind: 'postgres', version: /\(PostgreSQL\) (\S+)/.exec(String(r.stdout))?.[1] ?? 'unknown' };
}

/** A temp folder of this session (removed on exit and by the reaper), owned by the user the server runs as. */
async function privateTemp(prefix: string): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), prefix));
  recordTempPath(dir);
  tempPaths.add(dir);
  if (isRoot()) await execa('chown', [`${RUN_AS}:`, dir]);
  return dir;
}

async function removeTemp(dir: string): Promise<void> {
  await fs.rm(dir, { recursive: true, force: true });
  tempPaths.delete(dir);
}

interface Template {
  data: string;
  password: string;
}

/**
 * The cluster every sample copies: made once per server version and owner, kept in the cache.
 * initdb writes into a temp folder (the unprivileged user cannot reach a root's cache), then the
 * cluster is copied into the cache and renamed into place, so a half-made one is never used.
 */
// One making per process: samples started at once share it.
const making = new Map<string, Promise<Template>>();

function template(bin: string, version: string): Promise<Template> {
  const key = `${bin}:${version}`;
  let p = making.get(key);
  if (!p) {
    p = makeTemplate(bin, version);
    making.set(key, p);
    // A failure is not kept: the next sample tries again.
    p.catch(() => making.delete(key));
  }
  return p;
}

async function makeTemplate(bin: string, version: string): Promise<Template> {
  const dir = path.join(cacheRoot(), 'postgres', `${version}-${isRoot() ? RUN_AS : `uid${process.getuid?.() ?? 0}`}`);
  const data = path.join(dir, 'data');
  const pwFile = path.join(dir, 'password');
  if (existsSync(path.join(data, 'PG_VERSION')) && existsSync(pwFile)) return { data, password: readFileSync(pwFile, 'utf8').trim() };
  const work = await privateTemp('parity-pg-initdb-');
  try {
    const password = randomBytes(12).toString('hex');
    const pw = path.join(work, 'pw');
    await fs.writeFile(pw, `${password}\n`, { mode: 0o644 });
    const [cmd, ...args] = [
      ...asUser(), path.join(bin, 'initdb'),
      '-D', path.join(work, 'data'), '-U', POSTGRES_USER, `--pwfile=${pw}`, '--auth-local=trust', '--auth-host=scram-sha-256',
      '--encoding=UTF8', '--locale=C', '--no-sync',
    ];
    const r = await execa(cmd!, args, { reject: false, all: true, cwd: work });
    if (r.exitCode !== 0) throw new ServiceStartError(`PostgreSQL: initdb failed (exit ${r.exitCode}): ${String(r.all).trim().split('\n').pop() ?? ''}`);
    const staged = `${dir}.staging-${process.pid}-${randomBytes(4).toString('hex')}`;
    await fs.rm(staged, { recursive: true, force: true });
    await fs.mkdir(staged, { recursive: true });
    await execa('cp', ['-a', path.join(work, 'data'), path.join(staged, 'data')]);
    await fs.writeFile(path.join(staged, 'password'), `${password}\n`, { mode: 0o600 });
    try {
      await fs.rename(staged, dir);
    } catch {
      // Another sample made it first: theirs serves.
      await fs.rm(staged, { recursive: true, force: true });
    }
    return { data, password: readFileSync(pwFile, 'utf8').trim() };
  } finally {
    await removeTemp(work);
  }
}

/** The last line of the server's log that says why it stopped (FATAL/PANIC/LOG … shut down), else its last line. */
function lastWords(logFile: string): string {
  let lines: string[];
  try {
    lines = readFileSync(logFile, 'utf8').trim().split('\n');
  } catch {
    return '';
  }
  return (lines.filter((l) => /\b(FATAL|PANIC|ERROR):/.test(l)).at(0) ?? lines.at(-1) ?? '').replace(/^.*?\b(FATAL|PANIC|ERROR):\s*/, '').trim();
}

async function isReady(port: number): Promise<boolean> {
  const r = await execa('pg_isready', ['-q', '-h', LOOPBACK, '-p', String(port), '-t', '1'], { reject: false });
  return r.exitCode === 0;
}

export interface PostgresService extends RunningService {
  /** Every row of every table of every database but the templates: `<db>.<table>: v1, v2, …`, one a line. */
  readout(): Promise<string>;
}

export async function startPostgres(o: { logDir: string; port?: number }): Promise<PostgresService> {
  const bin = serverBin();
  if (!bin) throw new Error(`no PostgreSQL server in ${SERVER_ROOT} (${POSTGRES_HINT})`);
  const version = path.basename(path.dirname(bin));
  const tpl = await template(bin, version);
  const logFile = path.join(o.logDir, 'postgres.log');
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(bin, tpl, logFile, o.port);
    } catch (err) {
      // Another process took the port between pick and bind: a fresh port, unless the port was given.
      if (!(err instanceof PortTaken) || o.port !== undefined || attempt >= PORT_ATTEMPTS) throw err;
    }
  }
}

class PortTaken extends ServiceStartError {}

async function startOnce(bin: string, tpl: Template, logFile: string, fixedPort: number | undefined): Promise<PostgresService> {
  const port = fixedPort ?? (await allocatePorts(1))[0]!;
  const host = `${LOOPBACK}:${port}`;
  const dir = await privateTemp('parity-pg-');
  const data = path.join(dir, 'data');
  const socketDir = path.join(dir, 'socket');
  await execa('cp', ['-a', tpl.data, data]);
  await fs.mkdir(socketDir, { mode: 0o700 });
  if (isRoot()) await execa('chown', [`${RUN_AS}:`, socketDir]);
  const svc = serviceToken();
  const started = Date.now();
  const argv = [
    path.join(bin, 'postgres'), '-D', data, '-p', String(port),
    '-c', `listen_addresses=${LOOPBACK}`, '-c', `unix_socket_directories=${socketDir}`,
    // Rewriting its process title overwrites the environment in /proc/<pid>/environ, where the run
    // token is: the sweep, Ctrl-C's teardown and the reaper could then never find it.
    '-c', 'update_process_title=off',
    // A throwaway cluster: nothing needs to survive a crash.
    '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off',
  ];
  const [cmd, ...args] = [...asUser(), ...argv];
  const child = execa(cmd!, args, { env: svc.env, extendEnv: true, reject: false, stdin: 'ignore', stdout: { file: logFile, append: true }, stderr: { file: logFile, append: true }, cleanup: false, cwd: dir });
  let stopping = false;
  let exit: string | undefined;
  const exited = child.then((r) => {
    exit = r.signal ? `killed by ${r.signal}` : `exit ${r.exitCode}`;
    return exit;
  });
  const cleanUp = async () => {
    await svc.stop();
    await exited;
    await removeTemp(dir);
  };
  while (!(await isReady(port))) {
    if (exit || Date.now() - started > READY_TIMEOUT_MS) {
      stopping = true;
      child.kill('SIGQUIT');
      await cleanUp();
      const why = lastWords(logFile);
      if (/address already in use/i.test(why) || /could not create any TCP\/IP sockets/i.test(why)) {
        throw new PortTaken(`PostgreSQL could not start: ${host} is already taken by another process (log: ${logFile})`);
      }
      throw new ServiceStartError(`PostgreSQL on ${host}: ${exit ? `${exit} before it answered: ${why}` : `not ready within ${READY_TIMEOUT_MS / 1000} s`} (log: ${logFile})`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const env = { PGHOST: LOOPBACK, PGPORT: String(port), PGUSER: POSTGRES_USER, PGPASSWORD: tpl.password };
  const psql = (args: string[]) => execa('psql', ['-X', '-v', 'ON_ERROR_STOP=1', '-At', ...args], { env, extendEnv: true, reject: false });
  return {
    kind: 'postgres', host, port, logFile, readyMs: Date.now() - started, env,
    credentials: { user: POSTGRES_USER, password: tpl.password },
    down: exited.then((how) => (stopping ? new Promise<string>(() => {}) : `the sample's PostgreSQL (${host}) exited mid-run: ${how}: ${lastWords(logFile) || 'no reason in its log'} (log: ${logFile})`)),
    stop: async () => {
      stopping = true;
      // Fast shutdown: open connections (a sidecar's pool) are ended, not waited for.
      child.kill('SIGINT');
      await cleanUp();
    },
    readout: async () => {
      const dbs = await psql(['-d', 'postgres', '-c', 'SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1']);
      if (dbs.exitCode !== 0) throw new Error(`reading the databases: ${String(dbs.stderr).trim()}`);
      const out: string[] = [];
      for (const db of String(dbs.stdout).split('\n').filter(Boolean)) {
        const tables = await psql(['-d', db, '-c', "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) FROM information_schema.tables WHERE table_type = 'BASE TABLE' AND table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1"]);
        for (const table of String(tables.stdout).split('\n').filter(Boolean)) {
          const rows = await psql(['-d', db, '-F', '\t', '-c', `SELECT * FROM ${table}`]);
          if (rows.exitCode !== 0) throw new Error(`reading ${db}.${table}: ${String(rows.stderr).trim()}`);
          const name = `${db}.${table.replace(/^public\./, '')}`;
          for (const row of String(rows.stdout).split('\n').filter(Boolean)) out.push(`${name}: ${row.split('\t').join(', ')}`);
        }
      }
      return out.join('\n');
    },
  };
}
