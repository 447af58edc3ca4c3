// What a toolchain needs in its environment to print only what the program prints. Applied to
// every sample that names the toolchain, for its install steps and its run, under the sample's
// own `env` (which wins). Pure data.
import type { Toolchain } from '../model.ts';

export const TOOLCHAIN_ENV: Readonly<Partial<Record<Toolchain, Readonly<Record<string, string>>>>> = {
  // On a new HOME the first `dotnet` command prints a welcome banner, a telemetry notice and an
  // HTTPS developer-certificate notice before the app's own output; later ones can announce
  // workload updates. None of it is the app's, and none of it comes back on a second run.
  dotnet: {
    DOTNET_NOLOGO: '1',
    DOTNET_CLI_TELEMETRY_OPTOUT: '1',
    DOTNET_GENERATE_ASPNET_CERTIFICATE: 'false',
    DOTNET_CLI_WORKLOAD_UPDATE_NOTIFY_DISABLE: '1',
  },
};

/** The variables the named toolchains need, merged in order. */
export function toolchainEnv(names: readonly Toolchain[]): Record<string, string> {
  return Object.assign({}, ...names.map((n) => TOOLCHAIN_ENV[n] ?? {}));
}
