import { describe, expect, it } from 'vitest';
import { daprdLoopbackFlags, daprdWrapperScript } from '../../../harness/dapr/loopback-flags.ts';

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
  it('execs daprd with the CLI\'s arguments, then the extra ones, each single-quoted', () => {
    expect(daprdWrapperScript('/bin/daprd', ['--a', "it's"])).toBe(`#!/bin/sh\nexec '/bin/daprd' "$@" '--a' 'it'\\''s'\n`);
    expect(daprdWrapperScript("/o/'a'/daprd", [])).toBe(`#!/bin/sh\nexec '/o/'\\''a'\\''/daprd' "$@" \n`);
  });
});
