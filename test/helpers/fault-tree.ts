// Builds a small sample tree in a temp folder for a fault test: its own samples.yaml, components/,
// secrets.json, goldens and tiny apps (python3 or sh, quick to start). Every piece can be replaced
// or removed to build the fault.
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { InstallStep, Language, Toolchain, Variant } from '../../harness/model.ts';

export const SECRET_LINE = 'Fetched Secret: {"secret":"YourPasskeyHere"}';
export const CLEAN_GOLDEN = `${SECRET_LINE}\n`;
export const SECRETS_JSON = '{"secret": "YourPasskeyHere"}\n';

/** The quickstart's store, reading `secretsFile` relative to the sample folder (three levels down). */
export function localFileComponent(opts: { type?: string; secretsFile?: string; name?: string } = {}): string {
  return [
    'apiVersion: dapr.io/v1alpha1',
    'kind: Component',
    'metadata:',
    `  name: ${opts.name ?? 'localsecretstore'}`,
    'spec:',
    `  type: ${opts.type ?? 'secretstores.local.file'}`,
    '  version: v1',
    '  metadata:',
    '    - name: secretsFile',
    `      value: ${opts.secretsFile ?? '../../../secrets.json'}`,
    '    - name: nestedSeparator',
    '      value: ":"',
    '',
  ].join('\n');
}

/**
 * A python3 app that asks the sidecar for the secret over HTTP, as the quickstart's python/http
 * sample does, and prints the sidecar's answer (or its error and exits 1).
 */
export const HTTP_SECRET_APP = `import os, sys, urllib.request, urllib.error
url = 'http://localhost:%s/v1.0/secrets/localsecretstore/secret' % os.environ['DAPR_HTTP_PORT']
try:
    body = urllib.request.urlopen(url, timeout=10).read().decode()
except urllib.error.HTTPError as err:
    print('Failed to get secret: HTTP %d %s' % (err.code, err.read().decode().strip()), flush=True)
    sys.exit(1)
print('Fetched Secret: ' + body, flush=True)
`;

export interface FaultSample {
  language?: Language;
  variant?: Variant;
  /** Folder under the tree; default samples/<language>/<variant> (daprd resolves secretsFile from it). */
  dir?: string;
  /** The manifest's run command (what follows `--` in `dapr run`). */
  run: string;
  toolchains?: Toolchain[];
  install?: Partial<InstallStep>[];
  env?: Record<string, string>;
  timeoutSeconds?: number;
  /** Files written into the sample folder (e.g. the app). */
  files?: Record<string, string>;
  /** Golden content at expected/<language>-<variant>.txt; null for none; default the clean line. */
  golden?: string | null;
}

export interface FaultTreeOptions {
  samples: FaultSample[];
  /** Files of the components folder; default one local-file secret store. */
  components?: Record<string, string>;
  /** Content of the manifest's secrets.json; null to leave it out. */
  secrets?: string | null;
  /** Any other files, relative to the tree root (e.g. an orphan golden). */
  files?: Record<string, string>;
  defaultTimeoutSeconds?: number;
  /** Extra top-level manifest fields (e.g. apiToken, secretScopes). */
  manifest?: Record<string, unknown>;
}

export interface FaultTree {
  root: string;
  path(...parts: string[]): string;
  sampleDir(index?: number): string;
}

const made: string[] = [];

export function makeFaultTree(opts: FaultTreeOptions): FaultTree {
  const root = mkdtempSync(path.join(os.tmpdir(), 'parity-fault-'));
  made.push(root);
  const write = (rel: string, content: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, content);
  };
  mkdirSync(path.join(root, 'components'), { recursive: true });
  for (const [name, content] of Object.entries(opts.components ?? { 'secretstore.yaml': localFileComponent() })) write(path.join('components', name), content);
  if (opts.secrets !== null) write('secrets.json', opts.secrets ?? SECRETS_JSON);
  const dirs: string[] = [];
  const entries = opts.samples.map((s) => {
    const language = s.language ?? 'python';
    const variant = s.variant ?? 'http';
    const dir = s.dir ?? `samples/${language}/${variant}`;
    dirs.push(path.join(root, dir));
    mkdirSync(path.join(root, dir), { recursive: true });
    for (const [name, content] of Object.entries(s.files ?? {})) {
      write(path.join(dir, name), content);
      if (name.endsWith('.sh')) chmodSync(path.join(root, dir, name), 0o755);
    }
    if (s.golden !== null) write(`expected/${language}-${variant}.txt`, s.golden ?? CLEAN_GOLDEN);
    return {
      id: `${language}/${variant}`,
      language,
      variant,
      dir,
      toolchains: s.toolchains ?? ['python3'],
      ...(s.install ? { install: s.install.map((i) => ({ inputs: [], ...i })) } : {}),
      run: s.run,
      source: Object.keys(s.files ?? {})[0] ?? 'app.py',
      env: { PYTHONUNBUFFERED: '1', ...s.env },
      ...(s.timeoutSeconds ? { timeoutSeconds: s.timeoutSeconds } : {}),
    };
  });
  for (const [rel, content] of Object.entries(opts.files ?? {})) write(rel, content);
  // JSON is YAML: no quoting surprises for run commands full of quotes and colons.
  write('samples.yaml', `${JSON.stringify({
    components: 'components',
    secrets: 'secrets.json',
    ...opts.manifest,
    defaults: { appId: 'fault-app', timeoutSeconds: opts.defaultTimeoutSeconds ?? 60 },
    samples: entries,
  }, null, 2)}\n`);
  return { root, path: (...parts) => path.join(root, ...parts), sampleDir: (i = 0) => dirs[i]! };
}

/** Removes every tree made in this process (set PARITY_KEEP_FAULT_TREES=1 to keep them). */
export function removeFaultTrees(): void {
  if (process.env.PARITY_KEEP_FAULT_TREES) return;
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}
