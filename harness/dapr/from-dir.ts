// Dapr binaries from a folder the user names (`--dapr-from dir:PATH`): `dapr` and `daprd` side by
// side, used where they are. Their versions are what the binaries themselves report, so a folder
// of any release works without saying which one it is.
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { ProvisionError, type DaprBinaries, type Progress } from './provision.ts';
import { reportedVersion } from './release.ts';

export async function daprFromDir(dir: string, progress: Progress): Promise<DaprBinaries> {
  const where = path.resolve(dir);
  if (!existsSync(where) || !statSync(where).isDirectory()) throw new ProvisionError(`--dapr-from dir:${dir}: ${where} is not a folder`);
  const cli = path.join(where, 'dapr');
  const daprd = path.join(where, 'daprd');
  for (const bin of [cli, daprd]) {
    if (!existsSync(bin)) throw new ProvisionError(`--dapr-from dir:${dir}: no ${path.basename(bin)} in ${where} (the folder must hold both dapr and daprd)`);
    try {
      accessSync(bin, constants.X_OK);
    } catch {
      throw new ProvisionError(`--dapr-from dir:${dir}: ${bin} is not executable (chmod +x it)`);
    }
  }
  const [cliVersion, daprdVersion] = await Promise.all([reportedVersion(cli, 'cli'), reportedVersion(daprd, 'runtime')]);
  progress(`[dapr] using dapr CLI ${cliVersion} and daprd ${daprdVersion} from ${where}`);
  return { cli: { path: cli, version: cliVersion }, daprd: { path: daprd, version: daprdVersion }, source: 'dir' };
}
