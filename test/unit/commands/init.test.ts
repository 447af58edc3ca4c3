// `parity init`: the manifest inferred from annotated READMEs, on this repository (it must say
// what samples.yaml says) and on a throwaway tree shaped like the upstream quickstarts.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { initCommand, inferTree } from '../../../harness/commands/init.ts';
import { renderManifest } from '../../../harness/init/write.ts';
import { InputError } from '../../../harness/input-error.ts';
import { loadManifest, parseManifest } from '../../../harness/samples/manifest.ts';
import type { Manifest } from '../../../harness/model.ts';

cleanTempDirsAfterAll();

const REPO = path.resolve(import.meta.dirname, '..', '..', '..');
const BIN = path.join(REPO, 'harness', 'bin', 'parity.cjs');

/** What must agree between a written manifest and one inferred from the READMEs. */
function essentials(m: Manifest) {
  return {
    components: m.components,
    secrets: m.secrets,
    samples: m.samples.map((s) => ({
      id: s.id, dir: s.dir, run: s.run, appId: s.appId, install: s.install.map((i) => i.run), pathPrepend: s.pathPrepend,
      env: s.env, components: s.components ?? m.components, secrets: s.secrets ?? m.secrets,
    })).sort((a, b) => a.id.localeCompare(b.id)),
  };
}

describe('parity init on this repository', () => {
  it('infers a manifest equivalent to samples.yaml from the sample READMEs', () => {
    const { draft, problems } = inferTree(REPO);
    expect(problems).toEqual([]);
    const inferred = parseManifest(renderManifest(draft), path.join(REPO, 'samples.yaml'));
    expect(essentials(inferred)).toEqual(essentials(loadManifest(REPO)));
    // Besides samples.yaml: the lines each README's author expects.
    expect(inferred.samples.find((s) => s.id === 'go/sdk')!.expect).toEqual({ lines: ['Fetched Secret: YourPasskeyHere'], order: 'sequential', mode: 'substring' });
  });
});

