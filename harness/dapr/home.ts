// An isolated Dapr home per harness run: `--runtime-path` points the CLI here, so the user's
// ~/.dapr is never read or written, and no `dapr init` (which needs Docker) is required.
import { execa } from 'execa';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tempPaths } from '../processes/active.ts';
import { recordTempPath } from '../processes/session.ts';
import { makeDirs } from '../files/make-dirs.ts';
import { daprdLoopbackFlags, daprdWrapperScript } from './loopback-flags.ts';
import { daprConfigYaml } from './config.ts';
import { cachedProbe } from '../probe-cache.ts';

export const MINIMAL_CONFIG = daprConfigYaml();

async function daprdHelp(daprdPath: string): Promise<string> {
  // Go's flag package prints usage on stderr and exits 2; a daprd that cannot run gives nothing.
  const r = await execa(daprdPath, ['--help'], { reject: false, all: true, timeout: 10_000, stdin: 'ignore' }).catch(() => undefined);
  return String(r?.all ?? '');
}

export interface DaprHome {
  /** The value for `--runtime-path` (the folder holding `.dapr`). */
  runtimePath: string;
  dispose(): Promise<void>;
}

export interface IsolatedHomeOptions {
  /** config.yaml's content; default the minimal config (see dapr/config.ts for scoped ones). */
  config?: string;
}

export async function createIsolatedHome(daprdPath: string, opts: IsolatedHomeOptions = {}): Promise<DaprHome> {
  const runtimePath = await fs.mkdtemp(path.join(os.tmpdir(), 'parity-dapr-home-'));
  recordTempPath(runtimePath);
  const bin = path.join(runtimePath, '.dapr', 'bin');
  await makeDirs(bin);
  // What `dapr init` would leave there, minus its redis components: a run file that names no
  // resources folder gets the CLI's default, which must exist or the CLI refuses the run.
  await makeDirs(path.join(runtimePath, '.dapr', 'components'));
  // Which flags this daprd takes is the same every run while the binary is unchanged: probed once.
  const flags = await cachedProbe(daprdPath, 'daprd-loopback-flags', async () => JSON.stringify(daprdLoopbackFlags(await daprdHelp(daprdPath))));
  const extra = JSON.parse(flags ?? '[]') as string[];
  // A daprd that cannot run (or lists none of the flags) is linked as it is, so the CLI's own
  // exec error still names it.
  if (extra.length) await fs.writeFile(path.join(bin, 'daprd'), daprdWrapperScript(daprdPath, extra), { mode: 0o755 });
  else await fs.symlink(daprdPath, path.join(bin, 'daprd'));
  await fs.writeFile(path.join(runtimePath, '.dapr', 'config.yaml'), opts.config ?? MINIMAL_CONFIG);
  // Where the CLI points a run file's app that names no resources folder (a jobs sample needs no
  // component): `dapr init` makes it; empty here, so such an app starts with no components.
  await makeDirs(path.join(runtimePath, '.dapr', 'components'));
  tempPaths.add(runtimePath);
  return {
    runtimePath,
    dispose: async () => {
      await fs.rm(runtimePath, { recursive: true, force: true });
      tempPaths.delete(runtimePath);
    },
  };
}
