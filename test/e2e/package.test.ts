// The package as a user gets it: `npm pack` (whose prepare builds dist/), installed into an empty
// folder without dev dependencies, then `npx parity init`, `run --root` and `docs` on a one-sample
// tree outside it, under the real `dapr run` and daprd.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { faultSuite } from '../helpers/fault-suite.ts';
import { HTTP_SECRET_APP } from '../helpers/fault-tree.ts';
import { packTarball } from '../helpers/pack.ts';
import { REPO_ROOT } from '../helpers/parity-child.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

const exec = promisify(execFile);
faultSuite();
cleanTempDirsAfterAll();

/** The child's environment: ours, less what would change what it does (CI refuses --update). */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, PARITY_DAPR_FROM: process.env.PARITY_DAPR_FROM || 'auto' };
  for (const k of ['CI', 'PARITY_USE_INSTALLED_DAPR', 'FORCE_COLOR', 'npm_config_prefix', 'INIT_CWD']) delete env[k];
  // Not the clone's node_modules/.bin: `parity` must be the installed one.
  env.PATH = (env.PATH ?? '').split(path.delimiter).filter((p) => !p.startsWith(REPO_ROOT)).join(path.delimiter);
  return env;
}

async function sh(cmd: string, args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const r = await exec(cmd, args, { cwd, env: userEnv(), maxBuffer: 32 * 1024 * 1024 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof err.code === 'number' ? err.code : -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

/** A one-sample quickstart: mechanical-markdown README, app folder with its secrets, components. */
function writeTree(root: string): void {
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write('components/local-secret-store.yaml', 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: localsecretstore\nspec:\n  type: secretstores.local.file\n  version: v1\n  metadata:\n  - name: secretsFile\n    value: secrets.json\n  - name: nestedSeparator\n    value: ":"\n');
  write('python/http/order-processor/app.py', HTTP_SECRET_APP);
  write('python/http/order-processor/secrets.json', '{"secret":"PackagedPasskey"}\n');
  write('python/http/README.md', [
    '# Python over HTTP', '', '<!-- STEP', 'name: Run order-processor', 'expected_stdout_lines:', '  - \'Fetched Secret: {"secret":"PackagedPasskey"}\'',
    'output_match_mode: substring', 'background: true', 'timeout_seconds: 60', '-->', '', '```bash', 'cd ./order-processor',
    'dapr run --app-id order-processor --resources-path ../../../components/ -- python3 app.py', '```', '', '<!-- END_STEP -->', '',
  ].join('\n'));
  write('page.md', [
    '---', 'type: docs', 'title: "A one-sample page"', '---', '', '{{< tabs "Python" >}}', '', '{{% codetab %}}', '', '```bash',
    'cd python/http/order-processor', 'dapr run --app-id order-processor --resources-path ../../../components/ -- python3 app.py', '```', '',
    '{{% /codetab %}}', '', '{{< /tabs >}}', '',
  ].join('\n'));
}

describe('the npm package', () => {
  it('packs, installs into an empty folder with no dev dependencies, and runs init, run --root and docs there', async () => {
    const tarball = await packTarball();
    expect(path.basename(tarball)).toMatch(/^dapr-quickstart-parity-.*\.tgz$/);

    const user = tempDir('parity-pack-user-');
    const install = await sh('npm', ['install', '--omit=dev', '--no-audit', '--no-fund', tarball], user);
    expect(install.code, install.stderr).toBe(0);
    // Everything it needs is in its bundle: no dependency is installed beside it.
    expect(readdirSync(path.join(user, 'node_modules')).filter((d) => !d.startsWith('.'))).toEqual(['dapr-quickstart-parity']);
    const shipped = readdirSync(path.join(user, 'node_modules', 'dapr-quickstart-parity'), { recursive: true }).map(String).sort();
    expect(shipped.filter((f) => f.endsWith('.ts'))).toEqual([]);

    const tree = tempDir('parity-pack-tree-');
    writeTree(tree);
    const init = await sh('npx', ['parity', 'init', tree], user);
    expect(init.code, init.stderr).toBe(0);
    const manifest = readFileSync(path.join(tree, 'samples.yaml'), 'utf8');
    expect(manifest).toContain('id: python/http');
    // The editor's schema line names the installed package's schema, from the tree.
    const schemaRef = manifest.match(/^# yaml-language-server: \$schema=(.+)$/m)?.[1];
    expect(schemaRef && path.resolve(tree, schemaRef)).toBe(path.join(user, 'node_modules', 'dapr-quickstart-parity', 'schema', 'samples.schema.json'));
    expect(existsSync(path.resolve(tree, schemaRef!))).toBe(true);

    const reports = path.join(tree, 'reports');
    const update = await sh('npx', ['parity', 'run', '--root', tree, '--update', '--report-dir', reports], user);
    expect(update.code, `${update.stdout}\n${update.stderr}`).toBe(0);
    expect(readFileSync(path.join(tree, 'expected', 'python-http.txt'), 'utf8')).toBe('Fetched Secret: {"secret":"PackagedPasskey"}\n');
    const run = await sh('npx', ['parity', 'run', '--root', tree, '--report-dir', reports], user);
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
    expect(run.stdout).toContain('1 passed, 0 failed');
    const report = JSON.parse(readFileSync(path.join(reports, 'report.json'), 'utf8')) as { samples: { id: string; status: string }[] };
    expect(report.samples.map((s) => `${s.id} ${s.status}`)).toEqual(['python/http passed']);
    expect(readdirSync(reports)).toEqual(expect.arrayContaining(['report.html', 'summary.md', 'junit.xml']));

    const docs = await sh('npx', ['parity', 'docs', path.join(tree, 'page.md'), '--root', tree, '--json'], user);
    // 0 or 1 are findings; 2 and 3 would be the command failing to check the page at all.
    expect([0, 1], `${docs.stdout}\n${docs.stderr}`).toContain(docs.code);
    expect(JSON.parse(docs.stdout)).toHaveProperty('findings');
  }, 10 * 60_000);
});
