import { describe, expect, it } from 'vitest';
import { archiveRejection, MB, parseSha256File } from '../../../harness/dapr/release-checksum.ts';

const hex = 'ab'.repeat(32);

describe('parseSha256File', () => {
  it('reads the hash of a `sha256sum -b` line, lower-cased, and nothing from a file without one', () => {
    expect(parseSha256File(`${hex} *dapr_linux_amd64.tar.gz\n`)).toBe(hex);
    expect(parseSha256File(`${hex.toUpperCase()}  daprd_linux_amd64.tar.gz`)).toBe(hex);
    expect(parseSha256File(`  \t${hex}\n`)).toBe(hex);
    expect(parseSha256File('<html>Not Found</html>')).toBeUndefined();
    expect(parseSha256File('abc *x')).toBeUndefined();
  });
  it('takes the hash only at the start, and only 64 hex digits standing alone', () => {
    expect(parseSha256File(`x ${hex} *f`)).toBeUndefined();
    expect(parseSha256File(`${hex}c *f`)).toBeUndefined();
    expect(parseSha256File(`${hex.slice(1)} *f`)).toBeUndefined();
    expect(parseSha256File(`${'0123456789abcdefABCDEF'.repeat(3).slice(0, 64)} *f`)).toBe('0123456789abcdefABCDEF'.repeat(3).slice(0, 64).toLowerCase());
    expect(parseSha256File(`garbage\n${hex} *f`)).toBeUndefined();
  });
});

describe('MB', () => {
  it('prints bytes as MiB with one decimal', () => {
    expect(MB(0)).toBe('0.0');
    expect(MB(1_572_864)).toBe('1.5');
    expect(MB(104_857_600)).toBe('100.0');
  });
});

describe('archiveRejection', () => {
  const ok = { label: 'daprd 1.18.2', url: 'https://x/daprd.tar.gz', got: 3_145_728, total: 3_145_728, published: hex, actual: hex };
  it('keeps an archive of the announced length with the published hash, or with no length announced', () => {
    expect(archiveRejection(ok)).toBeUndefined();
    expect(archiveRejection({ ...ok, total: undefined, got: 5 })).toBeUndefined();
  });
  it('refuses a short download, before looking at its hash', () => {
    expect(archiveRejection({ ...ok, got: 1_048_576, actual: 'cd'.repeat(32) })).toBe(
      'download of daprd 1.18.2 ended after 1.0 of 3.0 MB; nothing was kept. URL https://x/daprd.tar.gz',
    );
  });
  it('refuses an archive whose hash is not the published one, naming both', () => {
    expect(archiveRejection({ ...ok, actual: 'cd'.repeat(32) })).toBe(
      `daprd 1.18.2: checksum mismatch for https://x/daprd.tar.gz: published sha256 ${hex}, downloaded ${'cd'.repeat(32)}; nothing was kept`,
    );
    expect(archiveRejection({ ...ok, total: undefined, actual: 'cd'.repeat(32) })).toMatch(/checksum mismatch/);
  });
});
