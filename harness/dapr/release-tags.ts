// Finds which Dapr versions exist, for `--dapr` specs that are not exact. Thin edge: GitHub's
// releases API where it is reachable (the nightly job), else the Go module proxy probed patch by
// patch (all a machine that builds from modules has; it answers for `X.Y.x` only).
import { execa } from 'execa';
import { pickVersion, type VersionSpec } from './matrix-spec.ts';

const REPO = { cli: 'dapr/cli', runtime: 'dapr/dapr' } as const;
const MODULE = { cli: 'github.com/dapr/cli', runtime: 'github.com/dapr/dapr' } as const;

async function githubTags(kind: 'cli' | 'runtime'): Promise<string[] | undefined> {
  const base = process.env.PARITY_GITHUB_API ?? 'https://api.github.com';
  try {
    const res = await fetch(`${base}/repos/${REPO[kind]}/releases?per_page=100`, { signal: AbortSignal.timeout(5000), headers: { accept: 'application/vnd.github+json' } });
    if (!res.ok) return undefined;
    const body = (await res.json()) as { tag_name?: string; draft?: boolean }[];
    return body.filter((r) => !r.draft && typeof r.tag_name === 'string').map((r) => r.tag_name!);
  } catch {
    return undefined;
  }
}

/** Patch releases of `minor` that the Go module proxy serves, probed upward until three in a row are missing. */
async function proxyPatches(kind: 'cli' | 'runtime', minor: string): Promise<string[]> {
  const found: string[] = [];
  for (let patch = 0, misses = 0; misses < 3 && patch < 40; patch++) {
    const r = await execa('go', ['list', '-m', '-json', `${MODULE[kind]}@v${minor}.${patch}`], { reject: false, timeout: 30_000, cwd: '/' });
    if (r.exitCode === 0) {
      found.push(`v${minor}.${patch}`);
      misses = 0;
    } else misses++;
  }
  return found;
}

/** The exact version a spec stands for, or a one-line reason it cannot be told here. */
export async function resolveVersionSpec(kind: 'cli' | 'runtime', spec: VersionSpec): Promise<{ version?: string; why?: string }> {
  if (spec.kind === 'exact') return { version: spec.version };
  const tags = await githubTags(kind);
  if (tags) {
    const v = pickVersion(spec, tags);
    return v ? { version: v } : { why: `no ${kind} release matches ${spec.kind === 'patch' ? `${spec.minor}.x` : spec.kind}` };
  }
  if (spec.kind === 'patch') {
    const v = pickVersion(spec, await proxyPatches(kind, spec.minor));
    return v ? { version: v } : { why: `no ${kind} ${spec.minor}.x is served by the Go module proxy` };
  }
  return { why: `"${spec.kind}" needs the list of Dapr releases from GitHub, which this machine cannot reach; give an exact version or X.Y.x` };
}
