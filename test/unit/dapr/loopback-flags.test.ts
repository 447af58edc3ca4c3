import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { daprdLoopbackFlags, daprdWrapperScript } from '../../../harness/dapr/loopback-flags.ts';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();

/** Runs the wrapper for real around a stand-in that prints each argument it gets in brackets. */
function throughWrapper(daprdName: string, extra: string[], args: string[]): string {
  const dir = tempDir('parity-wrapper-');
  const fake = path.join(dir, daprdName);
  writeFileSync(fake, '#!/bin/sh\nfor a in "$@"; do printf "[%s]" "$a"; done\n', { mode: 0o755 });
  const wrapper = path.join(dir, 'wrapper');
  writeFileSync(wrapper, daprdWrapperScript(fake, extra), { mode: 0o755 });
  return execFileSync(wrapper, args).toString();
}

describe('daprdLoopbackFlags', () => {
  it('finds a flag at the start of a line or after white space, and only as a whole flag', () => {
    expect(daprdLoopbackFlags('--metrics-listen-address string')).toEqual(['--metrics-listen-address', '127.0.0.1']);
    expect(daprdLoopbackFlags('usage\n--dapr-internal-grpc-listen-address x')).toEqual(['--dapr-internal-grpc-listen-address', '127.0.0.1']);
    expect(daprdLoopbackFlags('  \t--metrics-listen-address\tstring')).toEqual(['--metrics-listen-address', '127.0.0.1']);
    // A longer flag that starts with the same name, or one glued to other text, is not it.
    expect(daprdLoopbackFlags('  --metrics-listen-address-v2 string')).toEqual([]);
    expect(daprdLoopbackFlags('  x--metrics-listen-address string')).toEqual([]);
    // The flag name must be followed by something (its type), as `--help` prints it.
    expect(daprdLoopbackFlags('  --metrics-listen-address')).toEqual([]);
  });
  it('keeps its own order (metrics first) whatever order the help lists them in', () => {
    const help = '  --dapr-internal-grpc-listen-address string\n  --metrics-listen-address string\n';
    expect(daprdLoopbackFlags(help)).toEqual(['--metrics-listen-address', '127.0.0.1', '--dapr-internal-grpc-listen-address', '127.0.0.1']);
  });
});

describe('daprdWrapperScript', () => {
  it('execs daprd with the CLI\'s arguments as they were, then the extra ones, whatever quotes the path holds', () => {
    expect(throughWrapper("it's daprd", ['--a', "it's"], ['x y', '', "q'"])).toBe("[x y][][q'][--a][it's]");
    expect(daprdWrapperScript('/bin/daprd', ['--a'])).toMatch(/^#!\/bin\/sh\n[\s\S]*\nexec '\/bin\/daprd' "\$@" '--a'\n$/);
  });
  it('passes the CLI\'s default scheduler address on empty, in both flag forms, and an explicit one as it is', () => {
    expect(throughWrapper('daprd', [], ['--scheduler-host-address', 'localhost', '--scheduler-host-address', 'localhost:50006', '--scheduler-host-address=localhost', '--scheduler-host-address=localhost:50006']))
      .toBe('[--scheduler-host-address][][--scheduler-host-address][][--scheduler-host-address=][--scheduler-host-address=]');
    expect(throughWrapper('daprd', [], ['--scheduler-host-address', '127.0.0.1:9', '--scheduler-host-address=127.0.0.1:9', 'localhost']))
      .toBe('[--scheduler-host-address][127.0.0.1:9][--scheduler-host-address=127.0.0.1:9][localhost]');
  });
});
