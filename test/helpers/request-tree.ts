// A small tree for request steps and service invocation, written for the harness's own tests (none
// of it comes from the Dapr quickstarts): plain Node apps, no install.
//  - service_invocation/javascript/{http,sdk}: twice the same pair, run at once: a run file with a
//    called app (a server on a fixed port) and a caller that invokes it through its sidecar by app
//    id, printing each id only once the called app answered.
//  - polling/javascript/http: one server app started with `--dapr-http-port` (which the harness
//    replaces), listening 2 s after it starts; `curl` steps start a job through the sidecar and ask
//    its status (RUNNING for three asks, then COMPLETED), and `dapr invoke` ends it.
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

/** The README port the polling sample gives its sidecar (replaced by the harness with a free one). */
export const README_SIDECAR_PORT = 3599;

export function writeRequestTree(root: string, o: { calledPort: number; otherCalledPort: number; pollerPort: number; orders?: number }): void {
  const w = writer(root);
  const n = o.orders ?? 6;
  // Two samples with the same app ids, run at once: each caller's invocations must reach its own called app.
  for (const [variant, port] of [['http', o.calledPort], ['sdk', o.otherCalledPort]] as const) writeInvocationPair(w, `service_invocation/javascript/${variant}`, port, n);

  w('polling/javascript/http/README.md', `# Polling

${mmStep(`name: Run the poller
expected_stdout_lines:
  - "finished job-1"
output_match_mode: substring
background: true
sleep: 5`, `dapr run --app-id poller --app-port ${o.pollerPort} --dapr-http-port ${README_SIDECAR_PORT} -- node index.js`)}
${mmStep(`name: Start a job`, `curl -s -X POST http://localhost:${README_SIDECAR_PORT}/v1.0/invoke/poller/method/start -H "Content-Type: application/json" -d '{"name": "one"}'`)}
${mmStep(`name: Ask its status`, `curl http://localhost:${o.pollerPort}/status/job-1`)}
${mmStep(`name: End it
expected_stdout_lines:
  - '"ended":"job-1"'
output_match_mode: substring`, `dapr invoke --app-id poller --method end --verb POST`)}`);
  w('polling/javascript/http/index.js', `const http = require('node:http');
let asked = 0;
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/start') {
      console.log('started job-1 for ' + JSON.parse(body).name);
      return res.end(JSON.stringify({ instanceID: 'job-1' }));
    }
    if (req.url === '/status/job-1') {
      asked++;
      return res.end(JSON.stringify({ instanceID: 'job-1', runtimeStatus: asked > 3 ? 'COMPLETED' : 'RUNNING' }));
    }
    if (req.url === '/end') {
      console.log('finished job-1 after ' + asked + ' asks');
      return res.end(JSON.stringify({ ended: 'job-1' }));
    }
    res.statusCode = 404;
    res.end('{}');
  });
});
// Slow to start, as a JVM or Python server is: its sidecar listens first, and answers 500 until it does.
setTimeout(() => server.listen(${o.pollerPort}, '127.0.0.1'), 2000);
`);
}

function writeInvocationPair(w: (rel: string, text: string) => void, dir: string, port: number, n: number): void {
  w(`${dir}/README.md`, `# Invocation

${mmStep(`name: Run caller and called
expected_stdout_lines:
  - "== APP - caller == Order passed: 1"
output_match_mode: substring
match_order: none
background: true
sleep: 15`, `dapr run -f .`)}`);
  w(`${dir}/dapr.yaml`, `version: 1\napps:\n  - appID: called\n    appDirPath: ./called/\n    appPort: ${port}\n    command: ["node", "index.js"]\n  - appID: caller\n    appDirPath: ./caller/\n    command: ["node", "index.js"]\n`);
  w(`${dir}/called/index.js`, `const http = require('node:http');
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/orders') console.log('Order received: ' + JSON.parse(body).orderId);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
}).listen(${port}, '127.0.0.1');
`);
  w(`${dir}/caller/index.js`, `const base = 'http://127.0.0.1:' + process.env.DAPR_HTTP_PORT;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  for (let i = 1; i <= ${n}; i++) {
    // Until the called app answers (its sidecar registered, its server listening).
    for (let t = 0; ; t++) {
      try {
        const r = await fetch(base + '/orders', { method: 'POST', headers: { 'dapr-app-id': 'called', 'content-type': 'application/json' }, body: JSON.stringify({ orderId: i }) });
        if (r.ok) break;
      } catch {}
      if (t > 150) throw new Error('order ' + i + ' never passed');
      await sleep(200);
    }
    console.log('Order passed: ' + i);
  }
})().catch((e) => { console.error(String(e)); process.exit(1); });
`);
}
