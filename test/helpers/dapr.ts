// The real Dapr for e2e tests: from where PARITY_DAPR_FROM says (default auto: the project's cache,
// else a release download, else a build from Go modules). Never skipped: when none of them works
// the provisioning fails loudly and so do the tests.
import { resolveVersions } from '../../harness/dapr/pins.ts';
import type { DaprBinaries } from '../../harness/dapr/provision.ts';
import { resolveDapr } from '../../harness/dapr/source.ts';

let binaries: Promise<DaprBinaries> | undefined;

export function realDapr(): Promise<DaprBinaries> {
  binaries ??= resolveDapr({ from: process.env.PARITY_DAPR_FROM || 'auto', versions: (source) => resolveVersions({}, source), progress: (l) => process.stderr.write(`${l}\n`) });
  return binaries;
}

/** `vitest -u` / `--update` asks to accept new goldens; CI never does. */
export function updateRequested(): boolean {
  return process.env.PARITY_VITEST_UPDATE === '1' && process.env.CI !== 'true';
}
