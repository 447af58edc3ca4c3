// A bindings block run as a user would: `parity init`, `parity run --update`, then `parity run`.
// Real dapr and daprd, a real PostgreSQL (Debian's, one cluster copy per sample on a private
// port), a cron input binding that repeats its batch and a `bindings.postgresql` output binding.
// The README's `docker compose up` seeds the harness's server, its `docker exec … psql` queries it;
// the server app's golden is cut after its first batch, and the block's facts are the rows the
// database holds after the run.
import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailability } from '../../harness/services/postgres.ts';
import { writeBindingsTree } from '../helpers/bindings-tree.ts';
import { writeScenarioTree } from '../helpers/scenario-tree.ts';
import { pickTestPort } from '../helpers/leftovers.ts';
import { endParityChildren, PARITY_BIN, startParity } from '../helpers/parity-child.ts';
import { cleanTempDirsAfterAll, tempDir } from '../helpers/temp-dirs.ts';

cleanTempDirsAfterAll();
afterAll(endParityChildren);
const pg = await postgresAvailability();
const root = tempDir('parity-bindings-tree-');

describe.skipIf(Boolean(pg.missing))(`a bindings block on PostgreSQL${pg.missing ? ` (skipped: ${pg.missing})` : ''}`, () => {
  beforeAll(async () => {
    // A tree of several blocks (what init writes in the scenario form); only bindings runs.
    writeScenarioTree(root, { subscriberPort: await pickTestPort() });
    writeBindingsTree(root, { http: await pickTestPort(), sdk: await pickTestPort() });
    execFileSync(process.execPath, [PARITY_BIN, 'init', root], { stdio: 'pipe' });
  });

  it('init maps the Docker steps to the harness\'s PostgreSQL and cuts the cron server at its batch', () => {
    const yaml = readFileSync(path.join(root, 'samples.yaml'), 'utf8');
    const entry = yaml.slice(yaml.indexOf('- id: bindings/javascript/http'), yaml.indexOf('- id: bindings/javascript/sdk'));
    expect(entry).not.toMatch(/skip:/);
    expect(entry).toContain('services: [ postgres ]');
    expect(entry).toContain('- sh: createdb shop && psql -X -q -v ON_ERROR_STOP=1 -d shop -f schema.sql');
    expect(entry).toContain(`- sh: psql -d shop -c 'SELECT DISTINCT name FROM items ORDER BY name;'`);
    expect(entry).toMatch(/\n {12}until:\n/);
  });

  it('doctor reports the PostgreSQL server as it reports redis', () => {
    // Its exit code is about everything else too (toolchains, Dapr): only its PostgreSQL line is checked.
    const out = spawnSync(process.execPath, [PARITY_BIN, 'doctor', '--root', root, 'bindings'], { encoding: 'utf8' }).stdout;
    expect(out).toMatch(new RegExp(`^postgresql +${pg.version!.replace(/\./g, '\\.')} \\(started per sample on a private port\\)$`, 'm'));
  });

  it('records the batch once, then passes against it with the rows read from the database; nothing is left', async () => {
    const first = await startParity(root, ['bindings', '--update', '--concurrency', '2']).done;
    expect(first.code, first.describe()).toBe(0);
    // One batch, whatever the number the cron had fired by the time the run ended.
    for (const v of ['http', 'sdk']) {
      expect(readFileSync(path.join(root, `expected/bindings/javascript-${v}/batch-${v}.txt`), 'utf8')).toBe('listening\nstored item 1 apple\nstored item 2 pear\nbatch done\n');
    }
    const second = await startParity(root, ['bindings', '--concurrency', '2']).done;
    expect(second.code, second.describe()).toBe(0);
    expect(second.leftovers, second.describe()).toEqual([]);
    const r = second.report!;
    expect(r.samples.map((s) => [s.id, s.status]).sort()).toEqual([['bindings/javascript/http', 'passed'], ['bindings/javascript/sdk', 'passed']]);
    const s = r.samples.find((x) => x.id === 'bindings/javascript/http')!;
    expect(s.steps?.map((x) => [x.kind, x.ok])).toEqual([['sh', true], ['run', true], ['sh', true]]);
    expect(s.notes?.some((n) => /shopdb: connectionString host=localhost port=5432 user=postgres password=\*\*\* dbname=shop → host=127\.0\.0\.1 port=\[PORT\] user=postgres password=\*\*\* dbname=shop \(the sample's own PostgreSQL\)/.test(n)), JSON.stringify(s.notes)).toBe(true);
    expect(s.notes?.some((n) => n.includes("README's `docker compose up -d` runs against the harness's own PostgreSQL")), JSON.stringify(s.notes)).toBe(true);
    // The rows the database holds: a repeated batch inserts the same rows again, a set says them once.
    const rows = ['shop.items: 1, apple', 'shop.items: 2, pear'];
    expect(r.blocks).toEqual([{ block: 'bindings', rule: 'the same rows in the database after the run', ok: true, checked: 2, problems: [], facts: { 'bindings/javascript/http': { rows }, 'bindings/javascript/sdk': { rows } } }]);
    expect(readdirSync(os.tmpdir()).filter((e) => e.startsWith('parity-pg-'))).toEqual([]);
  }, 300_000);
});
