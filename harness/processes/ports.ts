// Free ports for daprd, handed out once per process. The CLI picks its own free ports one at a
// time without holding them, and was seen here giving HTTP and gRPC the same port; choosing them
// here, never twice in one harness run, keeps concurrent samples from colliding. Another process
// can still take a port between pick and bind: that is retried as an infrastructure failure.
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
