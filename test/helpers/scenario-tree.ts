// A small tree of several building blocks, shaped like the quickstarts repository and written for
// the harness's own tests (none of it comes from the Dapr quickstarts): apps in plain Node with
// HTTP to their sidecar, so no install is needed.
//  - state_management/javascript/http: one job app saving, reading and deleting three keys in a redis state store.
//  - pub_sub/javascript/http: a run file with a subscriber (a server on a fixed port) and a publisher
//    (a job); deliveries arrive in any order.
//  - configuration/javascript/http: a seed step (redis-cli) before a single-app run that reads the
//    seeded values from a redis configuration store.
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

const component = (name: string, type: string) =>
  `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: ${name}\nspec:\n  type: ${type}\n  version: v1\n  metadata:\n  - name: redisHost\n    value: localhost:6379\n  - name: redisPassword\n    value: ""\n`;

// The apps' own code: a template literal of theirs, not of this file.
// biome-ignore lint/suspicious/noTemplateCurlyInString: it is the apps' source text
const SIDECAR = 'const base = `http://127.0.0.1:${process.env.DAPR_HTTP_PORT}`;\n';

/** Writes the tree; `subscriberPort` is the fixed app port of the bus's subscriber. */
export function writeScenarioTree(root: string, o: { subscriberPort: number; deliveries?: number }): void {
  const w = writer(root);
  const n = o.deliveries ?? 5;
  w('state_management/components/store.yaml', component('kvstore', 'state.redis'));
  w('state_management/javascript/http/README.md', `# Keys and values

${mmStep(`name: Run the key writer
expected_stdout_lines:
  - "saving order 1"
  - "deleting order 3"
output_match_mode: substring
background: true
sleep: 10`, `dapr run -f .`)}`);
  w('state_management/javascript/http/dapr.yaml', 'version: 1\ncommon:\n  resourcesPath: ../../components/\napps:\n  - appID: key-writer\n    appDirPath: ./writer/\n    command: ["node", "index.js"]\n');
  w('state_management/javascript/http/writer/index.js', `${SIDECAR}
async function up() {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/v1.0/healthz/outbound')).ok) return; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('no sidecar');
}
(async () => {
  await up();
  for (const k of [1, 2, 3]) {
    const post = await fetch(base + '/v1.0/state/kvstore', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ key: 'k' + k, value: { n: k } }]) });
    if (!post.ok) throw new Error('save failed: ' + post.status + ' ' + await post.text());
    console.log('saving order ' + k);
    const got = await (await fetch(base + '/v1.0/state/kvstore/k' + k)).json();
    console.log('getting order ' + k + ' = ' + JSON.stringify(got));
    await fetch(base + '/v1.0/state/kvstore/k' + k, { method: 'DELETE' });
    console.log('deleting order ' + k);
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
`);

  w('pub_sub/components/bus.yaml', component('bus', 'pubsub.redis'));
  w('pub_sub/javascript/http/README.md', `# Publish and subscribe

${mmStep(`name: Run both apps
expected_stdout_lines:
  - "== APP - receiver == subscriber received order 1"
  - "== APP - sender == published data 1"
output_match_mode: substring
match_order: none
background: true
sleep: 20`, `dapr run -f .`)}
\`\`\`bash
dapr stop -f .
\`\`\`
`);
  w('pub_sub/javascript/http/dapr.yaml', `version: 1\ncommon:\n  resourcesPath: ../../components/\napps:\n  - appID: receiver\n    appDirPath: ./receiver/\n    appPort: ${o.subscriberPort}\n    command: ["node", "index.js"]\n  - appID: sender\n    appDirPath: ./sender/\n    command: ["node", "index.js"]\n`);
  w('pub_sub/javascript/http/receiver/index.js', `const http = require('node:http');
http.createServer((req, res) => {
  if (req.url === '/dapr/subscribe') {
    res.setHeader('content-type', 'application/json');
    return res.end(JSON.stringify([{ pubsubname: 'bus', topic: 'orders', route: '/in' }]));
  }
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/in') console.log('subscriber received order ' + JSON.parse(body).data.n);
    res.setHeader('content-type', 'application/json');
    res.end('{"status":"SUCCESS"}');
  });
}).listen(${o.subscriberPort}, '127.0.0.1', () => console.log('listening'));
`);
  w('pub_sub/javascript/http/sender/index.js', `${SIDECAR}
(async () => {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/v1.0/healthz')).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  // The subscriber's sidecar subscribes once it has found its app: publish after it can have.
  await new Promise((r) => setTimeout(r, 3000));
  for (let i = 1; i <= ${n}; i++) {
    const r = await fetch(base + '/v1.0/publish/bus/orders', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ n: i }) });
    if (!r.ok) throw new Error('publish failed: ' + r.status);
    console.log('published data ' + i);
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
`);

  w('configuration/components/config.yaml', component('settings', 'configuration.redis'));
  w('configuration/javascript/http/README.md', `# Settings

${mmStep(`name: Seed the settings
expected_stdout_lines:
  - OK`, `docker exec dapr_redis redis-cli MSET limit1 "7" limit2 "42"`)}
${mmStep(`name: Read the settings
expected_stdout_lines:
  - "configuration for limit1 : 7"
output_match_mode: substring`, `cd ./reader
dapr run --app-id settings-reader --resources-path ../../../components/ -- node index.js`)}`);
  w('configuration/javascript/http/reader/index.js', `${SIDECAR}
(async () => {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/v1.0/healthz/outbound')).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const key of ['limit1', 'limit2']) {
    const r = await fetch(base + '/v1.0/configuration/settings?key=' + key);
    const items = await r.json();
    console.log('configuration for ' + key + ' : ' + items[key].value);
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
`);
}
