// The one place the Dapr versions are pinned. Nightly CI overrides them with
// PARITY_DAPR_CLI_VERSION / PARITY_DAPR_RUNTIME_VERSION (or --dapr-cli / --dapr-runtime).
//
// Why these and not newer: the Go module proxy reachable here refuses (403) the module zips of
// dapr/cli 1.17.x and 1.18.x, and dapr/dapr 1.18.3 needs durabletask-go 0.12.4, iskorotkov/avro 2.33.1
// and a pulsar-client-go fork it also refuses. 1.16.5 and 1.18.2 are the newest that build here.
export const PINNED = {
  cli: '1.16.5',
  runtime: '1.18.2',
} as const;

/**
 * A second runtime the version-matrix test runs beside PINNED.runtime: one that builds here (1.17.x
 * needs a durabletask-go the proxy refuses), and shares most of its build cache with the pin.
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

export function resolveVersions(over: { cli?: string; runtime?: string } = {}): { cli: string; runtime: string } {
  const strip = (v: string) => v.replace(/^v/, '');
  return {
    cli: strip(over.cli ?? process.env.PARITY_DAPR_CLI_VERSION ?? PINNED.cli),
    runtime: strip(over.runtime ?? process.env.PARITY_DAPR_RUNTIME_VERSION ?? PINNED.runtime),
  };
}
