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

/** A /bin/sh script that runs the real daprd with the CLI's arguments plus `extraArgs`. */
export function daprdWrapperScript(daprdPath: string, extraArgs: readonly string[]): string {
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  // exec: the wrapper becomes daprd (same pid), so the CLI's signals and the token sweep reach it.
  return `#!/bin/sh\nexec ${q(daprdPath)} "$@" ${extraArgs.map(q).join(' ')}\n`;
}
