// The one place a sample and a run's settings become an observe request: `parity run`,
// `parity docs --exec` and the benchmark all observe a sample through it, so a sample's own
// components, line filters and redactions can never apply to one command and not another.
import type { GoldenMode, Manifest, SampleSpec } from '../model.ts';
import { componentsFolder } from '../samples/components.ts';
import type { AttemptsRequest } from './attempts.ts';

/** What a run decides for every sample it observes (flags, security, interruption). */
export interface ObserveSettings {
  retries: number;
  mode: GoldenMode;
  /** Overrides the sample's own timeout (ms). */
  timeoutMs?: number;
  httpPort?: number;
  apiToken?: string;
  signal?: AbortSignal;
}

/** Where this observation happens: the binaries, the isolated home, the log folder, progress. */
export interface ObserveSite {
  cli: { path: string; version: string };
  runtimePath: string;
  logDir: string;
  golden: string | undefined;
  label: string;
  log: (line: string) => void;
}

/** The app a command runs: the sample's own, unless a page's dapr run names another id or command. */
export interface AppCommand {
  appId: string;
  command: string;
}

export function observeRequest(sample: SampleSpec, manifest: Pick<Manifest, 'root' | 'components'>, settings: ObserveSettings, site: ObserveSite, app: AppCommand = { appId: sample.appId, command: sample.run }): AttemptsRequest {
  return {
    cli: site.cli,
    runtimePath: site.runtimePath,
    appId: app.appId,
    resourcesPath: componentsFolder(sample, manifest),
    command: app.command,
    cwd: sample.dir,
    env: sample.env,
    pathPrepend: sample.pathPrepend,
    timeoutMs: settings.timeoutMs ?? sample.timeoutMs,
    root: manifest.root,
    httpPort: settings.httpPort,
    signal: settings.signal,
    filters: sample.filters,
    redactions: sample.redactions,
    apiToken: settings.apiToken,
    retries: settings.retries,
    logDir: site.logDir,
    golden: site.golden,
    mode: settings.mode,
    label: site.label,
    log: site.log,
  };
}
