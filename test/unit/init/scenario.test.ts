// `parity init` on a tree of several quickstarts (READMEs at <block>/<language>/<variant>): one
// scenario entry per README, written so that loadManifest reads back the scenario meant. The tree
// is written here, in this project's own words: a two-app run file (a server and a job), a
// redis-seeded single-app run whose store is updated while it is subscribed, a Java pom the
// mirror cannot serve, a sample the harness cannot run yet, and a README outside any block.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is the manifest's placeholder syntax, written as text
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mmStep } from '../../helpers/mm-step.ts';
import { describe, expect, it } from 'vitest';
import { cleanTempDirsAfterAll, tempDir } from '../../helpers/temp-dirs.ts';
import { initCommand, isMultiBlockTree, findAnnotatedReadmes } from '../../../harness/commands/init.ts';
import { attributeLine } from '../../../harness/init/scenario.ts';
import { loadManifest } from '../../../harness/samples/manifest.ts';
import { parseRunFile } from '../../../harness/samples/run-file.ts';
import { treeCommands } from '../../../harness/security/tree-commands.ts';

cleanTempDirsAfterAll();

/** One mechanical-markdown step: a YAML header and bash blocks. */
const step = (header: string, ...blocks: string[]) => `${mmStep(header, ...blocks)}\n`;

const redisComponent = (name: string, type: string) => `apiVersion: dapr.io/v1alpha1
kind: Component
metadata:
  name: ${name}
spec:
  type: ${type}
  version: v1
  metadata:
  - name: redisHost
    value: localhost:6379
`;

const FILES: Record<string, string> = {
  // A two-app run: a receiver serving on a port, a sender that exits.
  'mail/components/queue.yaml': redisComponent('mailqueue', 'pubsub.redis'),
  'mail/go/sdk/README.md': `# Mail\n\n${step('name: Build\n', 'cd ./sender\ngo build .\ncd ..\ncd ./receiver\ngo build .')}${step(`name: Run both
expected_stdout_lines:
  - '✅  You are up and running'
  - 'Started Dapr with app id "receiver"'
  - '== APP - receiver == Parcel arrived: 7'
  - 'Parcel posted: 7'
  - 'Posting done'
output_match_mode: substring
match_order: none
background: true
sleep: 20
timeout_seconds: 40`, 'dapr run -f .', 'dapr stop -f .')}`,
  'mail/go/sdk/dapr.yaml': 'version: 1\ncommon:\n  resourcesPath: ../../components/\napps:\n  - appID: receiver\n    appDirPath: ./receiver/\n    appPort: 7101\n    command: ["go", "run", "."]\n  - appID: sender\n    appDirPath: ./sender/\n    command: ["go", "run", "."]\n',
  'mail/go/sdk/sender/go.mod': 'module example.com/sender\n\ngo 1.22\n',
  'mail/go/sdk/sender/main.go': 'package main\n\nfunc main() { println("Parcel posted:", 7); println("Posting done") }\n',
  'mail/go/sdk/receiver/go.mod': 'module example.com/receiver\n\ngo 1.22\n',
  'mail/go/sdk/receiver/main.go': 'package main\n\nfunc main() { println("Parcel arrived:", 7) }\n',

  // Settings read from a redis-backed store, seeded by docker exec, then updated after the run.
  'settings/components/store.yaml': redisComponent('settingstore', 'configuration.redis'),
  'settings/python/http/README.md': `# Settings\n\n${step('name: Seed\nexpected_stdout_lines:\n  - "OK"', 'docker exec dapr_redis redis-cli MSET color "red" size "9"')}${step('name: Install', 'cd ./reader\npip3 install -r requirements.txt')}${step(`name: Read settings
expected_stdout_lines:
  - "Setting color: red"
  - "Watching settings, subscription id:"
  - "Exited App successfully"
output_match_mode: substring
match_order: none
sleep: 30`, 'cd ./reader\ndapr run --app-id reader --resources-path ../../../components/ --app-port 7102 -- python3 app.py')}${step('name: Change settings', 'docker exec dapr_redis redis-cli MSET color "blue" size "10"')}`,
  'settings/python/http/reader/app.py': 'print("Setting color:", "red")\nprint("Watching settings, subscription id:", 1)\n',
  'settings/python/http/reader/requirements.txt': 'dapr\n',

  // A Java app whose pom pins an io.dapr version the mirror lacks.
  'vault/java/sdk/README.md': `# Vault\n\n${step('name: Build', 'cd ./keeper\nmvn clean install')}${step('name: Run\nexpected_stdout_lines:\n  - "Kept: 1"\noutput_match_mode: substring', 'cd ./keeper\ndapr run --app-id keeper --resources-path ../../../components/ -- java -jar target/keeper.jar')}`,
  'vault/java/sdk/keeper/pom.xml': '<project>\n  <dependencies>\n    <dependency>\n      <groupId>io.dapr</groupId>\n      <artifactId>dapr-sdk</artifactId>\n      <version>1.17.0</version>\n    </dependency>\n    <dependency>\n      <groupId>io.dapr</groupId>\n      <artifactId>dapr-sdk-springboot</artifactId>\n      <version>1.17.0-rc-3</version>\n    </dependency>\n  </dependencies>\n</project>\n',
  'vault/java/sdk/keeper/src/main/java/Keeper.java': 'class Keeper { public static void main(String[] a) { System.out.println("Kept: 1"); } }\n',
  'vault/components/secrets.yaml': 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: vault\nspec:\n  type: secretstores.local.env\n  version: v1\n',

  // A block the harness cannot run yet (it needs the scheduler).
  'jobs/javascript/http/README.md': `# Jobs\n\n${step('name: Run\nexpected_stdout_lines:\n  - "Job done"', 'dapr run -f .')}`,
  'jobs/javascript/http/dapr.yaml': 'version: 1\napps:\n  - appID: runner\n    appDirPath: ./runner/\n    command: ["node", "index.js"]\n',
  'jobs/javascript/http/runner/index.js': 'console.log("Job done")\n',

  // Not a building block: said in one line, never an entry.
  'guides/walkthrough/README.md': `# Walkthrough\n\n${step('name: Hello', 'echo hello')}`,
};

