// A multi-app run file (what `dapr run -f` reads): its apps, where each starts, what it runs, and
// the resources folders. Read here and nowhere else, so `parity init` and the runner agree on what
// a run file says. Pure: text in, a description out.
import YAML from 'yaml';

export interface RunFileApp {
  appId: string;
  /** As written: relative to the run file's folder. */
  appDirPath: string;
  appPort?: number;
  /** The daprd ports it fixes (daprHTTPPort, daprGRPCPort…), which no other sample can use at the same time. */
  daprPorts: number[];
  appProtocol?: string;
  /** The app command's words (a run file writes it as a list). */
  command: string[];
  /** The app's own resources folders, relative to its `appDirPath` (as the CLI resolves them). */
  resourcesPaths: string[];
}

export interface RunFile {
  /** `common.resourcesPath(s)`, relative to the run file's folder. */
  resourcesPaths: string[];
  apps: RunFileApp[];
  /** What could not be read, one line each (a missing app id, a command that is not a list). */
  problems: string[];
}

const asRecord = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? v as Record<string, unknown> : {});

/** `resourcesPath: x` and `resourcesPaths: [x, y]`, as one list. */
function resourcesOf(o: Record<string, unknown>): string[] {
  const one = typeof o.resourcesPath === 'string' ? [o.resourcesPath] : [];
  const many = Array.isArray(o.resourcesPaths) ? o.resourcesPaths.filter((p): p is string => typeof p === 'string') : [];
  return [...one, ...many];
}

function commandOf(v: unknown): string[] | undefined {
  if (Array.isArray(v) && v.every((w) => typeof w === 'string' || typeof w === 'number')) return v.map(String);
  // A string command is split by the CLI on spaces.
  if (typeof v === 'string') return v.split(/\s+/).filter(Boolean);
  return undefined;
}

export function parseRunFile(text: string): RunFile {
  const problems: string[] = [];
  let raw: unknown;
  try {
    raw = YAML.parse(text);
  } catch (err) {
    return { resourcesPaths: [], apps: [], problems: [`not valid YAML: ${(err as Error).message.split('\n')[0]}`] };
  }
  const top = asRecord(raw);
  const list = Array.isArray(top.apps) ? top.apps : [];
  if (list.length === 0) problems.push('lists no app (no "apps:")');
  const apps: RunFileApp[] = [];
  list.forEach((entry, i) => {
    const a = asRecord(entry);
    const appId = a.appID ?? a.appId;
    if (typeof appId !== 'string' || !appId) {
      problems.push(`apps[${i}] has no appID`);
      return;
    }
    const command = commandOf(a.command);
    if (!command?.length) problems.push(`app ${appId} has no command`);
    const port = Number(a.appPort);
    const daprPorts = ['daprHTTPPort', 'daprGRPCPort', 'daprInternalGRPCPort', 'metricsPort'].map((f) => Number(a[f])).filter((p) => Number.isInteger(p) && p > 0);
    apps.push({
      appId,
      appDirPath: typeof a.appDirPath === 'string' ? a.appDirPath : '.',
      ...(a.appPort !== undefined && Number.isInteger(port) && port > 0 ? { appPort: port } : {}),
      daprPorts,
      ...(typeof a.appProtocol === 'string' ? { appProtocol: a.appProtocol } : {}),
      command: command ?? [],
      resourcesPaths: resourcesOf(a),
    });
  });
  return { resourcesPaths: resourcesOf(asRecord(top.common)), apps, problems };
}
