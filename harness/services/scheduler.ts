// The Dapr scheduler for one sample (jobs, workflow timers and reminders): its embedded etcd in a
// fresh folder, so no job of one sample or run ever fires in another, and every listener it lets
// us place on loopback, on private ports. Its healthz server is the exception: 1.18 binds it on
// every interface whatever --healthz-listen-address says, so only its port is private. The
// arguments are pure; the start is control-plane.ts's.
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LOOPBACK, allocatePorts } from '../processes/ports.ts';
import { startControlPlaneService } from './control-plane.ts';
import { onFreshPorts, type RunningService } from './service.ts';

export interface SchedulerPorts {
  /** The gRPC port sidecars connect to. */
  port: number;
  etcdClient: number;
  etcdPeer: number;
  healthz: number;
}

/** The command line of a private scheduler. Pure. */
export function schedulerArgs(p: SchedulerPorts, etcdDir: string): string[] {
  return [
    '--port', String(p.port), '--listen-address', LOOPBACK,
    '--etcd-data-dir', etcdDir,
    '--etcd-client-port', String(p.etcdClient), '--etcd-client-listen-address', LOOPBACK,
    // An IP here (not a name) is what keeps etcd's peer listener off every interface.
    '--etcd-initial-cluster', `dapr-scheduler-server-0=http://${LOOPBACK}:${p.etcdPeer}`,
    '--healthz-port', String(p.healthz), '--healthz-listen-address', LOOPBACK,
    // The address it broadcasts for sidecars to connect to; without it they are given one it
    // does not listen on, and workflows time out.
    '--override-broadcast-host-port', `${LOOPBACK}:${p.port}`,
    // Nothing reads its metrics; off, they are one listener fewer.
    '--enable-metrics=false',
  ];
}

/**
 * Starts a scheduler whose etcd lives in `dataDir`, emptied first: each start begins with no jobs.
 * On `ports`, or on picked ports (fresh ones if another process takes one first).
 */
export function startScheduler(o: { bin: string; logDir: string; dataDir: string; ports?: SchedulerPorts }): Promise<RunningService> {
  return onFreshPorts(o.ports !== undefined, async () => {
    rmSync(o.dataDir, { recursive: true, force: true });
    mkdirSync(o.dataDir, { recursive: true });
    const ports = o.ports ?? await pickPorts();
    return startControlPlaneService({
      kind: 'scheduler', bin: o.bin, args: schedulerArgs(ports, o.dataDir), port: ports.port, healthzPort: ports.healthz, ports: Object.values(ports),
      logFile: path.join(o.logDir, 'scheduler.log'), env: { DAPR_SCHEDULER_HOST: `${LOOPBACK}:${ports.port}` },
    });
  });
}

async function pickPorts(): Promise<SchedulerPorts> {
  const [port, etcdClient, etcdPeer, healthz] = await allocatePorts(4);
  return { port: port!, etcdClient: etcdClient!, etcdPeer: etcdPeer!, healthz: healthz! };
}
