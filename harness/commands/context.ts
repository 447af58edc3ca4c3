// What every command handler is given by the command line (cli.ts): the global options, where
// progress goes, the Dapr binaries those options ask for, and the run's interruption.
import type { DaprBinaries } from '../dapr/provision.ts';

export interface GlobalOpts {
  root: string;
  useInstalledDapr: boolean;
  daprFrom?: string;
  /** --dapr-from was typed on the command line (not PARITY_DAPR_FROM, not the default). */
  daprFromExplicit?: boolean;
  daprReleaseUrl?: string;
  daprCli?: string;
  daprRuntime?: string;
}

export interface CommandContext {
  log: (line: string) => void;
  /** The binaries the global options ask for, resolved (built, found) once per process. */
  dapr: () => Promise<DaprBinaries>;
  /** Aborted on the first SIGINT/SIGTERM. */
  signal: AbortSignal;
  /** The signal that stopped the run, if one did (the exit code says which). */
  interrupted: () => NodeJS.Signals | undefined;
}
