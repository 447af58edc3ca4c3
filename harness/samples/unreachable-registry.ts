// Tells an install that failed because its package registry cannot be reached (no route, refused,
// no DNS) from one that failed on the sample itself (a typo, a version the registry lacks). The
// first means the sample cannot run on this machine: skipped with the reason, like a missing
// toolchain. The second is the sample's fault: failed. Pure: reads the install's output.

export interface UnreachableRegistry {
  /** The registry, as specific as the tool's output allows. */
  registry: string;
  /** The output line that shows it, from the failed request on, shortened. */
  evidence: string;
}

/** Connection-level failures only: a 403 or 404 is an answer, so the registry is reachable. */
const NO_CONNECTION = /connection refused|ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|no such host|name or service not known|temporary failure in name resolution|unknown ?host|network is unreachable|no route to host|connect timed out|i\/o timeout/i;

interface Signature {
  /** Matches the line naming the failed request; group 1, when the pattern has one, is the URL it always captures. */
  line: RegExp;
  describe: (url: string | undefined) => string;
}

/** The origin of a captured URL; undefined when it does not parse (`http://[bad`). */
const origin = (url: string): string | undefined => (URL.canParse(url) ? new URL(url).origin : undefined);

const SIGNATURES: Signature[] = [
  {
    // pip -q keeps its warnings: "Retrying (Retry(total=0, …)) after connection broken by 'NewConnectionError(…)': /simple/dapr/"
    line: /after connection broken by '(?:NewConnectionError|ConnectTimeoutError)/,
    describe: () => 'the Python package index (PyPI, or PIP_INDEX_URL)',
  },
  {
    // Maven: "Could not transfer artifact g:a:pom:v from/to central (https://repo.maven.apache.org/maven2): … Connection refused"
    line: /Could not transfer artifact \S+ from\/to \S+ \((https?:\/\/[^)\s]+)\)/,
    describe: (url) => `the Maven repository ${url}`,
  },
  {
    // npm: "FetchError: request to https://registry.npmjs.org/x failed, reason: connect ECONNREFUSED …"
    line: /request to (https?:\/\/\S+) failed, reason:/,
    describe: (url) => `the npm registry ${origin(url!) ?? ''}`.trim(),
  },
  {
    // go: 'Get "https://proxy.golang.org/…/@v/v1.0.0.zip": dial tcp 1.2.3.4:443: connect: connection refused'
    line: /Get "(https?:\/\/[^"]+)": dial tcp/,
    describe: (url) => `the Go module proxy ${origin(url!) ?? ''}`.trim(),
  },
  {
    // dotnet restore: "Unable to load the service index for source https://api.nuget.org/v3/index.json."
    line: /Unable to load the service index for source (https?:\/\/\S+?)\.?$/,
    describe: (url) => `the NuGet feed ${url}`,
  },
];

const EVIDENCE_MAX = 200;

/**
 * The registry an install could not reach, judged from its output; undefined when the output shows
 * no connection-level failure of a known installer (then the failure is the sample's).
 */
export function unreachableRegistry(output: string): UnreachableRegistry | undefined {
  const lines = output.split(/\r?\n/);
  for (const sig of SIGNATURES) {
    for (const [i, line] of lines.entries()) {
      const m = sig.line.exec(line);
      if (!m) continue;
      // NuGet and npm print the cause on the lines after the request line.
      const context = lines.slice(i, i + 4).join(' ');
      if (!NO_CONNECTION.test(context)) continue;
      // From the request on: Maven and pip put long preambles before it.
      const evidence = line.slice(m.index).trim();
      return {
        registry: sig.describe(m[1]),
        evidence: evidence.length > EVIDENCE_MAX ? `${evidence.slice(0, EVIDENCE_MAX - 1)}…` : evidence,
      };
    }
  }
  return undefined;
}

/** The skip reason a report shows. */
export function unreachableReason(found: UnreachableRegistry): string {
  return `its install needs ${found.registry}, which cannot be reached from this machine (${found.evidence})`;
}

/** A table cell's short form of such a reason (`<registry> unreachable`); undefined for any other reason. */
export function unreachableCell(reason: string): string | undefined {
  const registry = /^(?:--strict: )?its install needs (.+?), which cannot be reached from this machine/.exec(reason)?.[1];
  return registry === undefined ? undefined : `${registry} unreachable`;
}
