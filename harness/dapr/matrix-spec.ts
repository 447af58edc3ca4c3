// `--dapr CLI@RUNTIME,…`: which Dapr versions a run covers. Pure: parsing the spec and picking a
// version out of a list of release tags; finding the tags is the caller's (network) job.
import { ExpectedError } from '../expected-error.ts';

/** A version as written: exact (`1.18.2`), newest patch of a minor (`1.17.x`), or a channel. */
export type VersionSpec =
  | { kind: 'exact'; version: string }
  | { kind: 'patch'; minor: string }
  | { kind: 'latest' | 'previous' | 'rc' };

export interface PairSpec {
  written: string;
  cli: VersionSpec;
  runtime: VersionSpec;
}

export class MatrixSpecError extends ExpectedError {
  override name = 'MatrixSpecError';
}

function parseVersion(text: string, where: string): VersionSpec {
  const t = text.trim().replace(/^v/, '');
  if (t === 'latest' || t === 'previous' || t === 'rc') return { kind: t };
  if (/^\d+\.\d+\.x$/.test(t)) return { kind: 'patch', minor: t.slice(0, -2) };
  if (/^\d+\.\d+\.\d+(?:-rc\.\d+)?$/.test(t)) return { kind: 'exact', version: t };
  throw new MatrixSpecError(`--dapr ${where}: "${text}" is not a version (use 1.18.2, 1.17.x, latest, previous or rc)`);
}

/** `1.16.5@1.18.2,1.16.5@1.17.x`; a lone version is the runtime, with the pinned CLI. */
export function parseMatrixSpec(spec: string, pinnedCli: string): PairSpec[] {
  const parts = spec.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0) throw new MatrixSpecError('--dapr names no version pair (e.g. --dapr 1.16.5@1.18.2,1.16.5@1.17.x)');
  const pairs = parts.map((written) => {
    const at = written.split('@');
    if (at.length > 2) throw new MatrixSpecError(`--dapr "${written}": one @ between the CLI and the runtime version`);
    const [cli, runtime] = at.length === 2 ? [at[0]!, at[1]!] : [pinnedCli, at[0]!];
    return { written, cli: parseVersion(cli, `"${written}"`), runtime: parseVersion(runtime, `"${written}"`) };
  });
  const seen = new Set<string>();
  for (const p of pairs) {
    if (seen.has(p.written)) throw new MatrixSpecError(`--dapr lists "${p.written}" twice`);
    seen.add(p.written);
  }
  return pairs;
}

const parse = (v: string) => {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc\.(\d+))?$/.exec(v);
  return m ? { major: +m[1]!, minor: +m[2]!, patch: +m[3]!, rc: m[4] === undefined ? undefined : +m[4] } : undefined;
};

/** Orders versions: numerically, an RC before its release. */
export function compareVersionTags(a: string, b: string): number {
  const x = parse(a)!;
  const y = parse(b)!;
  return x.major - y.major || x.minor - y.minor || x.patch - y.patch || (x.rc ?? Infinity) - (y.rc ?? Infinity);
}

/**
 * The version a spec stands for among the tags available (`v1.18.2`, `v1.19.0-rc.1`, …):
 * `latest` the newest stable, `previous` the newest stable of the minor before it, `rc` the newest
 * release candidate newer than `latest` (undefined when there is none), `X.Y.x` the newest stable
 * patch of X.Y. Undefined when nothing matches.
 */
export function pickVersion(spec: VersionSpec, tags: readonly string[]): string | undefined {
  if (spec.kind === 'exact') return spec.version;
  const all = tags.map((t) => t.replace(/^v/, '')).filter((t) => parse(t)).sort(compareVersionTags);
  const stable = all.filter((t) => parse(t)!.rc === undefined);
  const latest = stable.at(-1);
  if (spec.kind === 'latest') return latest;
  if (spec.kind === 'patch') return stable.filter((t) => t.startsWith(`${spec.minor}.`)).at(-1);
  if (spec.kind === 'previous') {
    if (!latest) return undefined;
    const l = parse(latest)!;
    return stable.filter((t) => { const v = parse(t)!; return v.major < l.major || (v.major === l.major && v.minor < l.minor); }).at(-1);
  }
  const rc = all.filter((t) => parse(t)!.rc !== undefined).at(-1);
  return rc && (!latest || compareVersionTags(rc, latest) > 0) ? rc : undefined;
}