/** Writes files (path → text) under a new temp folder. */
function tree(files: Record<string, string>): string {
  const root = tempDir('parity-init-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

const fence = '```';
/** A README as upstream writes them: each block cds into the app folder; the expected line carries the 1.16 frame. */
const upstreamReadme = (install: string, run: string, line: string) => `# Secrets

<!-- STEP
name: Install dependencies
-->

${fence}bash
cd ./order-processor
${install}
${fence}

<!-- END_STEP -->

<!-- STEP
name: Run order-processor
expected_stdout_lines:
  - ${JSON.stringify(`== APP == ${line}`)}
  - "Exited App successfully"
expected_stderr_lines:
output_match_mode: substring
match_order: none
background: true
sleep: 15
timeout_seconds: 30
-->

${fence}bash
cd ./order-processor
${run}
${fence}

<!-- END_STEP -->

<!-- STEP
name: Stop
-->

${fence}bash
dapr stop --app-id order-processor
${fence}

<!-- END_STEP -->
`;

const component = `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: localsecretstore
spec:
  type: secretstores.local.file
  version: v1
  metadata:
  - name: secretsFile
    value: secrets.json
  - name: nestedSeparator
    value: ":"
`;

function quickstartsTree(): string {
  return tree({
    // Mentions the marker without holding a step: not counted, not a problem.
    'README.md': 'Steps are marked with `<!-- STEP` and `<!-- END_STEP -->`.\n',
    'secrets_management/python/sdk/README.md': upstreamReadme('pip3 install -r requirements.txt', 'dapr run --app-id order-processor --resources-path ../components/ -- python3 app.py', "Fetched Secret: {'secret': 'YourPasskeyHere'}"),
    'secrets_management/python/sdk/order-processor/app.py': 'print("x")\n',
    'secrets_management/python/sdk/order-processor/requirements.txt': 'dapr\n',
    'secrets_management/python/sdk/order-processor/secrets.json': '{"secret": "YourPasskeyHere"}\n',
    'secrets_management/python/sdk/components/local-secret-store.yaml': component,
    'secrets_management/javascript/sdk/README.md': upstreamReadme('npm install', 'dapr run --app-id order-processor --components-path ../components/ -- npm start', 'Fetched Secret: {"secret":"YourPasskeyHere"}'),
    'secrets_management/javascript/sdk/order-processor/package.json': '{"main": "index.js", "scripts": {"start": "node index.js"}}\n',
    'secrets_management/javascript/sdk/order-processor/index.js': 'console.log("x")\n',
    'secrets_management/javascript/sdk/order-processor/secrets.json': '{"secret": "YourPasskeyHere"}\n',
    'secrets_management/javascript/sdk/components/local-secret-store.yaml': component,
    'secrets_management/javascript/sdk/order-processor/node_modules/dep/README.md': '<!-- STEP\n-->\n',
    'secrets_management/go/sdk/README.md': '# Go\n\n<!-- STEP\nname: build\n-->\n\n```bash\ngo build .\n```\n\n<!-- END_STEP -->\n',
    'secrets_management/rust/sdk/README.md': '<!-- STEP\n-->\n\n```bash\ndapr run --app-id a -- cargo run\n```\n\n<!-- END_STEP -->\n',
  });
}

describe('parity init on a tree shaped like the upstream quickstarts', () => {
  it('takes install steps, app folder, components, secrets, app id and expected lines from each README', () => {
    const root = quickstartsTree();
    const { draft, problems } = inferTree(root);
    const m = parseManifest(renderManifest(draft), path.join(root, 'samples.yaml'));
    const qs = path.join(root, 'secrets_management');
    expect(m.samples.map((s) => ({ id: s.id, dir: s.dir, run: s.run, appId: s.appId, install: s.install, source: s.source, components: s.components ?? m.components, secrets: s.secrets ?? m.secrets, expect: s.expect, timeoutMs: s.timeoutMs, toolchains: s.toolchains }))).toEqual([
      {
        id: 'javascript/sdk', dir: `${qs}/javascript/sdk/order-processor`, run: 'npm start', appId: 'order-processor',
        install: [{ run: 'npm install', inputs: ['package.json'], outputs: ['node_modules'] }], source: `${qs}/javascript/sdk/order-processor/index.js`,
        components: `${qs}/javascript/sdk/components`, secrets: `${qs}/javascript/sdk/order-processor/secrets.json`,
        expect: { lines: ['== APP == Fetched Secret: {"secret":"YourPasskeyHere"}'], order: 'none', mode: 'substring' }, timeoutMs: 30_000, toolchains: ['node'],
      },
      {
        id: 'python/sdk', dir: `${qs}/python/sdk/order-processor`, run: 'python3 app.py', appId: 'order-processor',
        install: [{ run: 'pip3 install -r requirements.txt', inputs: ['requirements.txt'], outputs: [] }], source: `${qs}/python/sdk/order-processor/app.py`,
        components: `${qs}/python/sdk/components`, secrets: `${qs}/python/sdk/order-processor/secrets.json`,
        expect: { lines: ["== APP == Fetched Secret: {'secret': 'YourPasskeyHere'}"], order: 'none', mode: 'substring' }, timeoutMs: 30_000, toolchains: ['python3'],
      },
    ]);
    expect(problems.map((p) => `${p.file}:${p.line}: ${p.what}`)).toEqual([
      'secrets_management/go/sdk/README.md:3: no step runs `dapr run`: nothing to take the app command from',
      'secrets_management/javascript/sdk/README.md:14: 1 expected line(s) are the CLI\'s or daprd\'s, not the app\'s; left out of "expect"',
      'secrets_management/python/sdk/README.md:14: 1 expected line(s) are the CLI\'s or daprd\'s, not the app\'s; left out of "expect"',
      expect.stringMatching(/^secrets_management\/rust\/sdk\/README.md:1: cannot tell the language and variant/),
    ]);
  });

  it('comments each value with the README line it came from', () => {
    const text = renderManifest(inferTree(quickstartsTree()).draft);
    expect(text).toContain('run: python3 app.py  # the app command after `--`, secrets_management/python/sdk/README.md:29');
    expect(text).toContain('- run: pip3 install -r requirements.txt  # secrets_management/python/sdk/README.md:9');
  });

  it('writes samples.yaml once, and replaces it only with --force', async () => {
    const root = quickstartsTree();
    const lines: string[] = [];
    expect(await initCommand(root, { force: false, log: (l) => lines.push(l) })).toBe(0);
    expect(lines.find((l) => l.startsWith('wrote '))).toMatch(/^wrote .*samples\.yaml: 2 sample\(s\) from 4 README\(s\), 4 thing\(s\) not inferred \(above\)$/);
    // The commands the new manifest runs are shown once, right after it is written.
    expect(lines.join('\n')).toContain('python3 app.py');
    const first = readFileSync(path.join(root, 'samples.yaml'), 'utf8');
    await expect(initCommand(root, { force: false, log: () => {} })).rejects.toThrow(InputError);
    expect(await initCommand(root, { force: true, log: () => {} })).toBe(0);
    expect(readFileSync(path.join(root, 'samples.yaml'), 'utf8')).toBe(first);
  });

  it('the CLI refuses to overwrite in one line, exit 2', () => {
    const root = tree({ 'samples.yaml': 'x: 1\n' });
    const r = spawnSync(process.execPath, [BIN, 'init', root], { encoding: 'utf8' });
    expect({ code: r.status, stderr: r.stderr }).toEqual({ code: 2, stderr: `parity: ${path.join(root, 'samples.yaml')} already exists (--force replaces it)\n` });
  });
});
