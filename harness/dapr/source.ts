// Where the Dapr CLI and daprd come from: `--dapr-from auto|release|build|dir:PATH|installed`
// (or PARITY_DAPR_FROM). One entry point, resolveDapr, for one CLI@runtime pair; a version matrix
// calls it once per pair.
//  - release:   the official archives, checksum-verified, unpacked into the cache
//  - build:     built from the Go modules (provision.ts)
//  - dir:PATH:  a folder holding dapr and daprd, versions read from the binaries
//  - installed: the dapr on PATH and ~/.dapr/bin/daprd
//  - auto:      the cache, else release, else build; each fallback says why on one line. A source
//               takes its own pins (pins.ts): auto the release's, and the build's when it builds.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { daprFromDir } from './from-dir.ts';
import { cacheRoot as defaultCacheRoot } from '../files/cache-root.ts';
import { ensureDapr, ProvisionError, type DaprBinaries, type Progress } from './provision.ts';
import { BUILD_PINS_WHY, type PinSource, type Versions } from './pins.ts';
import { binName, DEFAULT_RELEASE_URL, fetchReleaseBinary, releaseBinaryPath, type DaprKind } from './release.ts';

export type DaprFrom =
  | { kind: 'auto' }
  | { kind: 'release' }
  | { kind: 'build' }
  | { kind: 'installed' }
  | { kind: 'dir'; path: string };

import { DAPR_FROM_HELP } from './from-help.ts';

export { DAPR_FROM_HELP };

/** Parses `auto`, `release`, `build`, `installed` or `dir:PATH` (PATH resolved against cwd). Pure. */
export function parseDaprFrom(text: string, cwd: string = process.cwd()): DaprFrom {
  const t = text.trim();
  if (t === 'auto' || t === 'release' || t === 'build' || t === 'installed') return { kind: t };
  if (t.startsWith('dir:')) {
    const p = t.slice(4);
    if (!p) throw new ProvisionError('--dapr-from dir: needs a folder, as in dir:/opt/dapr/bin');
    return { kind: 'dir', path: path.resolve(cwd, p) };
  }
  throw new ProvisionError(`--dapr-from "${text}" is not one of ${DAPR_FROM_HELP}`);
}

/**
 * The source asked for: `--use-installed-dapr` is an alias of `--dapr-from installed`. It wins over
 * a PARITY_DAPR_FROM from the environment, and is refused only next to another --dapr-from typed
 * on the same command line (`daprFromExplicit`). Pure.
 */
export function chooseDaprFrom(o: { daprFrom?: string; useInstalledDapr?: boolean; daprFromExplicit?: boolean }): DaprFrom {
  if (!o.useInstalledDapr) return parseDaprFrom(o.daprFrom ?? 'auto');
  if (o.daprFromExplicit) {
    const from = parseDaprFrom(o.daprFrom ?? 'auto');
    if (from.kind !== 'auto' && from.kind !== 'installed') throw new ProvisionError(`--use-installed-dapr means --dapr-from installed; it cannot go with --dapr-from ${o.daprFrom}`);
  }
  return { kind: 'installed' };
}

export interface ResolveDaprOptions {
  /** A parsed source or its text form (`dir:/x`, `auto`, …). */
  from: DaprFrom | string;
  /** One pair for every source, or the pair each source takes (auto downloads the release's and builds the build's). */
  versions: Versions | ((source: PinSource) => Versions);
  progress?: Progress;
  /** Cache for release archives and cached-build lookups; default ~/.cache/dapr-quickstart-parity. Builds always use the default. */
  cacheRoot?: string;
  /** Release base URL template (`{repo}`, `{version}`); default $PARITY_DAPR_RELEASE_URL, else GitHub. */
  releaseUrl?: string;
  /** Download timeouts (for tests and slow mirrors). */
  answerTimeoutMs?: number;
  stallTimeoutMs?: number;
}

