// The `dapr run` command line for one app. Pure.
import { LOOPBACK } from '../processes/ports.ts';

/** Every sidecar listens here only: nothing the harness starts is reachable from the network. */

/** Ports the harness chose for daprd (the CLI was seen giving HTTP and gRPC the same one). */
export interface DaprPorts {
  http: number;
  grpc: number;
  internalGrpc: number;
  metrics: number;
}

/**
 * The `dapr run` arguments for one app, placement and scheduler turned off (none run here, and
 * daprd would otherwise log connection retries forever), the Dapr APIs bound to loopback only.
 */
export function daprRunArgs(opts: {
  runtimePath: string;
  appId: string;
  resourcesPath: string;
  appArgv: string[];
  ports?: DaprPorts;
}): string[] {
  const ports = opts.ports
    ? ['--dapr-http-port', String(opts.ports.http), '--dapr-grpc-port', String(opts.ports.grpc),
      '--dapr-internal-grpc-port', String(opts.ports.internalGrpc), '--metrics-port', String(opts.ports.metrics)]
    : [];
  return [
    'run',
    '--runtime-path', opts.runtimePath,
    '--app-id', opts.appId,
    '--resources-path', opts.resourcesPath,
    '--placement-host-address', '',
    '--scheduler-host-address', '',
    '--dapr-listen-addresses', LOOPBACK,
    ...ports,
    '--',
    ...opts.appArgv,
  ];
}
