// The command line of a sample's own scheduler: private ports, every address flag on loopback, its
// etcd in the folder given and the address it broadcasts being the one it listens on.
import { describe, expect, it } from 'vitest';
import { flags } from '../../helpers/argv-flags.ts';
import { schedulerArgs } from '../../../harness/services/scheduler.ts';

describe('schedulerArgs', () => {
  it('puts gRPC, etcd and healthz on the ports given, on loopback, its etcd in the folder given, and broadcasts the address it listens on', () => {
    expect(flags(schedulerArgs({ port: 42001, etcdClient: 42002, etcdPeer: 42003, healthz: 42004 }, '/scratch/s/.parity-services/scheduler'))).toEqual({
      '--port': '42001', '--listen-address': '127.0.0.1',
      '--etcd-data-dir': '/scratch/s/.parity-services/scheduler',
      '--etcd-client-port': '42002', '--etcd-client-listen-address': '127.0.0.1',
      // An IP, not `localhost`: a host name other than localhost makes etcd listen on 0.0.0.0.
      '--etcd-initial-cluster': 'dapr-scheduler-server-0=http://127.0.0.1:42003',
      '--healthz-port': '42004', '--healthz-listen-address': '127.0.0.1',
      '--override-broadcast-host-port': '127.0.0.1:42001',
      '--enable-metrics': 'false',
    });
  });
});
