// The run file the harness hands `dapr run -f`: the sample's own (or, for a single-app step, one
// written from its flags) with every path made absolute (the CLI resolves relative ones against
// the run file's folder, and the harness's copy lives elsewhere), the Dapr APIs on loopback, ports
// chosen by the harness where the sample fixed none, placement and scheduler pointed at the
// sample's own (off when it has none), the harness's Configuration where the sample gives none, and
// each app's output written to its log file as well as the console, and an app with a recorded start
// order started only once the apps it waits for are ready. Pure.
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
  /** The apps whose sidecars this app's command waits for, each with the HTTP port it asks. */
  waitsFor?: { appId: string; daprHttpPort: number }[];
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
  /** A recorded start order: app id → the apps of this file whose sidecars must be ready before its command starts. */
  after?: Readonly<Record<string, readonly string[]>>;
  /** The node that runs the wait (the harness's own, by absolute path) and the wait's cap. */
  wait?: { node: string; capSeconds: number };
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
  for (const [appId, names] of Object.entries(o.after ?? {})) {
    const i = apps.findIndex((a) => a.appId === appId);
    if (i < 0) throw new RunFileError(`starts no app ${appId}, which is to wait for ${names.join(', ')}`);
    const waitsFor = names.map((name) => {
      const target = apps.find((a) => a.appId === name);
      if (!target || name === appId) throw new RunFileError(`${appId} is to wait for ${name}, which is not another app of the file (it has ${apps.map((a) => a.appId).join(', ')})`);
      if (!target.daprHttpPort) throw new RunFileError(`${appId} is to wait for ${name}, whose sidecar's HTTP port is neither fixed nor chosen by the harness`);
      return { appId: name, daprHttpPort: target.daprHttpPort };
    });
    const command = file.apps[i]!.command;
    if (!Array.isArray(command) || command.length === 0 || !command.every((c) => typeof c === 'string')) {
      throw new RunFileError(`apps[${i}] (${appId}): command must be a list of strings to wait for ${names.join(', ')}`);
    }
    if (!o.wait) throw new RunFileError(`${appId} is to wait for ${names.join(', ')}, but no wait was given`);
    file.apps[i]!.command = waitThenExec(command, waitsFor, { ...o.wait, appId });
    apps[i]!.waitsFor = waitsFor;
  }
  return { yaml: YAML.stringify(file), apps };
}

/** How long an app with a recorded start order waits for the sidecars it names before it starts anyway. */
export const START_AFTER_CAP_S = 60;

/** The line a waiting app prints when its cap passed before every sidecar it waits for was ready. */
export const GAVE_UP_MARK = 'parity: gave up waiting';

// The wait, run by the harness's own node rather than bash's /dev/tcp: node is there wherever the
// harness runs (its absolute path, whatever PATH the sample sets), and it speaks real HTTP with a
// timeout per request, so "ready" is the status 204 itself, not a parse of a raw socket's first
// line, and a sidecar that accepts but never answers cannot hold it past its cap. It exits early
// when its parent is gone: the CLI ends an app with SIGKILL to its pid, which during the wait is
// the shell, and the wait must not outlive it. The shell passes its pid (`$$`): the wait's own
// reading of its parent at start would be too late when the shell is killed before node is up.
const WAIT_JS = [
  'const [parent, capS, app, targets] = process.argv.slice(1);',
  'const deadline = Date.now() + Number(capS) * 1000;',
  '(async () => {',
  "  for (const t of targets.split(' ')) {",
  "    const at = t.lastIndexOf('=');",
  '    const id = t.slice(0, at);',
  '    for (;;) {',
  '      if (String(process.ppid) !== parent) process.exit(1);',
  '      try {',
  `        const r = await fetch('http://${LOOPBACK}:' + t.slice(at + 1) + '/v1.0/healthz', { signal: AbortSignal.timeout(1000) });`,
  '        if (r.status === 204) break;',
  '      } catch {}',
  '      if (Date.now() > deadline) {',
  `        console.log('${GAVE_UP_MARK} ' + capS + ' s for ' + id + "'s sidecar to be ready (GET /v1.0/healthz answering 204); starting " + app + ' anyway');`,
  '        process.exit(0);',
  '      }',
  '      await new Promise((r) => setTimeout(r, 200));',
  '    }',
  '  }',
  '  process.exit(0);',
  '})();',
].join('\n');

// POSIX sh: the wait's values and the app's argv arrive as positional parameters, never spliced
// into the script, so no argument needs quoting; then `exec` replaces the shell with the app, so
// the pid the CLI holds (and kills) is the app's own and no extra process is left.
const WAIT_SH = '"$1" -e "$2" "$$" "$3" "$4" "$5"; shift 5; exec "$@"';

/** A command that waits for the given sidecars (at most `capSeconds`), then execs `argv` unchanged. */
export function waitThenExec(argv: readonly string[], waitsFor: readonly { appId: string; daprHttpPort: number }[], o: { node: string; capSeconds: number; appId: string }): string[] {
  // Several sidecars travel as one argument so the script's shift stays fixed: id=port, space-separated.
  const targets = waitsFor.map((w) => `${w.appId}=${w.daprHttpPort}`).join(' ');
  return ['/bin/sh', '-c', WAIT_SH, 'parity-wait', o.node, WAIT_JS, String(o.capSeconds), o.appId, targets, ...argv];
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
