// The command line of a sample's own placement: private ports, every address flag on loopback.
import { describe, expect, it } from 'vitest';
import { flags } from '../../helpers/argv-flags.ts';
import { placementArgs } from '../../../harness/services/placement.ts';

describe('placementArgs', () => {
  it('puts gRPC, raft and healthz on the ports given, on loopback, metrics off', () => {
    expect(flags(placementArgs({ port: 41001, raft: 41002, healthz: 41003 }))).toEqual({
      '--port': '41001', '--listen-address': '127.0.0.1',
      // The default raft peer 127.0.0.1:8201 would be shared by every sample's placement.
      '--initial-cluster': 'dapr-placement-0=127.0.0.1:41002',
      '--healthz-port': '41003', '--healthz-listen-address': '127.0.0.1',
      '--enable-metrics': 'false',
    });
  });
});

