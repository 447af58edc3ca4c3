// A tree for the service fault tests, written for the harness's own tests (none of it comes from
// the Dapr quickstarts): two blocks of two samples, each sample with a service of its own and a
// plain-Node app (no install) that keeps using it for a few seconds, so a test has time to kill
// the first sample's service while its app runs and the second can pass on its own. Two blocks
// also make init read the tree as several quickstarts (one entry per README).
//  - state_management/javascript/{http,sdk}: a redis state store; the app saves, reads and
//    deletes a key every 200 ms, 20 times.
//  - jobs/javascript/{http,sdk}: the scheduler; the app (on a fixed port) schedules one job due in
//    3 s and prints it once the scheduler has fired it back (a server: the run ends it then).
import { mmStep } from './mm-step.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

function writer(root: string) {
  return (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
}

const readme = (title: string, step: string, line: string) => `# ${title}

${mmStep(`name: ${step}
expected_stdout_lines:
  - "${line}"
output_match_mode: substring`, `dapr run -f .`)}`;

// The apps' own code: a template literal of theirs, not of this file.
// biome-ignore lint/suspicious/noTemplateCurlyInString: it is the apps' source text
const SIDECAR = 'const base = `http://127.0.0.1:${process.env.DAPR_HTTP_PORT}`;\n';
const UP = `async function up() {
  for (let i = 0; i < 150; i++) {
    try { if ((await fetch(base + '/v1.0/healthz/outbound')).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no sidecar');
}
`;

const REDIS_ROUNDS = 20;

/** Both blocks; the jobs apps on the ports given. */
export function writeServiceFaultTree(root: string, appPorts: { http: number; sdk: number }): void {
  writeRedisSamples(root);
  writeSchedulerSamples(root, appPorts);
}

function writeRedisSamples(root: string): void {
  const w = writer(root);
  w('state_management/components/store.yaml', 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: kvstore\nspec:\n  type: state.redis\n  version: v1\n  metadata:\n  - name: redisHost\n    value: localhost:6379\n  - name: redisPassword\n    value: ""\n');
  for (const variant of ['http', 'sdk']) {
    const dir = `state_management/javascript/${variant}`;
    w(`${dir}/README.md`, readme('Counter', 'Run the counter', `deleting order ${REDIS_ROUNDS}`));
    w(`${dir}/dapr.yaml`, 'version: 1\ncommon:\n  resourcesPath: ../../components/\napps:\n  - appID: counter\n    appDirPath: ./counter/\n    command: ["node", "index.js"]\n');
    w(`${dir}/counter/index.js`, `${SIDECAR}${UP}
(async () => {
  await up();
  for (let i = 1; i <= ${REDIS_ROUNDS}; i++) {
    const post = await fetch(base + '/v1.0/state/kvstore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ key: 'n', value: i }]) });
    if (!post.ok) throw new Error('save failed: ' + post.status + ' ' + await post.text());
    console.log('saving order ' + i);
    const got = await fetch(base + '/v1.0/state/kvstore/n');
    if (!got.ok) throw new Error('read failed: ' + got.status + ' ' + await got.text());
    console.log('getting order ' + await got.text());
    const del = await fetch(base + '/v1.0/state/kvstore/n', { method: 'DELETE' });
    if (!del.ok) throw new Error('delete failed: ' + del.status + ' ' + await del.text());
    console.log('deleting order ' + i);
    await new Promise((r) => setTimeout(r, 200));
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
`);
  }
}

function writeSchedulerSamples(root: string, appPorts: { http: number; sdk: number }): void {
  const w = writer(root);
  for (const variant of ['http', 'sdk'] as const) {
    const dir = `jobs/javascript/${variant}`;
    w(`${dir}/README.md`, readme('Reminder', 'Run the reminder', 'Executing maintenance job: tea'));
    w(`${dir}/dapr.yaml`, `version: 1\napps:\n  - appID: reminder\n    appDirPath: ./reminder/\n    appPort: ${appPorts[variant]}\n    command: ["node", "index.js"]\n`);
    w(`${dir}/reminder/index.js`, `const http = require('node:http');
${SIDECAR}${UP}
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    res.end();
    if (req.method === 'POST' && req.url === '/job/tea') {
      console.log('Starting droid: R2');
      console.log('Executing maintenance job: ' + JSON.parse(body).value);
    }
  });
}).listen(${appPorts[variant]}, '127.0.0.1', async () => {
  try {
    await up();
    const data = { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: 'tea' };
    const r = await fetch(base + '/v1.0-alpha1/jobs/tea', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dueTime: '3s', data }) });
    if (!r.ok) throw new Error('schedule failed: ' + r.status + ' ' + await r.text());
    console.log('scheduled');
  } catch (e) { console.error(String(e)); process.exit(1); }
});
`);
  }
}