function writeTree(files: Record<string, string>): string {
  const root = tempDir('parity-init-scenario-');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), text);
  }
  return root;
}

/** Every file under a folder, relative to it. */
function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? listFiles(path.join(dir, e.name), base) : [path.relative(base, path.join(dir, e.name))])).sort();
}

async function init(root: string): Promise<string[]> {
  const lines: string[] = [];
  expect(await initCommand(root, { force: false, log: (l) => lines.push(l) })).toBe(0);
  return lines;
}

describe('parity init on a tree of several quickstarts', () => {
  it('writes one scenario entry per building-block README, each read back by loadManifest', async () => {
    const root = writeTree(FILES);
    const before = listFiles(root);
    const lines = await init(root);
    // Nothing but samples.yaml is written into the tree.
    expect(listFiles(root)).toEqual([...before, 'samples.yaml'].sort());
    const m = loadManifest(root);
    expect(m.samples.map((s) => s.id)).toEqual(['jobs/javascript/http', 'mail/go/sdk', 'settings/python/http', 'vault/java/sdk']);
    expect(lines).toContain('  1 other README(s) with steps (under guides) are not building-block samples (<block>/<language>/<variant>/README.md): left out');
    expect(lines.find((l) => l.startsWith('wrote '))).toMatch(/: 4 sample\(s\) from 4 building-block README\(s\)/);
    // The jobs sample is not skipped: the harness starts the scheduler it needs.
    expect(lines).toContain('  4 can run here in principle (1 run with a recorded overlay, reported adapted); 0 skipped');
  });

  it('splits a run file\'s expected lines per app: by frame, else by the app whose code holds the text; CLI lines left out', async () => {
    const root = writeTree(FILES);
    await init(root);
    const s = loadManifest(root).samples.find((x) => x.id === 'mail/go/sdk')!;
    expect(s.block).toBe('mail');
    expect(s.toolchains).toEqual(['go']);
    const sc = s.scenario!;
    expect(sc.services).toEqual(['redis']);
    expect(sc.skip).toBeUndefined();
    expect(sc.steps.map((x) => x.kind)).toEqual(['install', 'install', 'run']);
    expect(sc.steps[0]).toMatchObject({ kind: 'install', install: { run: 'cd "sender" && go build .', inputs: ['sender/go.mod', 'sender/main.go'], outputs: ['sender/sender'] } });
    const run = sc.steps[2]!;
    if (run.kind !== 'run') throw new Error('not a run');
    expect(run.launch).toEqual({ kind: 'file', file: 'dapr.yaml' });
    expect(run.background).toBe(true);
    expect(run.timeoutMs).toBe(120_000);
    expect(run.expect).toBeUndefined();
    // match_order: none in the README: every app of the run is compared in any order.
    expect(run.apps.map((a) => ({ id: a.appId, role: a.role, lines: a.expect?.lines, golden: path.relative(root, a.golden), unordered: a.unordered }))).toEqual([
      { id: 'receiver', role: 'server', lines: ['Parcel arrived: 7'], golden: 'expected/mail/go-sdk/receiver.txt', unordered: true },
      { id: 'sender', role: 'job', lines: ['Parcel posted: 7', 'Posting done'], golden: 'expected/mail/go-sdk/sender.txt', unordered: true },
    ]);
    expect(sc.dropped).toEqual([
      { line: 18, what: 'sleep: 20', why: 'sleep 20 s: the harness waits for end conditions, not time' },
      { line: 38, what: 'dapr stop -f .', why: 'the harness ends every run it starts' },
    ]);
  });

  it('maps docker exec redis-cli to the harness\'s redis, and makes the store update while the app is subscribed', async () => {
    const root = writeTree(FILES);
    await init(root);
    const s = loadManifest(root).samples.find((x) => x.id === 'settings/python/http')!;
    const sc = s.scenario!;
    expect(sc.services).toEqual(['redis']);
    expect(s.pathPrepend).toEqual([path.join(root, 'settings/python/http/.venv/bin')]);
    expect(s.env.PYTHONUNBUFFERED).toBe('1');
    expect(sc.steps.map((x) => x.kind)).toEqual(['install', 'sh', 'install', 'run', 'wait', 'wait', 'sh', 'stop']);
    expect(sc.steps[0]).toMatchObject({ install: { run: 'python3 -m venv .venv', outputs: ['.venv/bin/python3'] } });
    expect(sc.steps[1]).toMatchObject({ kind: 'sh', run: 'redis-cli -p "$REDIS_PORT" MSET color "red" size "9"', cwd: '.', expect: { lines: ['OK'], order: 'sequential', mode: 'exact' }, note: expect.stringContaining('docker exec dapr_redis redis-cli') });
    expect(sc.steps[2]).toMatchObject({ install: { run: 'cd "reader" && pip3 install -r requirements.txt', inputs: ['reader/requirements.txt'] } });
    expect(sc.steps[3]).toMatchObject({
      kind: 'run', background: true,
      launch: { kind: 'app', appId: 'reader', command: 'python3 app.py', cwd: 'reader', resources: '../../../components/', appPort: 7102 },
      // A foreground README step ends when its app does: a job, even with a port.
      apps: [{ appId: 'reader', role: 'job', expect: { lines: ['Setting color: red', 'Watching settings, subscription id:'], order: 'none', mode: 'substring' } }],
    });
    expect(sc.steps[4]).toMatchObject({ kind: 'wait', app: 'reader', match: 'Watching settings, subscription id:' });
    // The app's line does not prove the store's subscription: redis must have a subscriber for each key written.
    expect(sc.steps[5]).toMatchObject({ kind: 'wait', subscribed: ['color', 'size'] });
    expect(sc.steps[6]).toMatchObject({ kind: 'sh', run: 'redis-cli -p "$REDIS_PORT" MSET color "blue" size "10"', line: 49 });
    // The notice before a tree's first run names every command the scenario runs, where it runs.
    expect(treeCommands(loadManifest(root)).filter((c) => c.startsWith('settings/'))).toEqual([
      'settings/python/http: (in settings/python/http) python3 -m venv .venv',
      'settings/python/http: (in settings/python/http) redis-cli -p "$REDIS_PORT" MSET color "red" size "9"',
      'settings/python/http: (in settings/python/http) cd "reader" && pip3 install -r requirements.txt',
      'settings/python/http: (in settings/python/http/reader) dapr run … -- python3 app.py',
      'settings/python/http: (in settings/python/http) redis-cli -p "$REDIS_PORT" MSET color "blue" size "10"',
    ]);
    const text = readFileSync(path.join(root, 'samples.yaml'), 'utf8');
    expect(text).toContain('# deviation: the store update (line 49) is made while the app is subscribed');
  });

  it('records a pom edit for an io.dapr version the mirror lacks, and the control-plane services a jobs sample needs', async () => {
    const root = writeTree(FILES);
    await init(root);
    const m = loadManifest(root);
    const java = m.samples.find((x) => x.id === 'vault/java/sdk')!;
    expect(java.toolchains).toEqual(['java', 'mvn']);
    // An artifact whose releases stopped earlier gets its last one.
    expect(java.scenario!.overlays).toEqual([
      { file: 'keeper/pom.xml', replace: '<version>1.17.0</version>', with: '<version>1.17.1</version>', reason: 'io.dapr:dapr-sdk 1.17.0 is not served by the reachable Maven mirror; 1.17.1 is' },
      { file: 'keeper/pom.xml', replace: '<version>1.17.0-rc-3</version>', with: '<version>1.16.1</version>', reason: 'io.dapr:dapr-sdk-springboot 1.17.0-rc-3 is not served by the reachable Maven mirror; 1.16.1 is (its last release)' },
    ]);
    expect(java.scenario!.steps[0]).toMatchObject({ install: { inputs: ['keeper/pom.xml', 'keeper/src'], outputs: ['keeper/target'] } });
    const jobs = m.samples.find((x) => x.id === 'jobs/javascript/http')!;
    expect(jobs.scenario!.skip).toBeUndefined();
    expect(jobs.scenario!.services).toEqual(['scheduler']);
    // A jobs server's golden is cut after its expected lines; this job app keeps its exit.
    const run = jobs.scenario!.steps.find((x) => x.kind === 'run')!;
    expect(run.kind === 'run' && run.apps.map((a) => [a.role, a.until])).toEqual([['job', undefined]]);
    expect(readFileSync(path.join(root, 'samples.yaml'), 'utf8')).toContain('services: [ scheduler ]  # jobs are scheduled and fired by the scheduler');
    expect(jobs.scenario!.steps).toHaveLength(1);
  });

  it('maps keys made with openssl to sh steps needing openssl, and a single run\'s curl and dapr invoke to request steps', async () => {
    const root = writeTree({
      ...FILES,
      'locks/javascript/sdk/README.md': `# Locks\n\n${step('name: Keys\nworking_dir: app', 'mkdir -p keys\nopenssl rand -out keys/k 32')}${step('name: Run\nbackground: true\nexpected_stdout_lines:\n  - "locked"', 'cd app\ndapr run --app-id locker --app-port 7201 --dapr-http-port 3601 -- node index.js')}${step('name: Ask\nexpected_stdout_lines:\n  - \'"state":"locked"\'\noutput_match_mode: substring', 'curl -s http://localhost:3601/v1.0/invoke/locker/method/state')}${step('name: Poke', 'dapr invoke --app-id locker --method poke')}`,
      'locks/javascript/sdk/app/index.js': 'console.log("locked")\n',
    });
    await init(root);
    const s = loadManifest(root).samples.find((x) => x.id === 'locks/javascript/sdk')!;
    expect(s.toolchains).toEqual(['node', 'openssl']);
    expect(s.scenario!.skip).toBeUndefined();
    const steps = s.scenario!.steps;
    expect(steps.map((x) => x.kind)).toEqual(['sh', 'sh', 'run', 'request', 'request']);
    expect(steps[3]).toMatchObject({
      kind: 'request', name: 'Ask',
      request: { kind: 'http', method: 'GET', url: 'http://localhost:${daprHttpPort:locker}/v1.0/invoke/locker/method/state', headers: {} },
      expect: { lines: ['"state":"locked"'], mode: 'substring' },
    });
    expect(steps[4]).toMatchObject({ kind: 'request', request: { kind: 'dapr', args: 'invoke --app-id locker --method poke', cwd: '.' } });
  });

  it('gives a workflows sample placement and scheduler and ends its worker on its expected lines; cuts a jobs server there', async () => {
    const root = writeTree({
      ...FILES,
      'workflows/javascript/sdk/README.md': `# Orders\n\n${step('name: Run\nexpected_stdout_lines:\n  - "order shipped"', 'dapr run -f .')}`,
      'workflows/javascript/sdk/dapr.yaml': 'version: 1\napps:\n  - appID: shipper\n    appDirPath: ./shipper/\n    command: ["node", "index.js"]\n',
      'workflows/javascript/sdk/shipper/index.js': 'console.log("order shipped")\n',
      'jobs/go/http/README.md': `# Ticks\n\n${step('name: Run\nexpected_stdout_lines:\n  - "tick fired"', 'dapr run -f .')}`,
      'jobs/go/http/dapr.yaml': 'version: 1\napps:\n  - appID: ticker\n    appDirPath: ./ticker/\n    appPort: 6901\n    command: ["go", "run", "."]\n',
      'jobs/go/http/ticker/main.go': 'package main\n\nfunc main() { println("tick fired") }\n',
    });
    await init(root);
    const wf = loadManifest(root).samples.find((x) => x.id === 'workflows/javascript/sdk')!;
    expect(wf.scenario!.skip).toBeUndefined();
    expect(wf.scenario!.services).toEqual(['placement', 'scheduler']);
    const run = wf.scenario!.steps.find((x) => x.kind === 'run')!;
    expect(run.kind === 'run' && run.apps.map((a) => [a.appId, a.role, a.unordered])).toEqual([['shipper', 'server', true]]);
    // A jobs server (a repeating job fires as often as the run is long) is cut after its expected lines.
    const ticks = loadManifest(root).samples.find((x) => x.id === 'jobs/go/http')!.scenario!.steps.find((x) => x.kind === 'run')!;
    expect(ticks.kind === 'run' && ticks.apps.map((a) => [a.role, a.until?.lines])).toEqual([['server', ['tick fired']]]);
    // Outside the workflows block an app without a port stays a job.
    const jobs = loadManifest(root).samples.find((x) => x.id === 'jobs/javascript/http')!.scenario!.steps.find((x) => x.kind === 'run')!;
    expect(jobs.kind === 'run' && jobs.apps.map((a) => a.role)).toEqual(['job']);
  });

  it('keeps the one-app form for a tree of one block', () => {
    const root = writeTree({ 'vault/java/sdk/README.md': FILES['vault/java/sdk/README.md']!, 'vault/go/sdk/README.md': FILES['vault/java/sdk/README.md']! });
    expect(isMultiBlockTree(root, findAnnotatedReadmes(root))).toBe(false);
    const several = writeTree(FILES);
    expect(isMultiBlockTree(several, findAnnotatedReadmes(several))).toBe(true);
  });
});

describe('reading a run file and attributing a line', () => {
  it('lists apps with their folders, ports and commands, and what it could not read', () => {
    expect(parseRunFile('version: 1\ncommon:\n  resourcesPath: ./res\napps:\n  - appID: a\n    appDirPath: ./a/\n    appPort: 3001\n    daprHTTPPort: 3081\n    command: ["node", "a.js"]\n  - appDirPath: ./b/\n')).toEqual({
      resourcesPaths: ['./res'],
      apps: [{ appId: 'a', appDirPath: './a/', appPort: 3001, daprPorts: [3081], command: ['node', 'a.js'], resourcesPaths: [] }],
      problems: ['apps[1] has no appID'],
    });
    expect(parseRunFile('apps: [').problems[0]).toMatch(/^not valid YAML/);
  });

  it('names the one app whose code holds the line\'s text up to its first value', () => {
    const sources = new Map([['left', ['log("Sent item: " + n)']], ['right', ['log("Got item: " + n)', 'log("item")']]]);
    expect(attributeLine('Sent item: 4', sources)).toBe('left');
    expect(attributeLine('Got item: {"n": 4}', sources)).toBe('right');
    expect(attributeLine('Nobody says this', sources)).toBeUndefined();
  });
});
