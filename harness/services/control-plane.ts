// What placement and scheduler share as services: a Dapr control-plane binary started for one
// sample on private loopback ports under a run token, its output kept in the sample's log folder,
// ready once its healthz endpoint answers 200. Thin edge: the process and the HTTP probe.
import { execa } from 'execa';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { LOOPBACK } from '../processes/ports.ts';
import { serviceToken } from '../processes/supervise.ts';
import type { ServiceKind } from '../model.ts';
import { exitedMidRunLine, exitHow, PortTakenError, portTakenLine, ServiceStartError, takenPortIn, watchExit, type RunningService } from './service.ts';

const READY_TIMEOUT_MS = 30_000;

/** One GET of /healthz: true on 200. */
export function healthzOk(port: number, timeoutMs = 500): Promise<boolean> {
  return new Promise((resolve) => {
    const req = http.get({ host: LOOPBACK, port, path: '/healthz', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(false));
  });
}

/** The last line of a log worth showing when the service died (a fatal line, else the last one). */
function lastWords(logFile: string): string {
  let text = '';
  try {
    text = readFileSync(logFile, 'utf8');
  } catch {
    return '';
  }
  const lines = text.trim().split('\n');
  // The last fatal line: the log is appended to by every start of the sample's service.
  const fatal = [...lines].reverse().find((l) => /level=fatal/.test(l));
  return (fatal ? /msg="([^"]*)"/.exec(fatal)?.[1] ?? fatal : lines.at(-1) ?? '').replace(/\\n/g, '; ');
}

export async function startControlPlaneService(o: {
  kind: Extract<ServiceKind, 'placement' | 'scheduler'>;
  bin: string;
  args: string[];
  port: number;
  healthzPort: number;
  /** Every port it binds, to tell its own port taken from another failure. */
  ports: readonly number[];
  logFile: string;
  env: Record<string, string>;
}): Promise<RunningService> {
  const svc = serviceToken();
  const started = Date.now();
  // Both streams appended to one file: its log as it would print it.
  const toLog = { file: o.logFile, append: true } as const;
  const child = execa(o.bin, o.args, { env: svc.env, extendEnv: true, reject: false, stdin: 'ignore', stdout: toLog, stderr: toLog, cleanup: false });
  let exit: string | undefined;
  const exited = child.then((r) => (exit = exitHow(r)));
  const host = `${LOOPBACK}:${o.port}`;
  while (!(await healthzOk(o.healthzPort))) {
    if (exit || Date.now() - started > READY_TIMEOUT_MS) {
      await svc.stop();
      await exited;
      const words = lastWords(o.logFile);
      // Any of its ports (gRPC, etcd's, healthz) may be the one taken: its own words name it.
      const taken = takenPortIn(words);
      if (taken !== undefined && o.ports.includes(taken)) throw new PortTakenError(portTakenLine(o.kind, taken, o.logFile));
      const why = exit ? `exited (${exit}) before it was ready: ${words}` : `healthz not 200 within ${READY_TIMEOUT_MS / 1000} s`;
      throw new ServiceStartError(`${o.kind} on ${host}: ${why} (log: ${o.logFile})`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  // Gone while the sample runs (killed, crashed): its runs are ended with this line as the cause.
  const watch = watchExit(exited, (how) => exitedMidRunLine({ name: o.kind, host, how, words: lastWords(o.logFile), logFile: o.logFile }));
  return {
    kind: o.kind, host, port: o.port, logFile: o.logFile, readyMs: Date.now() - started, env: o.env,
    down: watch.down,
    stop: async () => {
      watch.stopping();
      child.kill('SIGTERM');
      await svc.stop();
    },
  };
}
