// A README's PostgreSQL in Docker mapped to the harness's server: the compose file read for the
// database and the SQL files, psql's connection flags left to the service, and a bindings README
// inferred as a runnable scenario (a postgres service, its cron server cut at its batch). Pure.
import path from 'node:path';
import { mmStep } from '../../helpers/mm-step.ts';
import { describe, expect, it } from 'vitest';
import { composePostgresSeed, psqlOnHarness } from '../../../harness/init/postgres-steps.ts';
import type { TreeView } from '../../../harness/init/infer.ts';
import { parseMmSteps } from '../../../harness/init/mm-steps.ts';
import { inferScenario } from '../../../harness/init/scenario.ts';
import { shellWords } from '../../../harness/docs/shell.ts';

const ROOT = '/q';
function memoryTree(files: Record<string, string>): TreeView {
  const abs = Object.fromEntries(Object.entries(files).map(([f, t]) => [path.join(ROOT, f), t]));
  const dirs = new Set(Object.keys(abs).flatMap((f) => { const out: string[] = []; for (let d = path.dirname(f); d !== '/'; d = path.dirname(d)) out.push(d); return out; }));
  return {
    isFile: (p) => p in abs,
    isDir: (p) => dirs.has(p),
    list: (dir) => [...new Set([...Object.keys(abs), ...dirs].filter((p) => path.dirname(p) === dir).map((p) => path.basename(p)))],
    read: (p) => abs[p],
  };
}
const step = (header: string, ...blocks: string[]) => `${mmStep(header, ...blocks)}\n`;

describe('docker compose up of PostgreSQL', () => {
  it('makes the database the compose file names and runs the folder\'s SQL files in name order', () => {
    const tree = memoryTree({
      'db/docker-compose.yml': 'services:\n  db:\n    build: .\n    environment:\n      POSTGRES_DB: "shop"\n',
      'db/Dockerfile': 'FROM postgres\nCOPY *.sql /docker-entrypoint-initdb.d/\n',
      'db/2-rows.sql': 'insert into t values (1);\n',
      'db/1-table.sql': 'create table t (n int);\n',
    });
    expect(composePostgresSeed('/q/db', tree)).toEqual({
      sh: 'createdb shop && psql -X -q -v ON_ERROR_STOP=1 -d shop -f 1-table.sql && psql -X -q -v ON_ERROR_STOP=1 -d shop -f 2-rows.sql',
      database: 'shop', sqlFiles: ['1-table.sql', '2-rows.sql'],
    });
  });

  it('reads the list form of environment, and makes no database the server already has', () => {
    const tree = memoryTree({ 'db/compose.yaml': 'services:\n  pg:\n    image: postgres:16\n    environment:\n      - POSTGRES_DB=postgres\n', 'db/init.sql': 'select 1;\n' });
    expect(composePostgresSeed('/q/db', tree)).toEqual({ sh: 'psql -X -q -v ON_ERROR_STOP=1 -d postgres -f init.sql', sqlFiles: ['init.sql'] });
  });

  it('is nothing for a compose file of another service, a broken one, none, or nothing to seed', () => {
    expect(composePostgresSeed('/q/db', memoryTree({ 'db/docker-compose.yml': 'services:\n  cache:\n    image: redis\n' }))).toBeUndefined();
    expect(composePostgresSeed('/q/db', memoryTree({ 'db/docker-compose.yml': 'services: [\n' }))).toBeUndefined();
    expect(composePostgresSeed('/q/db', memoryTree({ 'db/x.sql': 'select 1;' }))).toBeUndefined();
    expect(composePostgresSeed('/q/db', memoryTree({ 'db/docker-compose.yml': 'services:\n  db:\n    image: postgres\n' }))).toBeUndefined();
  });
});

