// Free ports for daprd, handed out once per process. The CLI picks its own free ports one at a
// time without holding them, and was seen here giving HTTP and gRPC the same port; choosing them
// here, never twice in one harness run, keeps concurrent samples from colliding. Another process
// can still take a port between pick and bind: that is retried as an infrastructure failure.
import { execa } from 'execa';
import net from 'node:net';

/** The only address a sample's daprd listens on: nothing of a run is reachable from outside the machine. */
export const LOOPBACK = '127.0.0.1';

const handedOut = new Set<number>();

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export async function allocatePorts(n: number): Promise<number[]> {
  const out: number[] = [];
  while (out.length < n) {
    const p = await freePort();
    if (!handedOut.has(p)) {
      handedOut.add(p);
      out.push(p);
    }
  }
  return out;
}

export interface DaprPorts {
  http: number;
  grpc: number;
  internalGrpc: number;
  metrics: number;
}

export async function allocateDaprPorts(): Promise<DaprPorts> {
  const [http, grpc, internalGrpc, metrics] = await allocatePorts(4);
  return { http: http!, grpc: grpc!, internalGrpc: internalGrpc!, metrics: metrics! };
}

/** Whether something accepts connections on host:`port` (how daprd finds an app on its port). */
export function listening(port: number, o: { host?: string; timeoutMs?: number } = {}): Promise<boolean> {
  const timeoutMs = o.timeoutMs ?? 500;
  return new Promise((resolve) => {
    const socket = net.connect({ host: o.host ?? LOOPBACK, port });
    const done = (yes: boolean) => {
      socket.destroy();
      resolve(yes);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.on('connect', () => done(true));
    socket.on('error', () => done(false));
  });
}

/** `java (pid 9364)` from a line of `ss -ltnpH`: the first process named in its users field. Pure. */
export function holderOf(ssLine: string): string | undefined {
  const m = /users:\(\("([^"]+)",pid=(\d+)/.exec(ssLine);
  return m ? `${m[1]} (pid ${m[2]})` : undefined;
}

/** Which process listens on `port`, as `ss` names it; undefined when ss cannot say. */
async function holder(port: number): Promise<string | undefined> {
  const r = await execa('ss', ['-ltnpH', `sport = :${port}`], { reject: false, timeout: 5_000 });
  return r.exitCode === 0 ? r.stdout.split('\n').map(holderOf).find(Boolean) : undefined;
}

/**
 * Waits until none of `ports` (ports a sample fixes: its app's, daprd's) is listened on by another
 * process, up to `timeoutMs`: another program on an app's port would answer daprd for the app.
 * Returns the ports still taken, each with its holder when `ss` can name it.
 */
export async function waitPortsFree(ports: readonly number[], timeoutMs: number): Promise<{ port: number; holder?: string }[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const taken: number[] = [];
    for (const p of ports) if (await listening(p)) taken.push(p);
    if (taken.length === 0) return [];
    if (Date.now() >= deadline) return Promise.all(taken.map(async (port) => { const h = await holder(port); return h ? { port, holder: h } : { port }; }));
    await new Promise((r) => setTimeout(r, 250));
  }
}
