// The TCP listeners of a set of processes, read from /proc: /proc/net/tcp and tcp6 give each
// listening socket's address and inode, /proc/<pid>/fd links (`socket:[inode]`) give its owner.
import { promises as fs } from 'node:fs';
import { createServer } from 'node:net';

export interface Listener {
  /** Dotted IPv4 or full IPv6 (lower case, no compression), as the kernel reports it. */
  address: string;
  port: number;
  family: 4 | 6;
  inode: number;
}

export interface OwnedListener extends Listener {
  pid: number;
  cmdline: string;
}

const LISTEN = '0A';

/** IPv4 in /proc/net/tcp is one little-endian 32-bit hex word. */
function ipv4(hex: string): string {
  return [6, 4, 2, 0].map((i) => parseInt(hex.slice(i, i + 2), 16)).join('.');
}

/** IPv6 is four 32-bit words, each little-endian. */
function ipv6(hex: string): string {
  const bytes: string[] = [];
  for (let w = 0; w < 4; w++) {
    const word = hex.slice(w * 8, w * 8 + 8);
    for (const i of [6, 4, 2, 0]) bytes.push(word.slice(i, i + 2));
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push((bytes[i]! + bytes[i + 1]!).toLowerCase().replace(/^0{1,3}/, ''));
  return groups.join(':');
}

/** The LISTEN rows of a /proc/net/tcp or tcp6 text. Pure. */
export function parseProcNetTcp(text: string, family: 4 | 6): Listener[] {
  return text.split('\n').slice(1).flatMap((line) => {
    const f = line.trim().split(/\s+/);
    if (f.length < 10 || f[3] !== LISTEN) return [];
    const [addr, port] = f[1]!.split(':');
    return [{ address: family === 4 ? ipv4(addr!) : ipv6(addr!), port: parseInt(port!, 16), family, inode: Number(f[9]) }];
  });
}

/** True for 127.0.0.0/8, ::1 and IPv4-mapped loopback. Pure. */
export function isLoopback(l: Pick<Listener, 'address'>): boolean {
  return /^127\./.test(l.address) || l.address === '0:0:0:0:0:0:0:1' || /^0:0:0:0:0:ffff:7f/.test(l.address);
}

/** The listeners owned by these pids (sockets a process has open, by inode). */
export async function listenersOf(pids: readonly number[]): Promise<OwnedListener[]> {
  const all = [
    ...parseProcNetTcp(await fs.readFile('/proc/net/tcp', 'utf8'), 4),
    ...parseProcNetTcp(await fs.readFile('/proc/net/tcp6', 'utf8').catch(() => ''), 6),
  ];
  const byInode = new Map(all.map((l) => [l.inode, l]));
  const owned: OwnedListener[] = [];
  for (const pid of pids) {
    const fds = await fs.readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
    const cmdline = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).replace(/\0+$/, '').replace(/\0/g, ' ');
    for (const fd of fds) {
      const link = await fs.readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
      const m = /^socket:\[(\d+)\]$/.exec(link);
      const l = m ? byInode.get(Number(m[1])) : undefined;
      if (l && !owned.some((o) => o.inode === l.inode)) owned.push({ ...l, pid, cmdline });
    }
  }
  return owned;
}

/** For assertion messages: one listener per line. */
export function describeListeners(ls: readonly OwnedListener[]): string {
  return ls.map((l) => `  ${l.family === 6 ? `[${l.address}]` : l.address}:${l.port} pid ${l.pid} ${l.cmdline}`).join('\n') || '  (no listener)';
}

/** A loopback port nothing listens on: bound, then let go (for "unreachable host" tests). */
export async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface CountingListener {
  port: number;
  /** Connections accepted so far (each is closed at once, unanswered). */
  connections(): number;
  close(): Promise<void>;
}

/** A loopback listener that only counts who connects: for "this makes no request at all" tests. */
export async function countingLoopbackListener(): Promise<CountingListener> {
  let count = 0;
  const server = createServer((socket) => {
    count++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    port,
    connections: () => count,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
