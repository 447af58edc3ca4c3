// A small tree for a recorded start order, written for the harness's own tests (none of it comes
// from the Dapr quickstarts): plain Node apps, no install.
//  - service_invocation/javascript/http: a run file with a server (a fixed app port) that listens
//    only 4 s after it starts, as a JVM server does, and a job that invokes it through its own
//    sidecar at once, one order every 200 ms, printing "Order passed: N" whatever the answer. Run
//    as the file says, the server misses the first orders; started after it, it receives them all.
//  - hello/javascript/http: one job printing a line; there only so that init reads the folder as
//    a tree of several quickstarts (the tests select the sample above).
import { mmStep } from './mm-step.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeStartAfterTree(root: string, o: { serverPort: number; orders: number }): void {
  const w = (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  w('hello/javascript/http/README.md', `# Hello\n\n${mmStep('name: Say hello\nexpected_stdout_lines:\n  - "hello"\noutput_match_mode: substring', 'dapr run --app-id hello -- node index.js')}`);
  w('hello/javascript/http/index.js', "console.log('hello');\n");
  const dir = 'service_invocation/javascript/http';
  w(`${dir}/README.md`, `# Invocation of a slow server

${mmStep(`name: Run server and job
expected_stdout_lines:
  - "== APP - job == Order passed: 1"
output_match_mode: substring
match_order: none
background: true
sleep: 15`, `dapr run -f .`)}`);
  w(`${dir}/dapr.yaml`, `version: 1\napps:\n  - appID: server\n    appDirPath: ./server/\n    appPort: ${o.serverPort}\n    command: ["node", "index.js"]\n  - appID: job\n    appDirPath: ./job/\n    command: ["node", "index.js"]\n`);
  w(`${dir}/server/index.js`, `const http = require('node:http');
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    if (req.url === '/orders') console.log('Order received: ' + JSON.parse(body).orderId);
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true}');
  });
});
// Slow to listen, as a Spring server is.
setTimeout(() => server.listen(${o.serverPort}, '127.0.0.1'), 4000);
`);
  w(`${dir}/job/index.js`, `const base = 'http://127.0.0.1:' + process.env.DAPR_HTTP_PORT;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
(async () => {
  for (let i = 1; i <= ${o.orders}; i++) {
    // One try, whatever the answer, as the sample this stands for does.
    try {
      await fetch(base + '/orders', { method: 'POST', headers: { 'dapr-app-id': 'server', 'content-type': 'application/json' }, body: JSON.stringify({ orderId: i }) });
    } catch {}
    console.log('Order passed: ' + i);
    await sleep(200);
  }
})();
`);
}
