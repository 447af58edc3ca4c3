import { describe, expect, it } from 'vitest';
import { daprRunArgs } from '../../../harness/run/dapr-args.ts';

const base = { runtimePath: '/h', appId: 'order-processor', resourcesPath: '/c', appArgv: ['python3', 'app.py'] };

describe('daprRunArgs', () => {
  it('runs the app with placement and scheduler off and the APIs on loopback', () => {
    expect(daprRunArgs(base)).toEqual([
      'run', '--runtime-path', '/h', '--app-id', 'order-processor', '--resources-path', '/c',
      '--placement-host-address', '', '--scheduler-host-address', '',
      '--dapr-listen-addresses', '127.0.0.1',
      '--', 'python3', 'app.py',
    ]);
  });
  it('passes the chosen ports before the app command', () => {
    expect(daprRunArgs({ ...base, ports: { http: 3500, grpc: 50001, internalGrpc: 50002, metrics: 9090 } })).toEqual([
      'run', '--runtime-path', '/h', '--app-id', 'order-processor', '--resources-path', '/c',
      '--placement-host-address', '', '--scheduler-host-address', '',
      '--dapr-listen-addresses', '127.0.0.1',
      '--dapr-http-port', '3500', '--dapr-grpc-port', '50001', '--dapr-internal-grpc-port', '50002', '--metrics-port', '9090',
      '--', 'python3', 'app.py',
    ]);
  });
});