/** The binaries for one CLI@runtime pair, from the source asked for. */
export async function resolveDapr(opts: ResolveDaprOptions): Promise<DaprBinaries> {
  const from = typeof opts.from === 'string' ? parseDaprFrom(opts.from) : opts.from;
  const progress = opts.progress ?? ((l: string) => process.stderr.write(`${l}\n`));
  const root = opts.cacheRoot ?? defaultCacheRoot();
  const releaseUrl = opts.releaseUrl ?? (process.env.PARITY_DAPR_RELEASE_URL || DEFAULT_RELEASE_URL);
  const versionsFor = (source: PinSource) => {
    const p = typeof opts.versions === 'function' ? opts.versions(source) : opts.versions;
    return { cli: p.cli.replace(/^v/, ''), runtime: p.runtime.replace(/^v/, '') };
  };
  const v = versionsFor(from.kind === 'build' ? 'build' : 'release');
  const vb = versionsFor('build');
  const same = v.cli === vb.cli && v.runtime === vb.runtime;
  const fetchOne = (kind: DaprKind) => fetchReleaseBinary({
    kind, version: v[kind], cacheRoot: root, baseUrl: releaseUrl, progress,
    answerTimeoutMs: opts.answerTimeoutMs, stallTimeoutMs: opts.stallTimeoutMs,
  });
  const pair = (cli: string, daprd: string, source: DaprBinaries['source']): DaprBinaries =>
    ({ cli: { path: cli, version: v.cli }, daprd: { path: daprd, version: v.runtime }, source });

  switch (from.kind) {
    case 'installed':
      return ensureDapr({ versions: v, useInstalled: true, progress });
    case 'dir':
      return daprFromDir(from.path, progress);
    case 'build':
      return ensureDapr({ versions: v, progress });
    case 'release': {
      // One after the other: two 100 MB downloads at once gain nothing on one link.
      const cli = await fetchOne('cli');
      return pair(cli, await fetchOne('runtime'), 'release');
    }
    case 'auto': {
      const cached = cachedPair(root, v);
      if (cached) return cached;
      // A machine that once had to build (no release archives) builds the build pins: reuse them
      // rather than ask the network again at every run. Only a build: older release archives in
      // the cache must not stand in for the current release.
      const built = same ? undefined : cachedPair(root, vb);
      if (built?.source === 'built') return built;
      try {
        const cli = cachedBinary(root, 'cli', v.cli)?.path ?? await fetchOne('cli');
        const daprd = cachedBinary(root, 'runtime', v.runtime)?.path ?? await fetchOne('runtime');
        return pair(cli, daprd, 'release');
      } catch (err) {
        if (!(err instanceof ProvisionError)) throw err;
        const which = same ? '' : ` CLI ${vb.cli} / daprd ${vb.runtime}`;
        progress(`[dapr] auto: no release archive (${err.message}); building${which} from Go modules instead${same ? '' : ` (the build pins: ${BUILD_PINS_WHY})`}`);
        try {
          return await ensureDapr({ versions: vb, progress });
        } catch (buildErr) {
          if (!(buildErr instanceof ProvisionError)) throw buildErr;
          throw new ProvisionError(`no Dapr CLI ${v.cli} / daprd ${v.runtime}: the release download failed (${err.message.split('\n')[0]}) and so did the build${same ? '' : ` of CLI ${vb.cli} / daprd ${vb.runtime}`} (${buildErr.message.split('\n')[0]}); try --dapr-from dir:PATH`);
        }
      }
    }
  }
}

/** A cached binary: a verified release archive first, else an earlier build. */
function cachedBinary(root: string, kind: DaprKind, version: string): { path: string; from: 'release' | 'built' } | undefined {
  const release = releaseBinaryPath(root, kind, version);
  if (existsSync(release)) return { path: release, from: 'release' };
  const built = path.join(root, 'dapr', kind, version, binName(kind));
  if (existsSync(built)) return { path: built, from: 'built' };
  return undefined;
}

/** Both binaries of the pair from the cache, touching no network; undefined when one is missing. */
export function cachedPair(root: string, v: { cli: string; runtime: string }): DaprBinaries | undefined {
  const cli = cachedBinary(root, 'cli', v.cli);
  const daprd = cachedBinary(root, 'runtime', v.runtime);
  if (!cli || !daprd) return undefined;
  return {
    cli: { path: cli.path, version: v.cli },
    daprd: { path: daprd.path, version: v.runtime },
    source: cli.from === 'release' && daprd.from === 'release' ? 'release' : 'built',
  };
}

