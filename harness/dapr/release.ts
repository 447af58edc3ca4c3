// Gets one Dapr binary from its official release archive (`dapr_<os>_<arch>.tar.gz` of dapr/cli,
// `daprd_<os>_<arch>.tar.gz` of dapr/dapr), checked against the `<archive>.sha256` published beside
// it, unpacked into the cache. The archive streams to a temp folder inside the cache and only a
// verified, runnable binary is renamed into place: a failed or broken-off download leaves nothing.
import { createHash } from 'node:crypto';
import { createWriteStream, existsSync, promises as fs } from 'node:fs';
import path from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { execa } from 'execa';
import { ProvisionError, type Progress } from './provision.ts';
import { makeDirs } from '../files/make-dirs.ts';
import { archiveRejection, MB, parseSha256File } from './release-checksum.ts';

export type DaprKind = 'cli' | 'runtime';

/** Where release archives come from; `{repo}` is cli or dapr, `{version}` the version without v. */
export const DEFAULT_RELEASE_URL = 'https://github.com/dapr/{repo}/releases/download/v{version}/';

const KINDS: Record<DaprKind, { repo: string; bin: string; label: string }> = {
  cli: { repo: 'cli', bin: 'dapr', label: 'dapr CLI' },
  runtime: { repo: 'dapr', bin: 'daprd', label: 'daprd' },
};

export function binName(kind: DaprKind): string {
  return KINDS[kind].bin;
}

/** `linux_amd64`, `darwin_arm64`, …: the os/arch part of the release archive names. Pure. */
export function platformSuffix(platform: string = process.platform, arch: string = process.arch): string {
  const os = ({ linux: 'linux', darwin: 'darwin' } as Record<string, string>)[platform];
  const cpu = ({ x64: 'amd64', arm64: 'arm64', arm: 'arm' } as Record<string, string>)[arch];
  if (!os || !cpu) throw new ProvisionError(`no Dapr release archive for ${platform}/${arch} (tar.gz archives exist for linux and darwin on amd64/arm64); use --dapr-from build or dir:PATH`);
  return `${os}_${cpu}`;
}

/**
 * The archive's URL. The base is a template with `{repo}` and `{version}`; a base with neither
 * (a plain mirror root) gets `{repo}/v{version}/` appended. Pure.
 */
export function releaseAssetUrl(base: string, kind: DaprKind, version: string, suffix: string): string {
  const v = version.replace(/^v/, '');
  let dir = /\{repo\}|\{version\}/.test(base) ? base : `${base.replace(/\/?$/, '/')}{repo}/v{version}/`;
  dir = dir.replaceAll('{repo}', KINDS[kind].repo).replaceAll('{version}', v);
  return `${dir.replace(/\/?$/, '/')}${KINDS[kind].bin}_${suffix}.tar.gz`;
}

/** Where a release binary lives in the cache (apart from built ones: they are not the same file). */
export function releaseBinaryPath(cacheRoot: string, kind: DaprKind, version: string): string {
  return path.join(cacheRoot, 'dapr', 'release', kind, version.replace(/^v/, ''), KINDS[kind].bin);
}

export interface FetchReleaseOptions {
  kind: DaprKind;
  version: string;
  cacheRoot: string;
  baseUrl?: string;
  progress: Progress;
  /** How long to wait for a server's answer (headers), and for the next bytes of a body. */
  answerTimeoutMs?: number;
  stallTimeoutMs?: number;
  /** Progress line interval while an archive downloads. */
  progressEveryMs?: number;
  platform?: string;
  arch?: string;
}

function causeOf(err: unknown): string {
  const e = err as { name?: string; message?: string; cause?: { code?: string; message?: string } };
  if (e.name === 'TimeoutError' || e.name === 'AbortError') return e.message ?? 'timed out';
  const c = e.cause;
  if (c?.code) return `${c.code}${c.message && !c.message.includes(c.code) ? `: ${c.message}` : ''}`;
  return c?.message ?? e.message ?? String(err);
}

/** A GET that fails in seconds, as one line, when the host cannot be reached or does not answer. */
async function get(url: string, what: string, answerMs: number, signal: AbortSignal): Promise<Response> {
  const timer = AbortSignal.timeout(answerMs);
  try {
    const res = await fetch(url, { signal: AbortSignal.any([signal, timer]), redirect: 'follow' });
    return res;
  } catch (err) {
    const why = timer.aborted ? `no answer in ${Math.round(answerMs / 1000)}s` : causeOf(err);
    throw new ProvisionError(`cannot download ${what}: ${new URL(url).host} unreachable (${why}); URL ${url}`);
  }
}

function notFound(what: string, version: string, url: string, status: number): ProvisionError {
  return status === 404
    ? new ProvisionError(`${what}: no release v${version} at ${url} (HTTP 404); check the version, or the base URL (--dapr-release-url)`)
    : new ProvisionError(`${what}: HTTP ${status} from ${url}`);
}

