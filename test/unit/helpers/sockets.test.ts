// The /proc/net/tcp parser the loopback test reads listeners with (a test helper, tested here on
// recorded rows so a wrong byte order cannot make that test pass vacuously).
import { describe, expect, it } from 'vitest';
import { isLoopback, parseProcNetTcp } from '../../helpers/sockets.ts';

const HEAD = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';

describe('parseProcNetTcp', () => {
  it('reads IPv4 listeners (little-endian address, hex port) and skips other states', () => {
    const text = HEAD + [
      '   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 635 1 000000000c6c5997 100 0 0 10 0',
      '   1: 0100007F:9579 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 52918 2 0000000052c76162 100 0 0 10 0',
      '   2: 0100007F:9579 0100007F:D2C4 01 00000000:00000000 00:00000000 00000000     0        0 52999 1 0000000052c76162 20 4 30 10 -1',
      '   3: 0A00020F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 777 1 0000000052c76162 100 0 0 10 0',
    ].join('\n');
    expect(parseProcNetTcp(text, 4)).toEqual([
      { address: '0.0.0.0', port: 2024, family: 4, inode: 635 },
      { address: '127.0.0.1', port: 38265, family: 4, inode: 52918 },
      { address: '15.2.0.10', port: 8080, family: 4, inode: 777 },
    ]);
  });

  it('reads IPv6 listeners: any, ::1, and IPv4-mapped loopback', () => {
    const text = HEAD + [
      '   0: 00000000000000000000000000000000:99BD 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41559 1 00000000aff381fb 100 0 0 10 0',
      '   1: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41560 1 00000000aff381fb 100 0 0 10 0',
      '   2: 0000000000000000FFFF00000100007F:1F91 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 41561 1 00000000aff381fb 100 0 0 10 0',
    ].join('\n');
    const ls = parseProcNetTcp(text, 6);
    expect(ls.map((l) => [l.address, l.port])).toEqual([['0:0:0:0:0:0:0:0', 39357], ['0:0:0:0:0:0:0:1', 8080], ['0:0:0:0:0:ffff:7f00:1', 8081]]);
    expect(ls.map(isLoopback)).toEqual([false, true, true]);
  });

  it('wildcard and outside addresses are not loopback', () => {
    expect(isLoopback({ address: '0.0.0.0' })).toBe(false);
    expect(isLoopback({ address: '10.0.2.15' })).toBe(false);
    expect(isLoopback({ address: '127.0.0.1' })).toBe(true);
  });
});
