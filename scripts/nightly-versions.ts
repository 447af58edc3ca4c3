// The Dapr versions the nightly job runs against, resolved from the GitHub releases of dapr/dapr
// and dapr/cli at run time: the newest stable runtime, the newest of the minor before it, and the
// newest release candidate when it is newer than the stable one, each with the CLI of its minor.
// Prints `matrix=<json>` (appended to $GITHUB_OUTPUT when set). Usage: tsx scripts/nightly-versions.ts
import { appendFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

export interface NightlyPair { cli: string; runtime: string; label: string }

interface Version { text: string; major: number; minor: number; patch: number; rc?: number }

function parse(tag: string): Version | undefined {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc\.(\d+))?$/.exec(tag.trim());
  if (!m) return undefined;
  return { text: tag.trim().replace(/^v/, ''), major: +m[1]!, minor: +m[2]!, patch: +m[3]!, rc: m[4] === undefined ? undefined : +m[4] };
}

/** Semver order, an RC before its release. */
function compare(a: Version, b: Version): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch || (a.rc ?? Infinity) - (b.rc ?? Infinity);
}
const newest = (vs: Version[]) => [...vs].sort(compare).at(-1);
const sameMinor = (a: Version, b: Version) => a.major === b.major && a.minor === b.minor;

/** The pairs to run, from the two repositories' release tags (drafts already left out). Pure. */
export function pickNightlyPairs(cliTags: string[], runtimeTags: string[]): NightlyPair[] {
  const runtimes = runtimeTags.map(parse).filter((v): v is Version => !!v);
  const clis = cliTags.map(parse).filter((v): v is Version => !!v);
  const stableClis = clis.filter((v) => v.rc === undefined);
  const stable = newest(runtimes.filter((v) => v.rc === undefined));
  if (!stable) throw new Error('no stable dapr/dapr release found');
  // The CLI of the runtime's minor (its newest stable, or for an RC its newest RC), else the newest stable CLI.
  const cliFor = (rt: Version) => (rt.rc !== undefined ? newest(clis.filter((c) => c.rc !== undefined && sameMinor(c, rt))) : undefined)
    ?? newest(stableClis.filter((c) => sameMinor(c, rt)))
    ?? newest(stableClis);
  const pair = (rt: Version, label: string): NightlyPair => {
    const cli = cliFor(rt);
    if (!cli) throw new Error('no dapr/cli release found');
    return { cli: cli.text, runtime: rt.text, label };
  };
  const pairs = [pair(stable, 'stable')];
  const previous = newest(runtimes.filter((v) => v.rc === undefined && (v.major < stable.major || (v.major === stable.major && v.minor < stable.minor))));
  if (previous) pairs.push(pair(previous, 'previous-minor'));
  const rc = newest(runtimes.filter((v) => v.rc !== undefined));
  if (rc && compare({ ...rc, rc: undefined }, stable) > 0) pairs.push(pair(rc, 'rc'));
  return pairs;
}

async function releaseTags(repo: string): Promise<string[]> {
  const headers: Record<string, string> = { accept: 'application/vnd.github+json' };
  if (process.env.GITHUB_TOKEN) headers.authorization = `Bearer ${process.env.GITHUB_TOKEN}`;
  const tags: string[] = [];
  for (let page = 1; page <= 3; page++) {
    const res = await fetch(`https://api.github.com/repos/${repo}/releases?per_page=100&page=${page}`, { headers, signal: AbortSignal.timeout(30_000) });
    if (!res.ok) throw new Error(`GitHub API ${res.status} for ${repo} releases`);
    const batch = (await res.json()) as { tag_name: string; draft: boolean }[];
    tags.push(...batch.filter((r) => !r.draft).map((r) => r.tag_name));
    if (batch.length < 100) break;
  }
  return tags;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const pairs = pickNightlyPairs(await releaseTags('dapr/cli'), await releaseTags('dapr/dapr'));
  const line = `matrix=${JSON.stringify(pairs)}`;
  console.log(line);
  if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `${line}\n`);
}
