// What every service shares, decided without a process: how an exit is said, the one line a
// sample fails with when its service goes mid-run, the port a service's own words say was taken,
// and when a start is tried again on fresh ports.
import { describe, expect, it } from 'vitest';
import { exitedMidRunLine, exitHow, onFreshPorts, PortTakenError, ServiceStartError, takenPortIn, watchExit } from '../../../harness/services/service.ts';

describe('exitHow', () => {
  it('names the signal, else the exit code', () => {
    expect(exitHow({ signal: 'SIGKILL', exitCode: undefined })).toBe('killed by SIGKILL');
    expect(exitHow({ exitCode: 1 })).toBe('exit 1');
    expect(exitHow({})).toBe('exit unknown');
  });
});

describe('exitedMidRunLine', () => {
  const base = { name: 'redis', host: '127.0.0.1:41000', logFile: '/logs/redis.log' };
  it('killed from outside: the signal is the cause, what it last logged is not', () => {
    expect(exitedMidRunLine({ ...base, how: 'killed by SIGKILL', words: 'Ready to accept connections tcp' }))
      .toBe("the sample's redis (127.0.0.1:41000) exited mid-run: killed by SIGKILL (log: /logs/redis.log)");
  });
  it('ended by itself: its last words say why', () => {
    expect(exitedMidRunLine({ ...base, name: 'scheduler', how: 'exit 1', words: 'etcd: database space exceeded' }))
      .toBe("the sample's scheduler (127.0.0.1:41000) exited mid-run: exit 1: etcd: database space exceeded (log: /logs/redis.log)");
    expect(exitedMidRunLine({ ...base, how: 'exit 0', words: '  ' })).toBe("the sample's redis (127.0.0.1:41000) exited mid-run: exit 0 (log: /logs/redis.log)");
  });
});

describe('takenPortIn', () => {
  it('reads the port from Go\'s and redis\'s own words', () => {
    expect(takenPortIn('Fatal error running scheduler: could not listen on port 47123: listen tcp 127.0.0.1:47123: bind: address already in use')).toBe(47123);
    expect(takenPortIn('failed to listen: listen tcp 127.0.0.1:47124: bind: address already in use')).toBe(47124);
    expect(takenPortIn('5315:M 07 Dec 2026 23:16:20.147 # Warning: Could not create server TCP listening socket 127.0.0.1:47125: bind: Address already in use')).toBe(47125);
  });
  it('says nothing for other failures', () => {
    expect(takenPortIn('listen tcp 127.0.0.1:47123: bind: permission denied')).toBeUndefined();
    expect(takenPortIn('')).toBeUndefined();
  });
});

describe('onFreshPorts (its start is a test double counting calls)', () => {
  const failing = (errors: Error[], value = 'up') => {
    let calls = 0;
    return { start: async () => { const e = errors[calls++]; if (e) throw e; return value; }, calls: () => calls };
  };
  it('picked ports: a port taken between pick and bind is tried again, up to the attempts', async () => {
    const s = failing([new PortTakenError('taken'), new PortTakenError('taken')]);
    await expect(onFreshPorts(false, s.start, 3)).resolves.toBe('up');
    expect(s.calls()).toBe(3);
    const never = failing([new PortTakenError('a'), new PortTakenError('b'), new PortTakenError('c')]);
    await expect(onFreshPorts(false, never.start, 3)).rejects.toThrow('c');
    expect(never.calls()).toBe(3);
  });
  it('given ports are never swapped, and other failures are not retried', async () => {
    const given = failing([new PortTakenError('taken')]);
    await expect(onFreshPorts(true, given.start)).rejects.toThrow('taken');
    expect(given.calls()).toBe(1);
    const other = failing([new ServiceStartError('exit 1 before it answered')]);
    await expect(onFreshPorts(false, other.start)).rejects.toThrow('exit 1');
    expect(other.calls()).toBe(1);
  });
});

describe('watchExit', () => {
  it('an exit before the harness stops it settles `down` with the line', async () => {
    const w = watchExit(Promise.resolve('killed by SIGKILL'), (how) => `gone: ${how}`);
    await expect(w.down).resolves.toBe('gone: killed by SIGKILL');
  });
  it('after `stopping()`, the exit is the harness\'s own: `down` never settles', async () => {
    let exit!: (how: string) => void;
    const w = watchExit(new Promise<string>((r) => { exit = r; }), (how) => `gone: ${how}`);
    w.stopping();
    exit('killed by SIGTERM');
    const settled = await Promise.race([w.down.then(() => true), new Promise((r) => setTimeout(() => r(false), 50))]);
    expect(settled).toBe(false);
  });
});