describe('docker exec … psql', () => {
  it('is psql on the harness\'s server: the container and the connection flags left out, the rest quoted for sh', () => {
    expect(psqlOnHarness(shellWords('docker exec postgres psql -U postgres -d orders -c "SELECT * FROM orders;"'))).toBe("psql -d orders -c 'SELECT * FROM orders;'");
    expect(psqlOnHarness(shellWords('docker exec -i -t db psql --username postgres -p 5432 -h localhost --no-password --port=5432 -Ufoo -d x'))).toBe('psql -d x');
    expect(psqlOnHarness(shellWords("docker exec db psql -c \"select 'it''s'\""))).toBe(`psql -c 'select '\\''it'\\'''\\''s'\\'''`);
  });

  it('is nothing when no psql runs, or outside docker exec', () => {
    expect(psqlOnHarness(shellWords('docker exec db pg_dump x'))).toBeUndefined();
    expect(psqlOnHarness(shellWords('psql -d x'))).toBeUndefined();
    expect(psqlOnHarness(shellWords('docker run postgres psql'))).toBeUndefined();
  });
});

describe('a bindings README', () => {
  const files = {
    'bindings/components/cron.yaml': 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: tick\nspec:\n  type: bindings.cron\n  version: v1\n  metadata:\n  - name: schedule\n    value: "@every 5s"\n',
    'bindings/components/db.yaml': 'apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: db\nspec:\n  type: bindings.postgresql\n  version: v1\n  metadata:\n  - name: url\n    value: "host=localhost port=5432"\n',
    'bindings/db/docker-compose.yml': 'services:\n  db:\n    image: postgres\n    environment:\n      POSTGRES_DB: shop\n',
    'bindings/db/schema.sql': 'create table items (n int);\n',
    'bindings/javascript/http/dapr.yaml': 'version: 1\napps:\n  - appID: batch\n    appDirPath: ./batch/\n    appPort: 7300\n    command: ["node", "index.js"]\n    resourcesPath: ../../../components\n',
    'bindings/javascript/http/batch/index.js': 'console.log("stored item 1"); console.log("batch done");\n',
    'bindings/javascript/http/README.md': `# Items\n\n${step('name: Database', 'cd ../../db\ndocker compose up -d')}${step('name: Run\nexpected_stdout_lines:\n  - "stored item 1"\n  - "batch done"\noutput_match_mode: substring', 'dapr run -f .')}${step('name: Check\nexpected_stdout_lines:\n  - "1"', 'docker exec db psql -U postgres -d shop -c "select n from items"')}${step('name: Down', 'cd ../../db\ndocker compose down')}`,
  };

  it('runs on the harness\'s PostgreSQL: seeded and queried there, its cron server ending after the first batch', () => {
    const tree = memoryTree(files);
    const readme = '/q/bindings/javascript/http/README.md';
    const r = inferScenario(ROOT, readme, parseMmSteps(tree.read(readme)!), tree);
    const d = r.sample!;
    expect(d.skip).toBeUndefined();
    expect(d.services.map((s) => s.kind)).toEqual(['postgres']);
    expect(d.steps.map((s) => s.kind)).toEqual(['sh', 'run', 'sh']);
    expect(d.steps[0]!.value).toMatchObject({ sh: 'createdb shop && psql -X -q -v ON_ERROR_STOP=1 -d shop -f schema.sql', cwd: '../../db' });
    expect(d.steps[2]!.value).toMatchObject({ sh: "psql -d shop -c 'select n from items'", expect: { lines: ['1'] } });
    const app = (d.steps[1]!.value.apps as Record<string, { role: string; expect: unknown; until: unknown }>).batch!;
    expect(app.role).toBe('server');
    expect(app.until).toEqual(app.expect);
    expect(d.dropped.map((x) => x.what)).toContain('docker compose down');
  });

  it('leaves a server without a cron binding to end on its lines and a quiet moment (no cut)', () => {
    const { 'bindings/components/cron.yaml': _cron, ...rest } = files;
    const tree = memoryTree(rest);
    const readme = '/q/bindings/javascript/http/README.md';
    const d = inferScenario(ROOT, readme, parseMmSteps(tree.read(readme)!), tree).sample!;
    expect((d.steps[1]!.value.apps as Record<string, { until?: unknown }>).batch!.until).toBeUndefined();
    // The component alone says PostgreSQL is needed.
    expect(d.services.map((s) => s.kind)).toEqual(['postgres']);
  });
});
