// The one place the Dapr versions are pinned: one pair per source. --dapr-cli / --dapr-runtime
// (or PARITY_DAPR_CLI_VERSION / PARITY_DAPR_RUNTIME_VERSION) override them for every source.
export const PINS = {
  // The current release: what `--dapr-from release` downloads, and `auto` first.
  release: { cli: '1.18.0', runtime: '1.18.3' },
  // The newest that build from the Go modules here: the proxy refuses (403) the module zips of
  // dapr/cli 1.17.x and 1.18.x, and dapr/dapr 1.18.3 needs durabletask-go 0.12.4, avro 2.33.1 and
  // a pulsar-client-go fork it also refuses.
  build: { cli: '1.16.5', runtime: '1.18.2' },
} as const;

/** Which pins a source takes: a build its own, every other source (and auto, first) the release's. */
export type PinSource = keyof typeof PINS;

/** Why the build pins are not the release's, in the line a fallback to a build prints. */
export const BUILD_PINS_WHY = 'the newest whose modules the Go proxy serves whole';

/**
 * A second runtime the version-matrix test runs beside PINS.build.runtime: one that builds here
 * (1.17.x needs a durabletask-go the proxy refuses), and shares most of its build cache with the pin.
 */
export const MATRIX_TEST_RUNTIME = '1.18.1';

/**
 * Extra `require` lines for a version whose own dependency is not served by the proxy; the
 * nearest served patch release stands in. Kept as data so a new pin needs no code change.
 */
export const EXTRA_REQUIRES: Record<string, Record<string, string[]>> = {
  cli: {
    // cli 1.16.5 → dapr 1.16.2 → components-contrib 1.16.3 (refused); 1.16.5 is served.
    '1.16.5': ['github.com/dapr/components-contrib v1.16.5'],
  },
  runtime: {},
};

export interface Versions { cli: string; runtime: string }

/** Where each of a pair's versions came from, for `parity doctor`. */
export interface VersionOrigin { cli: string; runtime: string }

/** The versions a source uses: an override (flag, then environment) wins, else the source's pin. */
export function resolveVersions(over: { cli?: string; runtime?: string } = {}, source: PinSource = 'release'): Versions {
  return resolveVersionsWithOrigin(over, source).versions;
}

export function resolveVersionsWithOrigin(over: { cli?: string; runtime?: string } = {}, source: PinSource = 'release'): { versions: Versions; origin: VersionOrigin } {
  const strip = (v: string) => v.replace(/^v/, '');
  const pick = (kind: 'cli' | 'runtime', flag: string, env: string): [string, string] => {
    if (over[kind]) return [strip(over[kind]!), flag];
    if (process.env[env]) return [strip(process.env[env]!), env];
    return [PINS[source][kind], `the ${source} pin`];
  };
  const [cli, cliFrom] = pick('cli', '--dapr-cli', 'PARITY_DAPR_CLI_VERSION');
  const [runtime, runtimeFrom] = pick('runtime', '--dapr-runtime', 'PARITY_DAPR_RUNTIME_VERSION');
  return { versions: { cli, runtime }, origin: { cli: cliFrom, runtime: runtimeFrom } };
}
