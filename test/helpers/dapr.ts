// The real Dapr for e2e tests: built (or reused from the cache) by the project's own provisioner.
// Never skipped: without Go or the module proxy the provisioning fails loudly and so do the tests.
import { resolveVersions } from '../../harness/dapr/pins.ts';
import { ensureDapr, type DaprBinaries } from '../../harness/dapr/provision.ts';

let binaries: Promise<DaprBinaries> | undefined;

export function realDapr(): Promise<DaprBinaries> {
  binaries ??= ensureDapr({ versions: resolveVersions(), progress: (l) => process.stderr.write(l + '\n') });
  return binaries;
}

/** `vitest -u` / `--update` asks to accept new goldens; CI never does. */
export function updateRequested(): boolean {
  return process.env.PARITY_VITEST_UPDATE === '1' && process.env.CI !== 'true';
}
