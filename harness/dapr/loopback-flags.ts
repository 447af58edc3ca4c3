// The daprd flags that keep the listeners `dapr run` has no flag for on loopback, and the wrapper
// script that adds them to the CLI's daprd command line. Pure: home.ts probes daprd's help and
// writes the wrapper.
import { LOOPBACK } from '../processes/ports.ts';

/**
 * daprd listeners `dapr run` (CLI 1.16) has no flag for, and which daprd otherwise binds on every
 * interface: metrics (default 0.0.0.0) and the internal gRPC API (default all). Only the flags
 * this daprd's `--help` lists are used, so an older daprd still starts.
 */
export function daprdLoopbackFlags(daprdHelp: string): string[] {
  const wanted = ['--metrics-listen-address', '--dapr-internal-grpc-listen-address'];
  return wanted.filter((f) => new RegExp(`(^|\\s)${f}\\s`, 'm').test(daprdHelp)).flatMap((f) => [f, LOOPBACK]);
}

/**
 * A /bin/sh script that runs the real daprd with the CLI's arguments plus `extraArgs`. The
 * scheduler address the CLI falls back on (`localhost`, `localhost:50006`) is passed on empty: a
 * run file cannot switch the scheduler off (CLI 1.16 fills in its default), and whatever listens
 * on that port is not this run's. An address the harness gives explicitly is passed as it is.
 */
export function daprdWrapperScript(daprdPath: string, extraArgs: readonly string[]): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return [
    '#!/bin/sh',
    's=',
    'for a in "$@"; do',
    '  shift',
    '  if [ -n "$s" ]; then s=; case "$a" in localhost|localhost:50006) a=;; esac; fi',
    '  case "$a" in --scheduler-host-address) s=1;; --scheduler-host-address=localhost|--scheduler-host-address=localhost:50006) a=--scheduler-host-address=;; esac',
    '  set -- "$@" "$a"',
    'done',
    // exec: the wrapper becomes daprd (same pid), so the CLI's signals and the token sweep reach it.
    `exec ${q(daprdPath)} "$@" ${extraArgs.map(q).join(' ')}`,
    '',
  ].join('\n');
}
