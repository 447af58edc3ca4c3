// Where placement and scheduler come from, for the samples that need them (workflows, jobs,
// actors): always daprd's own version. A folder of binaries (`--dapr-from dir:`, or the installed
// Dapr's bin folder) must hold them beside daprd; every other source builds them from the same
// github.com/dapr/dapr module as daprd, once, into the cache. Asked only when a selected sample
// needs them, so a run without one never builds them.
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { ensureControlPlane, ProvisionError, type DaprBinaries, type Progress } from './provision.ts';

/** The two binaries, or why this machine has none: a sample needing them is then skipped with that reason. */
export type ControlPlane = { placement: string; scheduler: string; version: string } | { missing: string };

const executable = (file: string) => {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
};

/** placement and scheduler from the folder daprd is in; the reason when one is not there. Pure but for the file checks. */
export function controlPlaneBeside(daprd: string, version: string, what: string): ControlPlane {
  const dir = path.dirname(daprd);
  const absent = ['placement', 'scheduler'].filter((b) => !existsSync(path.join(dir, b)) || !executable(path.join(dir, b)));
  if (absent.length) return { missing: `${what} takes placement and scheduler from daprd's folder, and ${dir} has no executable ${absent.join(' or ')}` };
  return { placement: path.join(dir, 'placement'), scheduler: path.join(dir, 'scheduler'), version };
}

/** The control plane for these Dapr binaries: taken from their folder, or built at daprd's version. */
export async function resolveControlPlane(dapr: DaprBinaries, progress: Progress): Promise<ControlPlane> {
  const version = dapr.daprd.version;
  if (dapr.source === 'dir') return controlPlaneBeside(dapr.daprd.path, version, '--dapr-from dir:PATH');
  if (dapr.source === 'installed') return controlPlaneBeside(dapr.daprd.path, version, 'the installed Dapr');
  try {
    return { ...(await ensureControlPlane(version, progress)), version };
  } catch (err) {
    if (!(err instanceof ProvisionError)) throw err;
    return { missing: `placement and scheduler ${version} could not be built: ${err.message.split('\n')[0]}` };
  }
}

/** One resolution per harness run, shared by every sample that asks (and only if one asks). */
export function controlPlaneOnce(dapr: DaprBinaries, progress: Progress): () => Promise<ControlPlane> {
  let pending: Promise<ControlPlane> | undefined;
  return () => (pending ??= resolveControlPlane(dapr, progress));
}
