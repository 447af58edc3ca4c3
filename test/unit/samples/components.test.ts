// A component pointed at the harness's PostgreSQL: the connection string's host, port, user and
// password replaced in both its forms, everything else kept, and the change said without the
// password. Pure.
import { describe, expect, it } from 'vitest';
import { pointAtServices, pointConnectionString } from '../../../harness/samples/components.ts';

const pg = { host: '127.0.0.1', port: 41234, user: 'postgres', password: 's3cret' };

describe('pointConnectionString', () => {
  it('replaces the connection fields of a key=value string and keeps the database and the rest', () => {
    expect(pointConnectionString('user=postgres password=docker host=localhost port=5432 dbname=orders pool_min_conns=1', pg))
      .toBe('user=postgres password=s3cret host=127.0.0.1 port=41234 dbname=orders pool_min_conns=1');
  });

  it('adds the fields the string leaves to defaults', () => {
    expect(pointConnectionString('dbname=shop', pg)).toBe('dbname=shop host=127.0.0.1 port=41234 user=postgres password=s3cret');
  });

  it('rewrites a URL\'s user, password, host and port, keeping its path and query', () => {
    expect(pointConnectionString('postgres://app:pw@db.example:5432/shop?sslmode=disable', pg)).toBe('postgres://postgres:s3cret@127.0.0.1:41234/shop?sslmode=disable');
    expect(pointConnectionString('postgresql://localhost/shop', pg)).toBe('postgresql://postgres:s3cret@127.0.0.1:41234/shop');
  });

  it('is nothing for a value of neither form', () => {
    expect(pointConnectionString('{{ .Env.DB }}', pg)).toBeUndefined();
  });
});

describe('pointAtServices with PostgreSQL', () => {
  const component = (type: string, field: string) => `apiVersion: dapr.io/v1alpha1\nkind: Component\nmetadata:\n  name: sqldb\nspec:\n  type: ${type}\n  version: v1\n  metadata:\n  - name: ${field}\n    value: "host=localhost port=5432 password=docker dbname=orders"\n`;

  it('points a PostgreSQL component\'s url or connectionString at the server and says so without a password', () => {
    const r = pointAtServices(component('bindings.postgres', 'url'), { postgres: pg });
    expect(r.text).toContain('value: "host=127.0.0.1 port=41234 password=s3cret dbname=orders user=postgres"');
    expect(r.changes).toEqual(['sqldb: url host=localhost port=5432 password=*** dbname=orders → host=127.0.0.1 port=41234 password=*** dbname=orders user=postgres']);
    expect(pointAtServices(component('state.postgresql', 'connectionString'), { postgres: pg }).changes).toHaveLength(1);
  });

  it('leaves other components, and PostgreSQL ones when the sample has no server', () => {
    expect(pointAtServices(component('bindings.mysql', 'url'), { postgres: pg }).changes).toEqual([]);
    expect(pointAtServices(component('bindings.postgres', 'url'), { redis: '127.0.0.1:1' }).changes).toEqual([]);
  });
});