/** What `parity doctor` says about Dapr without downloading or building anything: which versions a run will use, and where they and the binaries come from. */
export async function describeDaprSource(opts: {
  from: DaprFrom;
  /** The pair a source takes, and where each version came from (a pin, a flag, the environment). */
  versions: (source: PinSource) => { versions: Versions; origin: { cli: string; runtime: string } };
  hasGo: boolean; goHint: string; cacheRoot?: string; releaseUrl?: string;
}): Promise<{ ok: boolean; lines: string[] }> {
  const { from } = opts;
  const root = opts.cacheRoot ?? defaultCacheRoot();
  const show = (b: DaprBinaries) => [`dapr CLI   ${b.cli.version}  ${b.cli.path}`, `daprd      ${b.daprd.version}  ${b.daprd.path}`];
  const pairOf = (s: PinSource) => opts.versions(s).versions;
  const said = (s: PinSource) => {
    const { versions: p, origin: o } = opts.versions(s);
    const why = s === 'build' && o.cli === 'the build pin' ? `: ${BUILD_PINS_WHY}` : s === 'release' && o.cli === 'the release pin' ? ': the current release' : '';
    return o.cli === o.runtime ? `CLI ${p.cli} / daprd ${p.runtime} (${o.cli}s${why})` : `CLI ${p.cli} (${o.cli}) / daprd ${p.runtime} (${o.runtime})`;
  };
  if (from.kind === 'installed' || from.kind === 'dir') {
    try {
      const b = await resolveDapr({ from, versions: pairOf('release'), progress: () => {} });
      return { ok: true, lines: [...show(b), `versions   read from the binaries (${from.kind === 'dir' ? `--dapr-from dir:${from.path}` : 'the dapr on PATH and ~/.dapr/bin/daprd'}); the pins do not apply`] };
    } catch (err) {
      return { ok: false, lines: [`dapr       missing: ${(err as Error).message}`] };
    }
  }
  const url = opts.releaseUrl ?? (process.env.PARITY_DAPR_RELEASE_URL || DEFAULT_RELEASE_URL);
  const v = pairOf(from.kind === 'build' ? 'build' : 'release');
  const vb = pairOf('build');
  const missing = `CLI ${v.cli} / daprd ${v.runtime}`;
  if (from.kind === 'auto') {
    const cached = cachedPair(root, v);
    if (cached) return { ok: true, lines: [...show(cached), `versions   ${said('release')}, from the cache (${cached.source === 'release' ? 'release archives' : 'built from Go modules'})`] };
    const built = v.cli === vb.cli && v.runtime === vb.runtime ? undefined : cachedPair(root, vb);
    if (built?.source === 'built') {
      return { ok: true, lines: [...show(built), `versions   ${said('build')}, built here earlier from Go modules; auto reuses them rather than download ${missing} (\`--dapr-from release\` gets those)`] };
    }
    const fallback = `else it builds ${said('build')} from Go modules`;
    return opts.hasGo
      ? { ok: true, lines: [`dapr       not cached yet: a run downloads ${said('release')} from ${url}, ${fallback}`] }
      : { ok: false, lines: [`dapr       not cached yet: a run downloads ${said('release')} from ${url}; if that fails there is no Go to build ${said('build')}: ${opts.goHint}, or use --dapr-from dir:PATH`] };
  }
  if (from.kind === 'release') {
    const have = (['cli', 'runtime'] as const).every((k) => existsSync(releaseBinaryPath(root, k, v[k])));
    return have
      ? { ok: true, lines: [...show({ cli: { path: releaseBinaryPath(root, 'cli', v.cli), version: v.cli }, daprd: { path: releaseBinaryPath(root, 'runtime', v.runtime), version: v.runtime }, source: 'release' }), `versions   ${said('release')}, release archives from the cache`] }
      : { ok: true, lines: [`dapr       ${said('release')} not downloaded yet: the first run fetches the release archives (${url})`] };
  }
  const cachedBuild = cachedPair(root, v);
  if (cachedBuild?.source === 'built') return { ok: true, lines: [...show(cachedBuild), `versions   ${said('build')}, built from Go modules`] };
  return opts.hasGo
    ? { ok: true, lines: [`dapr       ${said('build')} not built yet: the first run builds them from Go modules (or \`npx parity provision\` now; a build is long the first time)`] }
    : { ok: false, lines: [`dapr       ${said('build')} not built, and no Go to build them: ${opts.goHint}`] };
}
