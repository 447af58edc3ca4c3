// Dapr placement for one sample (actors, and the workflow actors): every listener it lets us place
// on loopback, on private ports. Its healthz server is the exception: 1.18 binds it on every
// interface whatever --healthz-listen-address says (the flag is read but never passed on), so
// only its port is private. The arguments are pure; the start is control-plane.ts's.
import path from 'node:path';
import { LOOPBACK, allocatePorts } from '../processes/ports.ts';
import { startControlPlaneService } from './control-plane.ts';
import { onFreshPorts, type RunningService } from './service.ts';

export interface PlacementPorts {
  /** The gRPC port sidecars connect to. */
  port: number;
  /** Its raft peer port (a one-node cluster; the default, 8201, would clash between samples). */
  raft: number;
  healthz: number;
}

/** The command line of a private placement. Pure. */
export function placementArgs(p: PlacementPorts): string[] {
  return [
    '--port', String(p.port), '--listen-address', LOOPBACK,
    '--initial-cluster', `dapr-placement-0=${LOOPBACK}:${p.raft}`,
    '--healthz-port', String(p.healthz), '--healthz-listen-address', LOOPBACK,
    // Nothing reads its metrics; off, they are one listener fewer.
    '--enable-metrics=false',
  ];
}

/** Starts the sample's placement on `ports`, or on picked ports (fresh ones if another process takes one first). */
export function startPlacement(o: { bin: string; logDir: string; ports?: PlacementPorts }): Promise<RunningService> {
  return onFreshPorts(o.ports !== undefined, async () => {
    const ports = o.ports ?? await pickPorts();
    return startControlPlaneService({
      kind: 'placement', bin: o.bin, args: placementArgs(ports), port: ports.port, healthzPort: ports.healthz, ports: Object.values(ports),
      logFile: path.join(o.logDir, 'placement.log'), env: { DAPR_PLACEMENT_HOST: `${LOOPBACK}:${ports.port}` },
    });
  });
}

async function pickPorts(): Promise<PlacementPorts> {
  const [port, raft, healthz] = await allocatePorts(3);
  return { port: port!, raft: raft!, healthz: healthz! };
}
