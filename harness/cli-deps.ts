// Everything the `parity` commands do, behind one dynamic import: `parity --help` (and a bad
// option) starts without loading execa, zod, yaml, the runner or the provisioner.
export { ensureDapr, findCached, ProvisionError } from './dapr/provision.ts';
export { chooseDaprFrom, describeDaprSource, resolveDapr } from './dapr/source.ts';
export { controlPlaneBeside } from './dapr/control-plane.ts';
export { MATRIX_TEST_RUNTIME, resolveVersions, resolveVersionsWithOrigin } from './dapr/pins.ts';
export { MatrixSpecError, parseMatrixSpec } from './dapr/matrix-spec.ts';
export { resolveVersionSpec } from './dapr/release-tags.ts';
export { updateRefusal } from './golden/store.ts';
export { acquireLock, LockError } from './lock.ts';
export { checkInputs } from './preflight.ts';
export { InputError } from './input-error.ts';
export { BaselineError, lastDurations, loadBaseline, markChanges } from './report/baseline.ts';
export { exitCode } from './report/exit-code.ts';
export { fanOut, runReporters } from './report/reporter.ts';
export { endAllRuns } from './processes/active.ts';
export { startSupervision } from './processes/supervise.ts';
export { runMatrix, runSamples } from './runner.ts';
export { SECRET_KEY } from './parity/check.ts';
export { describeSecurity, securitySettings } from './security/options.ts';
export { announceTreeCommands } from './security/tree-commands.ts';
export { loadManifest, ManifestError, selectSamples } from './samples/manifest.ts';
export { toolchain } from './samples/toolchains.ts';
export { redisAvailability } from './services/redis.ts';
export { postgresAvailability } from './services/postgres.ts';
