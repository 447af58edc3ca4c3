// The install cache key: an install step is skipped only when nothing that decides its result
// changed. Pure: install.ts reads the files and the stamps.
import { createHash } from 'node:crypto';

/** What decides an install step's result. */
export interface InstallKeyInputs {
  /** The step's command. */
  run: string;
  /** The toolchains' versions, in the manifest's order. */
  toolchainVersions: readonly string[];
  /** Each input file (relative path) and its content; undefined when the file is missing. */
  files: ReadonlyMap<string, Uint8Array | undefined>;
}

/**
 * A sha256 over the command, the versions and each input's name and content, NUL-separated so that
 * no two different inputs run together into the same bytes; the files in name order, so the
 * manifest's order of `inputs` does not matter.
 */
export function installKey(inputs: InstallKeyInputs): string {
  const h = createHash('sha256');
  h.update(inputs.run).update('\0').update(inputs.toolchainVersions.join(',')).update('\0');
  for (const name of [...inputs.files.keys()].sort()) {
    h.update(name).update('\0');
    h.update(inputs.files.get(name) ?? '<missing>').update('\0');
  }
  return h.digest('hex');
}

/** A step can be skipped when everything it produced is still there and its stamp is the current key. */
export function installStepUpToDate(step: { stamp: string | undefined; key: string; outputsThere: boolean }): boolean {
  return step.outputsThere && step.stamp === step.key;
}
