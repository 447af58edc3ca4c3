// The run file the harness hands `dapr run -f`: the sample's own (or, for a single-app step, one
// written from its flags) with every path made absolute (the CLI resolves relative ones against
// the run file's folder, and the harness's copy lives elsewhere), the Dapr APIs on loopback, ports
// chosen by the harness where the sample fixed none, placement and scheduler pointed at the
// sample's own (off when it has none), the harness's Configuration where the sample gives none, and
// each app's output written to its log file as well as the console. Pure.
import path from 'node:path';
import YAML from 'yaml';
import { ExpectedError } from '../expected-error.ts';
import type { DaprPorts } from '../processes/ports.ts';
import { LOOPBACK } from '../processes/ports.ts';

/** What the harness needs to know of each app it starts. */
export interface StartedApp {
  appId: string;
  /** Absolute: where the app starts and where the CLI writes `.dapr/logs`. */
  appDir: string;
  /** The port the sample fixes for the app, if any (a claim: two samples cannot use it at once). */
  appPort?: number;
  /** Ports of daprd the sample fixes. */
  fixedPorts: number[];
  /** The sidecar's HTTP port as the run file ends up giving it (fixed by the sample or chosen here). */
  daprHttpPort?: number;
}

export interface HarnessRunFile {
  yaml: string;
  apps: StartedApp[];
}

type Obj = Record<string, unknown>;

const PATH_FIELDS = ['resourcesPath', 'configFilePath', 'runtimePath'] as const;
const PORT_FIELDS = { daprHTTPPort: 'http', daprGRPCPort: 'grpc', daprInternalGRPCPort: 'internalGrpc', metricsPort: 'metrics' } as const;

function absolutize(section: Obj, base: string): void {
  for (const f of PATH_FIELDS) if (typeof section[f] === 'string' && section[f]) section[f] = path.resolve(base, section[f] as string);
  if (Array.isArray(section.resourcesPaths)) section.resourcesPaths = section.resourcesPaths.map((p) => (typeof p === 'string' ? path.resolve(base, p) : p));
}

/** Thrown for a run file the CLI would refuse, or that holds no app. */
export class RunFileError extends ExpectedError {
  override name = 'RunFileError';
}

/**
 * The harness's copy of a run file's text. `runFileDir` is where the original sits (in the scratch
 * copy); `ports` gives one set of free ports per app, in order; `appIds` from the app's folder
 * name when the file gives none, as the CLI does.
 */
export function harnessRunFile(text: string, o: {
  runFileDir: string; ports: readonly DaprPorts[];
  /** host:port of the sample's own placement and scheduler; each one absent is switched off. */
  controlPlane?: { placement?: string; scheduler?: string };
  /** The harness's Configuration (private name resolution) for apps that bring none of their own. */
  configFile?: string;
}): HarnessRunFile {
  let doc: unknown;
  try {
    doc = YAML.parse(text);
  } catch (err) {
    throw new RunFileError(`not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (!doc || typeof doc !== 'object' || !Array.isArray((doc as Obj).apps) || (doc as Obj & { apps: unknown[] }).apps.length === 0) {
    throw new RunFileError('lists no app (apps: [...])');
  }
  const file = doc as Obj & { apps: Obj[]; common?: Obj };
  const common: Obj = file.common && typeof file.common === 'object' ? file.common : {};
  absolutize(common, o.runFileDir);
  file.common = common;
  const apps: StartedApp[] = file.apps.map((app, i): StartedApp => {
    if (!app || typeof app !== 'object') throw new RunFileError(`apps[${i}] is not a mapping`);
    // As the CLI resolves them: the app's folder against the run file's, its other paths against its folder.
    app.appDirPath = path.resolve(o.runFileDir, typeof app.appDirPath === 'string' ? app.appDirPath : '.');
    absolutize(app, app.appDirPath as string);
    const appId = typeof app.appID === 'string' && app.appID ? app.appID : path.basename(app.appDirPath as string);
    app.appID = appId;
    const fixedPorts: number[] = [];
    const ports = o.ports[i];
    for (const [field, key] of Object.entries(PORT_FIELDS)) {
      const given = app[field] ?? common[field];
      if (typeof given === 'number' && given > 0) fixedPorts.push(given);
      else if (ports) app[field] = ports[key];
    }
    app.apiListenAddresses = LOOPBACK;
    // The harness's Configuration (private name resolution) for apps that bring none of their own.
    if (o.configFile && !app.configFilePath && !common.configFilePath) app.configFilePath = o.configFile;
    // Explicit empty addresses switch them off (the CLI would otherwise point daprd at localhost's
    // defaults). The run file's field, not a daprd flag: --scheduler-host-address is a list, to
    // which a flag would add an address rather than replace the CLI's.
    app.placementHostAddress = o.controlPlane?.placement ?? '';
    app.schedulerHostAddress = o.controlPlane?.scheduler ?? '';
    app.appLogDestination = 'fileAndConsole';
    app.daprdLogDestination = 'file';
    const http = app.daprHTTPPort ?? common.daprHTTPPort;
    return {
      appId, appDir: app.appDirPath as string, ...(typeof app.appPort === 'number' ? { appPort: app.appPort } : {}), fixedPorts,
      ...(typeof http === 'number' ? { daprHttpPort: http } : {}),
    };
  });
  return { yaml: YAML.stringify(file), apps };
}

/** A one-app run file for a single `dapr run --app-id … -- cmd` step, so every run is read the same way. */
export function singleAppRunFile(o: { appId: string; argv: readonly string[]; appDir: string; resources?: string; appPort?: number; appProtocol?: string }): string {
  return YAML.stringify({
    version: 1,
    apps: [{
      appID: o.appId,
      appDirPath: o.appDir,
      command: [...o.argv],
      ...(o.resources ? { resourcesPath: o.resources } : {}),
      ...(o.appPort ? { appPort: o.appPort } : {}),
      ...(o.appProtocol ? { appProtocol: o.appProtocol } : {}),
    }],
  });
}
