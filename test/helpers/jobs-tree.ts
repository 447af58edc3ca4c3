// A small jobs tree, shaped like the quickstarts repository and written for the harness's own
// tests (none of it comes from the Dapr quickstarts): one plain-Node app on a fixed port that
// schedules two jobs through its sidecar's HTTP jobs API, then prints each one as the scheduler
// fires it back at POST /job/<name>. No install: Node's own http and fetch.
import { mmStep } from './mm-step.ts';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The jobs the app schedules: name, task and how long until it fires. */
export const TEST_JOBS = [
  { name: 'Drone-7', task: 'Prop Balance', due: '1s' },
  { name: 'Drone-9', task: 'Lens Wipe', due: '2s' },
] as const;

export function writeJobsTree(root: string, o: { appPort: number }): void {
  const w = (rel: string, text: string) => {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  };
  w('jobs/javascript/http/README.md', `# Drone upkeep

${mmStep(`name: Run the upkeep app
expected_stdout_lines:
${TEST_JOBS.map((j) => `  - "Job scheduled: ${j.name}"\n  - "Starting droid: ${j.name}"\n  - "Executing maintenance job: ${j.task}"`).join('\n')}
output_match_mode: substring
match_order: none
background: true
sleep: 30`, `dapr run -f .`)}`);
  // A second block, so init reads the tree as several quickstarts (one entry per README).
  w('greeting/javascript/http/README.md', `# Hello\n\n${mmStep('name: Greet\nexpected_stdout_lines:\n  - "hello"\noutput_match_mode: substring', 'dapr run -f .')}`);
  w('greeting/javascript/http/dapr.yaml', 'version: 1\napps:\n  - appID: greeter\n    appDirPath: ./greeter/\n    command: ["node", "index.js"]\n');
  w('greeting/javascript/http/greeter/index.js', "console.log('hello');\n");
  w('jobs/javascript/http/dapr.yaml', `version: 1\napps:\n  - appID: upkeep\n    appDirPath: ./upkeep/\n    appPort: ${o.appPort}\n    command: ["node", "index.js"]\n`);
  // The app's own code: template literals of its own, not of this file.
  w('jobs/javascript/http/upkeep/index.js', `const http = require('node:http');
const jobs = ${JSON.stringify(TEST_JOBS)};
const base = 'http://127.0.0.1:' + process.env.DAPR_HTTP_PORT;
http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => { body += c; });
  req.on('end', () => {
    const m = /^\\/job\\/(.+)$/.exec(req.url);
    if (req.method === 'POST' && m) {
      const [droid, task] = String(JSON.parse(body).value).split(':');
      console.log('Starting droid: ' + droid);
      console.log('Executing maintenance job: ' + task);
    }
    res.end();
  });
}).listen(${o.appPort}, '127.0.0.1', async () => {
  for (let i = 0; i < 150; i++) {
    try { if ((await fetch(base + '/v1.0/healthz')).ok) break; } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  for (const j of jobs) {
    const data = { '@type': 'type.googleapis.com/google.protobuf.StringValue', value: j.name + ':' + j.task };
    const r = await fetch(base + '/v1.0-alpha1/jobs/' + j.name, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ dueTime: j.due, data }) });
    if (!r.ok) { console.error('schedule failed: ' + r.status + ' ' + await r.text()); process.exit(1); }
    console.log('Job scheduled: ' + j.name);
  }
});
`);
}
