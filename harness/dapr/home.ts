// An isolated Dapr home per harness run: `--runtime-path` points the CLI here, so the user's
// ~/.dapr is never read or written, and no `dapr init` (which needs Docker) is required.
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempPaths } from '../run/active.ts';

export const MINIMAL_CONFIG = `apiVersion: dapr.io/v1alpha1
kind: Configuration
metadata:
  name: daprConfig
spec: {}
`;

export interface DaprHome {
  /** The value for `--runtime-path` (the folder holding `.dapr`). */
  runtimePath: string;
  dispose(): Promise<void>;
}

export async function createIsolatedHome(daprdPath: string): Promise<DaprHome> {
  const runtimePath = await fs.mkdtemp(path.join(os.tmpdir(), 'parity-dapr-home-'));
  const bin = path.join(runtimePath, '.dapr', 'bin');
  await fs.mkdir(bin, { recursive: true });
  await fs.symlink(daprdPath, path.join(bin, 'daprd'));
  await fs.writeFile(path.join(runtimePath, '.dapr', 'config.yaml'), MINIMAL_CONFIG);
  tempPaths.add(runtimePath);
  return {
    runtimePath,
    dispose: async () => {
      await fs.rm(runtimePath, { recursive: true, force: true });
      tempPaths.delete(runtimePath);
    },
  };
}
