// Whether a downloaded release archive is the one Dapr published: as long as the server announced
// and with the sha256 of the `<archive>.sha256` beside it. Pure: release.ts streams and hashes.

/** Bytes as MB with one decimal, for progress and error lines. */
export const MB = (n: number) => (n / 1024 / 1024).toFixed(1);

/** The hash in a `sha256sum -b` line (`<hex> *<file>`), which is what Dapr's release jobs publish. */
export function parseSha256File(text: string): string | undefined {
  return /^\s*([0-9a-fA-F]{64})\b/.exec(text)?.[1]?.toLowerCase();
}

export interface DownloadedArchive {
  /** `daprd 1.18.2`, say. */
  label: string;
  url: string;
  /** Bytes received, and the server's content-length if it sent one. */
  got: number;
  total: number | undefined;
  /** The published hash (lower case, parseSha256File's) and the downloaded bytes' (hex). */
  published: string;
  actual: string;
}

/** Why the archive must not be kept, in one line; undefined when it is the published one. */
export function archiveRejection(a: DownloadedArchive): string | undefined {
  if (a.total !== undefined && a.got !== a.total) {
    return `download of ${a.label} ended after ${MB(a.got)} of ${MB(a.total)} MB; nothing was kept. URL ${a.url}`;
  }
  if (a.actual !== a.published) {
    return `${a.label}: checksum mismatch for ${a.url}: published sha256 ${a.published}, downloaded ${a.actual}; nothing was kept`;
  }
  return undefined;
}
