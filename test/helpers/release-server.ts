// A loopback HTTP server (127.0.0.1, a free port) that serves Dapr release archives laid out as
// GitHub serves them, `<mode>/<repo>/v<version>/<archive>` and `<archive>.sha256`, made from the
// binaries the project provisioned itself. The mode in the path picks how it serves:
//   ok      the archive and its true checksum
//   badsum  the archive with someone else's checksum
//   drop    the true checksum, then the connection dropped halfway through the archive body
// Under `api/` it answers as GitHub's releases API does for dapr/cli and dapr/dapr, from the lists
// recorded in test/fixtures/github-releases/ (newest first; `per_page` 30 unless asked, at most
// 100, and `page`), so the `--dapr` channels (latest, previous, rc, X.Y.x) resolve against them.
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, promises as fs, readFileSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { DaprBinaries } from '../../harness/dapr/provision.ts';
import { platformSuffix } from '../../harness/dapr/release.ts';

export interface ReleaseServer {
  /** Base URL template for `mode` (ok, badsum, drop). */
  base(mode: 'ok' | 'badsum' | 'drop'): string;
  /** Base URL of the releases API (for PARITY_GITHUB_API). */
  api: string;
  /** Requests served so far (every path, with its query). */
  requests: string[];
  archives: { cli: { file: string; sha256: string }; runtime: { file: string; sha256: string } };
  close(): Promise<void>;
}

async function sha256(file: string): Promise<string> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(file)) h.update(chunk as Buffer);
  return h.digest('hex');
}

/** Packs one binary as Dapr's release jobs do: a tar.gz holding the binary at its root. */
async function pack(bin: string, name: string, archive: string): Promise<{ file: string; sha256: string }> {
  const stage = mkdtempSync(path.join(os.tmpdir(), 'parity-stage-'));
  symlinkSync(bin, path.join(stage, name));
  // -h stores the file, not the link; gzip -1 because the test is about the path, not the ratio.
  await execa('sh', ['-c', 'tar -chf - -C "$1" "$2" | gzip -1 > "$3"', 'pack', stage, name, archive]);
  await fs.rm(stage, { recursive: true, force: true });
  return { file: archive, sha256: await sha256(archive) };
}

const RELEASE_LISTS = path.join(import.meta.dirname, '..', 'fixtures', 'github-releases');
const releaseLists: Record<string, unknown[]> = {
  'dapr/cli': JSON.parse(readFileSync(path.join(RELEASE_LISTS, 'dapr-cli.json'), 'utf8')) as unknown[],
  'dapr/dapr': JSON.parse(readFileSync(path.join(RELEASE_LISTS, 'dapr-dapr.json'), 'utf8')) as unknown[],
};

/** One page of a recorded releases list, paged as GitHub pages it; undefined for an unknown repository. */
function releasesPage(url: URL): unknown[] | undefined {
  const m = /^\/api\/repos\/([^/]+\/[^/]+)\/releases$/.exec(url.pathname);
  const list = m ? releaseLists[m[1]!] : undefined;
  if (!list) return undefined;
  const perPage = Math.min(100, Number(url.searchParams.get('per_page') ?? 30) || 30);
  const page = Math.max(1, Number(url.searchParams.get('page') ?? 1) || 1);
  return list.slice((page - 1) * perPage, page * perPage);
}

export async function startReleaseServer(dapr: DaprBinaries): Promise<ReleaseServer> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'parity-release-'));
  mkdirSync(dir, { recursive: true });
  const suffix = platformSuffix();
  const archives = {
    cli: await pack(dapr.cli.path, 'dapr', path.join(dir, `dapr_${suffix}.tar.gz`)),
    runtime: await pack(dapr.daprd.path, 'daprd', path.join(dir, `daprd_${suffix}.tar.gz`)),
  };
  const files: Record<string, { file: string; sha256: string; version: string }> = {
    [`cli/v${dapr.cli.version}/dapr_${suffix}.tar.gz`]: { ...archives.cli, version: dapr.cli.version },
    [`dapr/v${dapr.daprd.version}/daprd_${suffix}.tar.gz`]: { ...archives.runtime, version: dapr.daprd.version },
  };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    if ((req.url ?? '').startsWith('/api/')) {
      const page = releasesPage(new URL(req.url ?? '', 'http://127.0.0.1'));
      if (page) res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(page));
      else res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' }).end('{"message":"Not Found"}');
      return;
    }
    const [, mode, ...rest] = (req.url ?? '').split('/');
    let key = rest.join('/');
    const wantsSum = key.endsWith('.sha256');
    if (wantsSum) key = key.slice(0, -'.sha256'.length);
    const entry = files[key];
    if (!entry) {
      res.writeHead(404).end('Not Found');
      return;
    }
    if (wantsSum) {
      const sum = mode === 'badsum' ? createHash('sha256').update('another archive').digest('hex') : entry.sha256;
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${sum} *${path.basename(key)}\n`);
      return;
    }
    void fs.stat(entry.file).then((st) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(st.size) });
      if (mode !== 'drop') {
        createReadStream(entry.file).pipe(res);
        return;
      }
      const half = Math.floor(st.size / 2);
      const s = createReadStream(entry.file, { end: half });
      s.on('data', (c) => res.write(c));
      s.on('end', () => res.socket?.destroy());
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    base: (mode) => `http://127.0.0.1:${port}/${mode}/{repo}/v{version}/`,
    api: `http://127.0.0.1:${port}/api`,
    requests,
    archives,
    close: async () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await Promise.race([closed, new Promise((r) => setTimeout(r, 2000).unref())]);
      await fs.rm(dir, { recursive: true, force: true });
    },
  };
}
