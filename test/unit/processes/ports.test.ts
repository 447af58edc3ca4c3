// A port a sample fixes must be free before its run: a real listener of this test holds it, and
// the wait says who holds it, or ends when it is released.
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { holderOf, listening, waitPortsFree } from '../../../harness/processes/ports.ts';

function listen(): Promise<{ port: number; close: () => Promise<void> }> {
  return new Promise((resolve) => {
    const srv = net.createServer((s) => s.destroy());
    srv.listen(0, '127.0.0.1', () => resolve({ port: (srv.address() as net.AddressInfo).port, close: () => new Promise((r) => srv.close(() => r())) }));
  });
}

describe('waiting for a fixed port', () => {
  it('names the process that still holds it after the wait', async () => {
    const held = await listen();
    try {
      expect(await listening(held.port)).toBe(true);
      const taken = await waitPortsFree([held.port], 300);
      expect(taken).toHaveLength(1);
      expect(taken[0]!.port).toBe(held.port);
      // ss names the holder: this test's own node process.
      expect(taken[0]!.holder).toMatch(new RegExp(`\\(pid ${process.pid}\\)$`));
    } finally {
      await held.close();
    }
  });
  it('ends as soon as the port is released', async () => {
    const held = await listen();
    setTimeout(() => void held.close(), 300);
    expect(await waitPortsFree([held.port], 10_000)).toEqual([]);
    expect(await listening(held.port)).toBe(false);
  });
  it('reads the holder from a line of ss', () => {
    expect(holderOf('LISTEN 0 100 *:8080 *:* users:(("java",pid=9364,fd=12))')).toBe('java (pid 9364)');
    expect(holderOf('LISTEN 0 100 *:8080 *:*')).toBeUndefined();
  });
});
