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
  const asked = process.argv.some((a) => a === '-u' || a === '--update');
  return asked && process.env.CI !== 'true';
}
