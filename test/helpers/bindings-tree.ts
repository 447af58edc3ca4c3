// A small bindings block written for the harness's own tests (none of it comes from the Dapr
// quickstarts): a cron input binding that calls the app every few seconds, and a PostgreSQL output
// binding (`bindings.postgresql`) the app writes two rows through, over HTTP to its sidecar, in
// plain Node (no install). The README starts the database with `docker compose up` in the block's
// db folder (its compose file names the database, its SQL file makes the table) and checks the
// rows with `docker exec … psql`, as a README written for Docker would; the app reads its rows
// from a data file of the block, by a relative path. Two samples (javascript/http and
// javascript/sdk, the same app on two fixed ports) so a fault in one can be seen not to touch the other.
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

// The app's own code: a template literal of its, not of this file.
// biome-ignore lint/suspicious/noTemplateCurlyInString: it is the app's source text
const SIDECAR = 'const base = `http://127.0.0.1:${process.env.DAPR_HTTP_PORT}`;\n';

function readme(variant: string): string {
  return `# Items into a database (${variant})

${mmStep(`name: Start the database
sleep: 30`, `cd ../../db
docker compose up -d`)}
${mmStep(`name: Run the batch service
expected_stdout_lines:
  - "stored item 1 apple"
  - "stored item 2 pear"
  - "batch done"
output_match_mode: substring
sleep: 5`, `dapr run -f .`)}
${mmStep(`name: Check the rows
expected_stdout_lines:
  - "apple"
  - "pear"
output_match_mode: substring`, `docker exec shopdb psql -U postgres -h localhost -p 5432 -d shop -c "SELECT DISTINCT name FROM items ORDER BY name;"`)}`;
}

/** Writes the block; `ports` are the fixed app ports of javascript/http and javascript/sdk. */
export function writeBindingsTree(root: string, ports: { http: number; sdk: number }): void {
  const w = writer(root);
  w('bindings/components/cron.yaml', 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: tick\nspec:\n  type: bindings.cron\n  version: v1\n  metadata:\n  - name: schedule\n    value: "@every 3s"\n  - name: direction\n    value: input\n');
  w('bindings/components/db.yaml', 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: shopdb\nspec:\n  type: bindings.postgresql\n  version: v1\n  metadata:\n  - name: connectionString\n    value: "host=localhost port=5432 user=postgres password=secret dbname=shop"\n  - name: direction\n    value: output\n');
  w('bindings/db/docker-compose.yml', 'services:\n  db:\n    image: postgres\n    container_name: shopdb\n    ports:\n      - "5432:5432"\n    environment:\n      POSTGRES_PASSWORD: secret\n      POSTGRES_DB: shop\n');
  w('bindings/db/schema.sql', 'create table items (id int, name text);\n');
  w('bindings/items.json', JSON.stringify({ items: [{ id: 1, name: 'apple' }, { id: 2, name: 'pear' }] }));
  for (const [variant, port] of [['http', ports.http], ['sdk', ports.sdk]] as const) {
    const dir = `bindings/javascript/${variant}`;
    w(`${dir}/README.md`, readme(variant));
    w(`${dir}/dapr.yaml`, `version: 1\napps:\n  - appID: batch-${variant}\n    appDirPath: ./batch/\n    appPort: ${port}\n    command: ["node", "index.js"]\n    resourcesPath: ../../../components\n`);
    w(`${dir}/batch/index.js`, `${SIDECAR}const http = require('node:http');
const fs = require('node:fs');
async function batch() {
  const { items } = JSON.parse(fs.readFileSync('../../../items.json', 'utf8'));
  for (const item of items) {
    const sql = "insert into items (id, name) values (" + item.id + ", '" + item.name + "')";
    const r = await fetch(base + '/v1.0/bindings/shopdb', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ operation: 'exec', metadata: { sql } }) });
    if (!r.ok) { console.log('insert failed: ' + r.status + ' ' + await r.text()); return; }
    console.log('stored item ' + item.id + ' ' + item.name);
  }
  console.log('batch done');
}
http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method === 'POST' && req.url === '/tick') batch().catch((e) => console.log('batch failed: ' + e));
    res.end();
  });
}).listen(${port}, '127.0.0.1', () => console.log('listening'));
`);
  }
}