/** Downloads, verifies and unpacks one binary into the cache (or reuses it); returns its path. */
export async function fetchReleaseBinary(o: FetchReleaseOptions): Promise<string> {
  const { kind, progress } = o;
  const version = o.version.replace(/^v/, '');
  const final = releaseBinaryPath(o.cacheRoot, kind, version);
  if (existsSync(final)) return final;
  const label = `${KINDS[kind].label} ${version}`;
  const url = releaseAssetUrl(o.baseUrl ?? DEFAULT_RELEASE_URL, kind, version, platformSuffix(o.platform, o.arch));
  const answerMs = o.answerTimeoutMs ?? 15_000;
  const stallMs = o.stallTimeoutMs ?? 60_000;
  const abort = new AbortController();

  // The published checksum first: no point fetching 100 MB that cannot be verified.
  const shaRes = await get(`${url}.sha256`, `the checksum of ${label}`, answerMs, abort.signal);
  if (!shaRes.ok) throw notFound(`${label} checksum`, version, `${url}.sha256`, shaRes.status);
  const published = parseSha256File(await shaRes.text());
  if (!published) throw new ProvisionError(`${label}: ${url}.sha256 holds no sha256 hash`);

  const releaseDir = path.dirname(path.dirname(path.dirname(final)));
  await makeDirs(releaseDir);
  const work = await fs.mkdtemp(path.join(releaseDir, `.download-${kind}-${version}-`));
  try {
    const res = await get(url, label, answerMs, abort.signal);
    if (!res.ok || !res.body) throw notFound(label, version, url, res.status);
    const total = Number(res.headers.get('content-length')) || undefined;
    progress(`[dapr] downloading ${label} from ${url}${total ? ` (${MB(total)} MB)` : ''}`);
    const archive = path.join(work, path.basename(new URL(url).pathname));
    const hash = createHash('sha256');
    let got = 0;
    let stall = setTimeout(() => abort.abort(new Error(`no data for ${stallMs / 1000}s`)), stallMs);
    const count = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        hash.update(chunk);
        got += chunk.length;
        clearTimeout(stall);
        stall = setTimeout(() => abort.abort(new Error(`no data for ${stallMs / 1000}s`)), stallMs);
        cb(null, chunk);
      },
    });
    const started = Date.now();
    const ticker = setInterval(() => {
      const pct = total ? ` of ${MB(total)} MB (${Math.floor((got / total) * 100)}%)` : ' MB';
      progress(`[dapr] ${label}: ${Math.round((Date.now() - started) / 1000)}s, ${MB(got)}${pct}`);
    }, o.progressEveryMs ?? 5_000);
    try {
      await pipeline(Readable.fromWeb(res.body as WebReadableStream<Uint8Array>), count, createWriteStream(archive));
    } catch (err) {
      throw new ProvisionError(`download of ${label} broke off after ${MB(got)}${total ? ` of ${MB(total)}` : ''} MB (${causeOf(err)}); nothing was kept. URL ${url}`);
    } finally {
      clearTimeout(stall);
      clearInterval(ticker);
    }
    const actual = hash.digest('hex');
    const rejection = archiveRejection({ label, url, got, total, published, actual });
    if (rejection) throw new ProvisionError(rejection);

    const bin = await unpack(archive, path.join(work, 'unpacked'), KINDS[kind].bin, label);
    await checkVersion(bin, kind, version, label);
    const out = path.join(work, 'out');
    await fs.mkdir(out);
    await fs.rename(bin, path.join(out, KINDS[kind].bin));
    await makeDirs(path.dirname(path.dirname(final)));
    try {
      await fs.rename(out, path.dirname(final));
    } catch (err) {
      // Another run put the same verified binary there first.
      if (!existsSync(final)) throw err;
    }
    progress(`[dapr] ${label}: sha256 ${actual.slice(0, 12)}… matches the published one; unpacked to ${final}`);
    return final;
  } finally {
    abort.abort();
    await fs.rm(work, { recursive: true, force: true });
  }
}

async function unpack(archive: string, into: string, bin: string, label: string): Promise<string> {
  await makeDirs(into);
  const r = await execa('tar', ['-xzf', archive, '-C', into], { reject: false });
  if (r.exitCode !== 0) throw new ProvisionError(`${label}: cannot unpack ${path.basename(archive)} (${(r.stderr || r.shortMessage || '').split('\n')[0]})`);
  // Dapr's archives hold the binary at their root; a mirror may have nested it one level.
  const candidates = [path.join(into, bin), ...(await fs.readdir(into, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => path.join(into, d.name, bin))];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new ProvisionError(`${label}: ${path.basename(archive)} holds no ${bin}`);
  await fs.chmod(found, 0o755);
  return found;
}

/** The version a binary reports: `dapr version` → "CLI version: X", `daprd --version` → "X". */
export async function reportedVersion(bin: string, kind: DaprKind): Promise<string> {
  const args = kind === 'cli' ? ['version'] : ['--version'];
  const r = await execa(bin, args, { reject: false, timeout: 20_000, env: { NO_COLOR: '1' } });
  if (r.failed) throw new ProvisionError(`${bin} does not run (${(r.shortMessage ?? '').split('\n')[0]})`);
  const text = String(r.stdout).trim();
  const v = kind === 'cli' ? /CLI version:\s*(\S+)/.exec(text)?.[1] : text.split('\n')[0]?.trim();
  if (!v) throw new ProvisionError(`${bin} ${args.join(' ')} printed no version: ${text.split('\n')[0] ?? ''}`);
  return v.replace(/^v/, '');
}

async function checkVersion(bin: string, kind: DaprKind, version: string, label: string): Promise<void> {
  const v = await reportedVersion(bin, kind);
  if (v !== version) throw new ProvisionError(`${label}: the archive holds version ${v}, not ${version}; nothing was kept`);
}
